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
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.port.EdgeCompromiseRepository;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Usage and compromises flowing back from edges to owners (docs/replication.md). An edge signs, with its lockbox
 * signing key, a report to one owner: for each edge copy of that owner's, the uses served since it arrived, and each
 * copy revoked at the edge for Key Compromise with its occurrence date. The owner verifies the signature against the
 * edge's configured certificate and records each total, keeping the highest, and revokes each compromised object it
 * owns (Key Compromise, at the edge's occurrence date); its replication then carries the new state to every replica.
 * Reports are cumulative, so a repeated or late one changes nothing: reporting is idempotent and may be retried until
 * the owner is reachable. Each grown total and each compromise is audited at the owner, naming the edge.
 */
public final class EdgeReports {
    /** The JWS type of a usage report, distinct from a lockbox's. */
    public static final String TYPE = "donjon-edge-report+jws";

    private final Store store;
    private final KeyService keys;
    private final LockboxSealer sealer;
    private final Guard guard;
    private final Clock clock;
    private final String identity;
    private final Duration maxAge;

    public EdgeReports(Store store, KeyService keys, LockboxSealer sealer, AccessPolicy policy, Clock clock,
                       String identity, Duration maxAge) {
        this.store = store;
        this.keys = keys;
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

    /**
     * At an edge: the report to {@code owner} of the uses of its edge copies in the caller's project, and of those
     * revoked here for Key Compromise.
     */
    public Report report(CallContext call, String owner) {
        guard.authorize(call, Action.SECRET_LIST, null);
        if (!sealer.knowsRecipient(owner)) {
            throw new LockboxRefused(Reason.NOT_CONFIGURED, "no lockbox peer named '" + owner
                    + "' is configured on this server");
        }
        ProjectId project = call.principal().project();
        return sign(owner, store.read(tx -> tx.edgeUsage().totals(project, owner)),
                store.read(tx -> tx.edgeCompromises().of(owner, project)));
    }

    private Report sign(String owner, List<EdgeUsageRepository.Total> totals,
                        List<EdgeCompromiseRepository.Compromise> compromises) {
        Map<String, Object> uses = new LinkedHashMap<>();
        totals.forEach(total -> uses.put(total.object().toString(), total.uses()));
        Map<String, Object> compromised = new LinkedHashMap<>();
        for (EdgeCompromiseRepository.Compromise compromise : compromises) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("occurred", compromise.occurred().toString());
            if (compromise.message() != null) {
                entry.put("message", compromise.message());
            }
            compromised.put(compromise.object().toString(), entry);
        }
        LockboxHeader header = new LockboxHeader(identity, owner, UUID.randomUUID().toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new Report(sealer.sign(TYPE, header, Map.of("uses", uses, "compromised", compromised)),
                uses.size() + compromised.size());
    }

    /**
     * A report this edge sends by itself to {@code owner} (its delivery job), with what it carries: once the owner
     * answered, {@link #delivered} marks those totals and compromises acknowledged.
     */
    public record Outstanding(String owner, Report report, List<EdgeUsageRepository.Total> totals,
                              List<SecretId> compromises) {
        @Override
        public String toString() {
            return "Outstanding[" + owner + ", " + totals.size() + " totals, " + compromises.size() + " compromises]";
        }
    }

    /**
     * At an edge: the owners owed a report, because a use total grew or a compromise was recorded since the owner last
     * acknowledged them.
     */
    public List<String> ownersOwed() {
        return store.read(tx -> java.util.stream.Stream.concat(tx.edgeUsage().ownersOwed().stream(),
                tx.edgeCompromises().ownersPending().stream()).distinct().sorted().toList());
    }

    /**
     * At an edge: the report to {@code owner} of its edge copies in every project, signed now, and what it carries:
     * every total (cumulative) and every compromise not acknowledged yet.
     */
    public Outstanding outstanding(String owner) {
        List<EdgeUsageRepository.Total> totals = store.read(tx -> tx.edgeUsage().totals(null, owner));
        List<EdgeCompromiseRepository.Compromise> compromises = store.read(tx -> tx.edgeCompromises().of(owner, null))
                .stream().filter(compromise -> compromise.acknowledged() == null).toList();
        return new Outstanding(owner, sign(owner, totals, compromises), totals,
                compromises.stream().map(EdgeCompromiseRepository.Compromise::object).toList());
    }

    /**
     * At an edge: the owner answered {@code sent} with {@code outcomes} (per compromised object): what it carried is
     * acknowledged, a use served since stays owed. A compromise the owner refused is acknowledged too, with the
     * refusal as its outcome: sending it again would not change the owner's answer.
     */
    public void delivered(Outstanding sent, Map<String, String> outcomes) {
        Instant now = clock.instant();
        store.write(tx -> {
            sent.totals().forEach(total -> tx.edgeUsage().acknowledge(total.object(), total.uses()));
            sent.compromises().forEach(id -> tx.edgeCompromises().acknowledge(id,
                    outcomes.getOrDefault(id.toString(), "answered without an outcome"), now));
            return null;
        });
    }

    /**
     * What the owner made of a report.
     *
     * @param compromises per compromised object named in the report: {@code revoked}, {@code unchanged} (it was
     *                    compromised already) or {@code refused: <why>}
     */
    public record Received(String edge, int recorded, int unchanged, int unknown, Map<String, String> compromises) {
        public Received {
            compromises = Map.copyOf(compromises);
        }
    }

    /** The outcome of a compromise the owner applied. */
    public static final String REVOKED = "revoked";
    /** The outcome of a compromise of an object that was compromised already. */
    public static final String UNCHANGED = "unchanged";
    /** The prefix of the outcome of a compromise the owner refused. */
    public static final String REFUSED = "refused: ";

    /**
     * At the owner: records a report brought by a caller of this server, for objects in the caller's project. Uses of
     * an object the caller's project does not hold, or that this server does not own, are counted as unknown and
     * skipped (the edge may hold a copy this server no longer has); a compromise of such an object is refused.
     * Each compromise of an object this server owns is a Revoke (Key Compromise, at the occurrence date the edge
     * gives) run as the caller, so the caller needs the right to revoke.
     *
     * @throws LockboxRefused not a report, from an untrusted edge, addressed elsewhere or too old
     */
    public Received receive(CallContext call, String report) {
        guard.authorize(call, Action.SECRET_LIST, null);
        return apply(verified(report), call.principal().project(), project -> call);
    }

    /**
     * At the owner: records a report its edge sent by itself (the delivery job, docs/replication.md), authenticated
     * by the edge's signature alone: objects are found in whichever project holds them, and each change is made and
     * audited as the edge ({@code edge <name>}, an administrator of that project, auth method peer report).
     *
     * @throws LockboxRefused not a report, from an untrusted edge, addressed elsewhere or too old
     */
    public Received receiveFromEdge(String report, String requestId) {
        LockboxSealer.Statement statement = verified(report);
        String edge = statement.header().origin();
        return apply(statement, null, project -> new CallContext(new Principal("edge " + edge, project,
                Set.of(Role.ADMIN), AuthMethod.PEER_REPORT), requestId, null, "edge " + edge));
    }

    private LockboxSealer.Statement verified(String report) {
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
        if (!(statement.claims().get("uses") instanceof Map<?, ?>)) {
            throw new LockboxRefused(Reason.MALFORMED, "the report has no uses");
        }
        if (statement.claims().containsKey("compromised")
                && !(statement.claims().get("compromised") instanceof Map<?, ?>)) {
            throw new LockboxRefused(Reason.MALFORMED, "the report's compromised objects are not a map");
        }
        return statement;
    }

    /**
     * @param project the project the objects must be in, or {@code null} for any
     * @param caller  who acts on an object of a project
     */
    private Received apply(LockboxSealer.Statement statement, ProjectId project,
                           Function<ProjectId, CallContext> caller) {
        Map<?, ?> uses = (Map<?, ?>) statement.claims().get("uses");
        String edge = statement.header().origin();
        Instant now = guard.now();
        int[] counts = new int[3];
        store.write(tx -> {
            counts[0] = counts[1] = counts[2] = 0;
            for (Map.Entry<?, ?> entry : uses.entrySet()) {
                Optional<ManagedObject> object = owned(tx, String.valueOf(entry.getKey()), project);
                if (object.isEmpty() || !(entry.getValue() instanceof Number total) || total.longValue() < 0) {
                    counts[2]++;
                    continue;
                }
                SecretId id = object.get().id();
                if (tx.edgeUsage().recordReported(id, edge, total.longValue(), now)) {
                    counts[0]++;
                    tx.audit().append(AuditEvent.of(caller.apply(object.get().secret().project()), now,
                            Action.SECRET_USE, id.toString(), Outcome.SUCCESS,
                            "edge " + edge + " reported " + total.longValue() + " uses in all"));
                } else {
                    counts[1]++;
                }
            }
            return null;
        });
        Map<String, String> compromises = new LinkedHashMap<>();
        if (statement.claims().get("compromised") instanceof Map<?, ?> compromised) {
            for (Map.Entry<?, ?> entry : compromised.entrySet()) {
                String id = String.valueOf(entry.getKey());
                compromises.put(id, compromise(edge, id, entry.getValue(), project, caller));
            }
        }
        return new Received(edge, counts[0], counts[1], counts[2], compromises);
    }

    /** Applies one reported compromise; its outcome. */
    private String compromise(String edge, String reported, Object details, ProjectId project,
                              Function<ProjectId, CallContext> caller) {
        Optional<ManagedObject> held = SecretId.parse(reported).flatMap(id -> store.read(tx -> tx.objects().find(id)))
                .filter(o -> project == null || o.secret().project().equals(project));
        if (held.isEmpty()) {
            return refusedCompromise(edge, reported, project, caller, "no object " + reported + " is held here");
        }
        ManagedObject object = held.get();
        Optional<String> owner = Ownership.owner(object.attributes());
        if (owner.isPresent()) {
            return refusedCompromise(edge, reported, object.secret().project(), caller, "'" + identity
                    + "' does not own " + reported + ": it is a replica of '" + owner.get() + "', report it there");
        }
        LifecycleState state = object.state();
        if (state == LifecycleState.COMPROMISED || state == LifecycleState.DESTROYED_COMPROMISED) {
            return UNCHANGED;
        }
        Instant occurred = null;
        String message = null;
        if (details instanceof Map<?, ?> map) {
            try {
                occurred = map.get("occurred") == null ? null : Instant.parse(String.valueOf(map.get("occurred")));
            } catch (DateTimeParseException e) {
                return refusedCompromise(edge, reported, object.secret().project(), caller,
                        "the occurrence date is not an ISO-8601 instant");
            }
            message = map.get("message") == null ? null : String.valueOf(map.get("message"));
        }
        CallContext call = caller.apply(object.secret().project());
        String why = "Key Compromise reported by edge '" + edge + "'" + (message == null ? "" : ": " + message);
        try {
            keys.revoke(call, object.id(), new Revocation(RevocationReason.KEY_COMPROMISE, why), occurred);
        } catch (DomainException e) {
            return refusedCompromise(edge, reported, object.secret().project(), caller, e.getMessage());
        }
        store.record(AuditEvent.of(call, guard.now(), Action.SECRET_REVOKE, object.id().toString(),
                Outcome.SUCCESS, "edge " + edge + " reported a key compromise occurring at "
                        + (occurred == null ? "an unknown date" : occurred) + ": revoked here"));
        return REVOKED;
    }

    private String refusedCompromise(String edge, String reported, ProjectId project,
                                     Function<ProjectId, CallContext> caller, String why) {
        if (project != null) {
            store.record(AuditEvent.of(caller.apply(project), guard.now(), Action.SECRET_REVOKE,
                    SecretId.parse(reported).map(SecretId::toString).orElse(null), Outcome.FAILED,
                    "edge " + edge + " reported a key compromise, refused: " + why));
        }
        return REFUSED + why;
    }

    private Optional<ManagedObject> owned(StoreTx tx, String reported, ProjectId project) {
        return SecretId.parse(reported).flatMap(tx.objects()::find)
                .filter(o -> project == null || o.secret().project().equals(project))
                .filter(o -> Ownership.owner(o.attributes()).isEmpty());
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
