package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.DomainException.LockboxRefused;
import dev.donjon.server.domain.DomainException.LockboxRefused.Reason;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditEvent.Outcome;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.Ownership;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import dev.donjon.server.domain.port.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Usage flowing back from edges to owners (docs/replication.md). An edge signs, with its lockbox signing key, a report
 * to one owner: for each edge copy of that owner's in the caller's project, the uses served since it arrived. The
 * owner verifies the signature against the edge's configured certificate and records each total, keeping the highest
 * (totals are cumulative, so a repeated or late report changes nothing: reporting is idempotent and may be retried
 * until the owner is reachable). Each grown total is audited at the owner.
 */
public final class EdgeReports {
    /** The JWS type of a usage report, distinct from a lockbox's. */
    public static final String TYPE = "donjon-edge-report+jws";

    private final Store store;
    private final LockboxSealer sealer;
    private final Guard guard;
    private final Clock clock;
    private final String identity;
    private final Duration maxAge;

    public EdgeReports(Store store, LockboxSealer sealer, AccessPolicy policy, Clock clock, String identity,
                       Duration maxAge) {
        this.store = store;
        this.sealer = sealer;
        this.guard = new Guard(store, policy, clock, true);
        this.clock = clock;
        this.identity = identity;
        this.maxAge = maxAge;
    }

    /** A signed report and how many objects it covers. */
    public record Report(String report, int objects) {
        @Override
        public String toString() {
            return "Report[" + objects + "]";
        }
    }

    /** At an edge: the report to {@code owner} of the uses of its edge copies in the caller's project. */
    public Report report(CallContext call, String owner) {
        guard.authorize(call, Action.SECRET_LIST, null);
        if (!sealer.knowsRecipient(owner)) {
            throw new LockboxRefused(Reason.NOT_CONFIGURED, "no lockbox peer named '" + owner
                    + "' is configured on this server");
        }
        List<EdgeUsageRepository.Total> totals = store.read(tx -> tx.edgeUsage().totals(call.principal().project(),
                owner));
        Map<String, Object> uses = new LinkedHashMap<>();
        totals.forEach(total -> uses.put(total.object().toString(), total.uses()));
        LockboxHeader header = new LockboxHeader(identity, owner, UUID.randomUUID().toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new Report(sealer.sign(TYPE, header, Map.of("uses", uses)), uses.size());
    }

    /** What the owner made of a report. */
    public record Received(String edge, int recorded, int unchanged, int unknown) {
    }

    /**
     * At the owner: records a report. An object the caller's project does not hold, or that this server does not own,
     * is counted as unknown and skipped (the edge may hold a copy this server no longer has).
     *
     * @throws LockboxRefused not a report, from an untrusted edge, addressed elsewhere or too old
     */
    public Received receive(CallContext call, String report) {
        guard.authorize(call, Action.SECRET_LIST, null);
        LockboxSealer.Statement statement = sealer.verifyStatement(TYPE, report);
        LockboxHeader header = statement.header();
        if (!identity.equals(header.recipient())) {
            throw new LockboxRefused(Reason.MISADDRESSED, "the report is addressed to '" + header.recipient()
                    + "', this server is '" + identity + "'");
        }
        Instant now = guard.now();
        if (header.issuedAt().isBefore(now.minus(maxAge)) || header.issuedAt().isAfter(now.plus(
                LockboxService.CLOCK_SKEW))) {
            throw new LockboxRefused(Reason.EXPIRED, "the report was issued at " + header.issuedAt()
                    + ", outside " + maxAge.toSeconds() + " s of now");
        }
        if (!(statement.claims().get("uses") instanceof Map<?, ?> uses)) {
            throw new LockboxRefused(Reason.MALFORMED, "the report has no uses");
        }
        String edge = header.origin();
        int[] counts = new int[3];
        store.write(tx -> {
            counts[0] = counts[1] = counts[2] = 0;
            for (Map.Entry<?, ?> entry : uses.entrySet()) {
                Optional<SecretId> id = SecretId.parse(String.valueOf(entry.getKey()));
                Optional<ManagedObject> object = id.flatMap(tx.objects()::find)
                        .filter(o -> o.secret().project().equals(call.principal().project()))
                        .filter(o -> Ownership.owner(o.attributes()).isEmpty());
                if (object.isEmpty() || !(entry.getValue() instanceof Number total) || total.longValue() < 0) {
                    counts[2]++;
                    continue;
                }
                if (tx.edgeUsage().recordReported(id.get(), edge, total.longValue(), now)) {
                    counts[0]++;
                    tx.audit().append(AuditEvent.of(call, now, Action.SECRET_USE, id.get().toString(),
                            Outcome.SUCCESS, "edge " + edge + " reported " + total.longValue() + " uses in all"));
                } else {
                    counts[1]++;
                }
            }
            return null;
        });
        return new Received(edge, counts[0], counts[1], counts[2]);
    }

    /** At the owner: what the edges reported of {@code id}; needs the right to read it. */
    public List<EdgeUsageRepository.Reported> reported(CallContext call, SecretId id) {
        ManagedObject object = store.read(tx -> tx.objects().find(id))
                .filter(o -> o.secret().project().equals(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(DomainException.Missing.SECRET));
        guard.authorize(call, Action.SECRET_READ, id);
        return store.read(tx -> tx.edgeUsage().reported(object.id()));
    }
}
