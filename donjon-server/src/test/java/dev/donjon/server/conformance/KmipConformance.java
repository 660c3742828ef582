package dev.donjon.server.conformance;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvXml;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** Replays one vector file against a server, carrying identifiers forward, and says how far it got. */
final class KmipConformance {
    /** Sends one request message and returns the response message. */
    @FunctionalInterface
    interface Transport {
        Ttlv exchange(Ttlv request) throws IOException, TtlvException;
    }

    enum Outcome { PASSED, FAILED, ERROR }

    /**
     * @param exchangesPassed how many request/response pairs matched before the first that did not
     * @param differences     why the first failing pair failed (empty when passed)
     */
    record Result(VectorFile vector, Outcome outcome, int exchangesPassed, List<String> differences) {
        String summary() {
            return switch (outcome) {
                case PASSED -> "pass (" + exchangesPassed + " exchanges)";
                case FAILED, ERROR -> outcome.name().toLowerCase() + " at exchange " + (exchangesPassed + 1) + "/"
                        + vector.exchanges().size() + ": " + String.join("; ",
                        differences.subList(0, Math.min(3, differences.size())));
            };
        }
    }

    private final Clock clock;
    /** Across the cases of one run against one server, as the server's objects outlive the case that made them. */
    private final java.util.Set<String> generatedByServer = new java.util.HashSet<>();

    KmipConformance(Clock clock) {
        this.clock = clock;
    }

    Result run(VectorFile vector, Transport transport) {
        Bindings bindings = new Bindings(generatedByServer);
        try {
            return replay(vector, transport, bindings);
        } finally {
            generatedByServer.addAll(bindings.generatedIdentifiers());
        }
    }

    private Result replay(VectorFile vector, Transport transport, Bindings bindings) {
        int passed = 0;
        for (VectorFile.Exchange exchange : vector.exchanges()) {
            try {
                XmlTree request = bindings.fill(exchange.request(), clock.instant());
                Ttlv response = transport.exchange(TtlvXml.decode(request.toXml()));
                XmlTree actual = XmlTree.parse(TtlvXml.encode(response));
                List<String> differences = ResponseMatcher.compare(exchange.expectedResponse(), actual, bindings);
                if (!differences.isEmpty()) {
                    return new Result(vector, Outcome.FAILED, passed, differences);
                }
                bindings.observe(actual);
                bindings.observeGenerated(actual);
                bindings.observeRegistered(request, actual);
                passed++;
            } catch (Bindings.UnboundPlaceholder | IOException | TtlvException | IllegalArgumentException e) {
                return new Result(vector, Outcome.ERROR, passed, List.of(e.getClass().getSimpleName() + ": "
                        + e.getMessage()));
            }
        }
        return new Result(vector, Outcome.PASSED, passed, List.of());
    }
}
