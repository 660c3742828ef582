package dev.donjon.server.app;

import dev.donjon.server.domain.InfrastructureFailure;
import dev.donjon.server.kmipserver.KmipListener;
import dev.donjon.server.net.ConnectionBudget;
import dev.donjon.server.net.ListenerConnections;
import dev.donjon.server.store.JdbcStore;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code /readyz} reports: whether this node can serve, and if not why, for load balancers and operators. It
 * reads the database (one indexed row), reports a write that failed in the last minute with none succeeding since (a
 * full disk fails every write while reads go on), and compares each listener's connections and the process's
 * descriptors with their limits; a node at any of them is saturated, and says so rather than timing out.
 */
final class Readiness {
    /** Descriptors in use, as a share of the limit, from which the node reports itself saturated. */
    private static final double DESCRIPTOR_SATURATION = 0.9;

    /** How long a failed write keeps the node reported unready, unless a later write succeeds. */
    private static final java.time.Duration WRITE_FAILURE_WINDOW = java.time.Duration.ofMinutes(1);

    /** Shared: an ObjectMapper is costly to build and thread-safe once configured. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Initialises this class, that is builds its Jackson mapper (Jackson's own class initialisations), ahead of the
     * first probe's answer: a server start calls it on another thread while the node opens.
     */
    static void prepare() {
        JSON.getNodeFactory();
    }

    private final JdbcStore store;
    private final KmipListener kmip;
    private final int restPort;
    private final int restMax;

    /** @param restPort the REST listener's bound port, whose connections are counted against {@code restMax} */
    Readiness(JdbcStore store, KmipListener kmip, int restPort, int restMax) {
        this.store = store;
        this.kmip = kmip;
        this.restPort = restPort;
        this.restMax = restMax;
    }

    /** @param problems empty when ready; each says what is wrong, without stored values */
    record Report(List<String> problems, String database, String restConnections, String kmipConnections,
                  String descriptors) {
        boolean ready() {
            return problems.isEmpty();
        }
    }

    /** The answer to a probe path, or {@code null} for any other path. */
    dev.donjon.server.rest.Exchange.Outgoing answer(String path) {
        var json = JSON.createObjectNode();
        int status = 200;
        switch (path) {
            case "/healthz" -> json.put("status", "alive");
            case "/readyz" -> {
                Report report = check();
                status = report.ready() ? 200 : 503;
                json.put("status", report.ready() ? "ready" : "not ready");
                json.putPOJO("problems", report.problems());
                json.put("database", report.database());
                json.put("rest_connections", report.restConnections());
                json.put("kmip_connections", report.kmipConnections());
                json.put("descriptors", report.descriptors());
            }
            default -> {
                return null;
            }
        }
        return new dev.donjon.server.rest.Exchange.Outgoing(status,
                new java.util.LinkedHashMap<>(java.util.Map.of("Content-Type", "application/json",
                        "Cache-Control", "no-store")),
                json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Report check() {
        List<String> problems = new ArrayList<>();
        String database = "ok";
        try {
            store.read(tx -> tx.tokens().revocationVersion());
        } catch (RuntimeException e) {
            database = e instanceof InfrastructureFailure failure ? failure.diagnosis() : e.getClass().getSimpleName();
            problems.add("database: " + database);
        }
        var writeFailure = store.lastWriteFailure(java.time.Instant.now().minus(WRITE_FAILURE_WINDOW));
        if (writeFailure.isPresent() && database.equals("ok")) {
            database = "writes failing: " + writeFailure.get();
            problems.add("database: the last write failed: " + writeFailure.get());
        }
        // The kernel's count, so it includes clients waiting in the backlog for a slot (and this probe).
        int rest = ListenerConnections.count(restPort);
        String restConnections = rest < 0 ? "unknown" : rest + "/" + restMax;
        if (rest >= restMax) {
            problems.add("REST listener at its connection limit (" + restConnections + ")");
        }
        String kmipConnections = "disabled";
        if (kmip != null) {
            kmipConnections = kmip.openConnections() + "/" + kmip.maxConnections();
            if (kmip.openConnections() >= kmip.maxConnections()) {
                problems.add("KMIP listener at its connection limit (" + kmipConnections + ")");
            }
        }
        long open = ConnectionBudget.openDescriptors();
        long limit = ConnectionBudget.descriptorLimit();
        String descriptors = open < 0 ? "unknown" : open + "/" + limit;
        if (open >= 0 && open >= limit * DESCRIPTOR_SATURATION) {
            problems.add("file descriptors nearly exhausted (" + descriptors + ")");
        }
        return new Report(List.copyOf(problems), database, restConnections, kmipConnections, descriptors);
    }
}
