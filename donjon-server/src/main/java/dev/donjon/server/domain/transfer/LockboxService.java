package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException.LockboxRefused;
import dev.donjon.server.domain.DomainException.LockboxRefused.Reason;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditEvent.Outcome;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.EdgeAllowance;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.Ownership;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.EdgeCompromiseRepository;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.object.RevocationReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Lockbox transfer: a managed object, its attributes and its key material sealed by this server for another one
 * (encrypted for the recipient, signed by this server), and the import of such a lockbox from a trusted origin. An
 * import is refused, and nothing stored, unless the signature verifies against a configured origin, the lockbox is
 * addressed to this server, it was issued within the freshness window and it was never imported before. The imported
 * object keeps its identifier and records where it came from in {@link #PROVENANCE}; refusals are audited.
 */
public final class LockboxService {
    /** The text attribute an imported object records its provenance in (a Donjon vendor attribute). */
    public static final String PROVENANCE = "x-donjon-provenance";
    /** How far in the future an issue time may lie: the two servers' clocks differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    /**
     * Consecutive upserts of a batch applied in one transaction: one commit (on SQLite one fsync) for up to this many
     * instead of one each, while the transaction holds the single writer for a bounded time.
     */
    static final int UPSERTS_PER_TRANSACTION = 32;

    private final Store store;
    private final KeyService keys;
    private final LockboxSealer sealer;
    private final AccessPolicy policy;
    private final Guard guard;
    private final Clock clock;
    private final String identity;
    private final Duration maxAge;

    /**
     * @param identity this server's lockbox identity: the origin of what it seals, the recipient it accepts
     * @param maxAge   how old a lockbox may be when it is imported
     */
    public LockboxService(Store store, KeyService keys, LockboxSealer sealer, AccessPolicy policy, Clock clock,
                          String identity, Duration maxAge) {
        this.store = store;
        this.keys = keys;
        this.sealer = sealer;
        this.policy = policy;
        this.guard = new Guard(store, policy, clock, true);
        this.clock = clock;
        this.identity = identity;
        this.maxAge = maxAge;
    }

    /** This service working through {@code joinedStore} and {@code joinedKeys}: inside one transaction. */
    private LockboxService joining(Store joinedStore, KeyService joinedKeys) {
        return new LockboxService(joinedStore, joinedKeys, sealer, policy, clock, identity, maxAge);
    }

    public String identity() {
        return identity;
    }

    /** A sealed lockbox and what its header says. */
    public record Sealed(LockboxHeader header, String lockbox) {
        @Override
        public String toString() {
            return "Sealed[" + header + "]";
        }
    }

    /**
     * Seals the object for {@code recipient}. Its key material leaves the server wrapped (under the recipient's key),
     * so a sensitive object may travel, a non-extractable one may not.
     */
    public Sealed export(CallContext call, SecretId id, String recipient) {
        return export(call, id, recipient, EdgeGrant.NONE);
    }

    /**
     * What an owner lends an edge with a replica (docs/replication.md): a lease and/or a number of uses, either
     * {@code null} for none. The lockbox carries them as {@link EdgeAllowance#LEASE_UNTIL} (the lockbox's issue time
     * plus the lease) and {@link EdgeAllowance#USES}.
     */
    public record EdgeGrant(Duration lease, Long uses) {
        public static final EdgeGrant NONE = new EdgeGrant(null, null);

        public EdgeGrant {
            if (lease != null && (lease.isNegative() || lease.isZero())) {
                throw new DomainException.InvalidInput("an edge lease must be positive");
            }
            if (uses != null && uses < 1) {
                throw new DomainException.InvalidInput("an edge usage allocation must be at least one use");
            }
        }

        boolean any() {
            return lease != null || uses != null;
        }
    }

    /**
     * As {@link #export(CallContext, SecretId, String)}, stamped with {@code grant} for an edge. Only the owner grants:
     * an edge copy is never sealed on, and a grant on a replica is refused.
     */
    public Sealed export(CallContext call, SecretId id, String recipient, EdgeGrant grant) {
        return sealFor(call, id, recipient, null, grant, UnaryOperator.identity());
    }

    /**
     * Seals a replication change of an object this server owns for the push peer {@code recipient}
     * (docs/replication.md): an upsert with the object's contents, {@code attributes} applied to them first (a handover
     * names the new owner), or a removal, which carries no contents.
     */
    public Sealed sealChange(CallContext call, SecretId id, String recipient, LockboxChange change,
                             UnaryOperator<ObjectAttributes> attributes) {
        if (change.kind() == LockboxChange.Kind.UPSERT) {
            return sealFor(call, id, recipient, change, EdgeGrant.NONE, attributes);
        }
        requireRecipient(recipient);
        LockboxHeader header = header(recipient);
        return new Sealed(header, sealer.sealChange(header, change, null));
    }

    /** Whether {@code message} is a batch of replication changes rather than a single one. */
    public boolean isBatch(String message) {
        return sealer.isBatch(message);
    }

    /** One change a batch may carry, and the caller the sender reads its object as (for an upsert). */
    public record BatchItem(CallContext call, LockboxChange change) {
    }

    /** A change the sender could not seal (a non-extractable key...) or the recipient refused: skipped, counted. */
    public record Skipped(long sequence, String objectId, String reason) {
    }

    /**
     * A sealed batch: {@code lockbox} carries {@code sent} ({@code null} when nothing could be sealed), {@code skipped}
     * the items that could not be, and {@code covered} how many of the items, from the first, it covers, sent or
     * skipped ({@code through} the last one's change number): the items after them did not fit in the size budget and
     * wait for the next batch.
     */
    public record SealedBatch(LockboxHeader header, String lockbox, List<LockboxChange> sent, List<Skipped> skipped,
                              int covered, long through) {
        @Override
        public String toString() {
            return "SealedBatch[" + header + ", " + sent.size() + " changes, through " + through + "]";
        }
    }

    /**
     * Seals replication changes of objects this server owns for the push peer {@code recipient}, as one batch under one
     * signature, in the order of {@code items}: as many as fit in about {@code maxBytes} of contents (at least one).
     * An item that cannot be sealed is skipped (and reported), the others go on.
     */
    public SealedBatch sealBatch(String recipient, List<BatchItem> items, int maxBytes) {
        requireRecipient(recipient);
        LockboxHeader header = header(recipient);
        List<LockboxChange> sent = new java.util.ArrayList<>();
        List<Skipped> skipped = new java.util.ArrayList<>();
        List<LockboxContents> upserts = new java.util.ArrayList<>();
        long through = -1;
        long bytes = 0;
        int covered = 0;
        try {
            for (BatchItem item : items) {
                if (bytes >= maxBytes) {
                    break;
                }
                covered++;
                LockboxChange change = item.change();
                if (change.kind() == LockboxChange.Kind.UPSERT) {
                    SecretId id = SecretId.parse(change.objectId()).orElseThrow();
                    try (KeyService.Revealed revealed = keys.reveal(item.call(), id,
                            KeyProtection.Exposure.WRAPPED)) {
                        ManagedObject object = revealed.object();
                        EdgeAllowance.refuseCopy(object.attributes(), "sealed for another server");
                        LockboxContents contents = new LockboxContents(id.toString(), object.secret().type(),
                                object.secret().algorithm(), object.secret().bitLength(), object.lifecycle(),
                                object.attributes(), new dev.donjon.server.domain.keys.Plaintext(revealed.material().bytes(),
                                        revealed.material().contentType()));
                        upserts.add(contents);
                        bytes += estimatedSize(contents);
                        store.record(AuditEvent.of(item.call(), guard.now(), Action.SECRET_READ_PAYLOAD,
                                id.toString(), Outcome.SUCCESS, "lockbox " + header.lockboxId() + " sealed for "
                                        + recipient + " (replication change " + change.sequence() + ", batch)"));
                    } catch (DomainException e) {
                        skipped.add(new Skipped(change.sequence(), change.objectId(), e.getMessage()));
                        through = change.sequence();
                        continue;
                    }
                } else {
                    bytes += 128;
                }
                sent.add(change);
                through = change.sequence();
            }
            String lockbox = sent.isEmpty() ? null : sealer.sealBatch(header, sent, upserts);
            return new SealedBatch(header, lockbox, List.copyOf(sent), List.copyOf(skipped), covered, through);
        } finally {
            upserts.forEach(LockboxContents::close);
        }
    }

    /** Roughly what an upsert adds to a batch: its material and attribute text, base64 and JSON overhead. */
    private static long estimatedSize(LockboxContents contents) {
        long text = contents.attributes().text().entrySet().stream()
                .mapToLong(e -> e.getKey().length() + e.getValue().stream().mapToLong(v -> v.length() + 4).sum())
                .sum();
        return contents.material().length() * 4L / 3 + text + contents.attributes().names().size() * 64L + 600;
    }

    private Sealed sealFor(CallContext call, SecretId id, String recipient, LockboxChange change, EdgeGrant grant,
                           UnaryOperator<ObjectAttributes> attributes) {
        requireRecipient(recipient);
        try (KeyService.Revealed revealed = keys.reveal(call, id, KeyProtection.Exposure.WRAPPED)) {
            ManagedObject object = revealed.object();
            EdgeAllowance.refuseCopy(object.attributes(), "sealed for another server");
            if (grant.any()) {
                Ownership.requireOwned(object);
            }
            LockboxHeader header = header(recipient);
            Instant now = header.issuedAt();
            ObjectAttributes granted = EdgeAllowance.granted(attributes.apply(object.attributes()),
                    grant.lease() == null ? null : now.plus(grant.lease()), grant.uses());
            LockboxContents contents = new LockboxContents(id.toString(), object.secret().type(),
                    object.secret().algorithm(), object.secret().bitLength(), object.lifecycle(), granted,
                    revealed.material());
            String lockbox = change == null ? sealer.seal(header, contents) : sealer.sealChange(header, change,
                    contents);
            store.record(AuditEvent.of(call, guard.now(), Action.SECRET_READ_PAYLOAD, id.toString(), Outcome.SUCCESS,
                    "lockbox " + header.lockboxId() + " sealed for " + recipient
                            + (change == null ? "" : " (replication change " + change.sequence() + ")")
                            + (grant.any() ? " (edge copy: "
                            + (grant.lease() == null ? "" : "lease until " + now.plus(grant.lease()))
                            + (grant.lease() != null && grant.uses() != null ? ", " : "")
                            + (grant.uses() == null ? "" : grant.uses() + " uses") + ")" : "")));
            return new Sealed(header, lockbox);
        }
    }

    private void requireRecipient(String recipient) {
        if (!sealer.knowsRecipient(recipient)) {
            throw new LockboxRefused(Reason.NOT_CONFIGURED, "no lockbox peer named '" + recipient
                    + "' is configured on this server");
        }
    }

    private LockboxHeader header(String recipient) {
        return new LockboxHeader(identity, recipient, UUID.randomUUID().toString(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Imports a lockbox into the caller's project; a refusal is audited and thrown, and nothing is stored.
     *
     * @param replica import a read-only replica whose owner stays the origin (or the owner the origin's own replica
     *                names), rather than a copy this server owns (docs/replication.md)
     */
    public ManagedObject importLockbox(CallContext call, String lockbox, boolean replica) {
        guard.authorize(call, Action.SECRET_CREATE, null);
        try {
            return admit(call, lockbox, replica);
        } catch (LockboxRefused refused) {
            store.record(AuditEvent.of(call, guard.now(), Action.SECRET_CREATE, null, Outcome.FAILED,
                    "lockbox refused (" + refused.reason().name().toLowerCase() + "): " + refused.getMessage()));
            throw refused;
        }
    }

    /** What applying a replication change did. */
    public record Applied(SecretId id, boolean ignored) {
    }

    /**
     * Applies a replication change pushed by an object's owner (docs/replication.md), checked as a lockbox import is;
     * a change not newer than the last one applied from that origin for the object is acknowledged and ignored (a
     * resend after a lost acknowledgement). An upsert creates or refreshes the replica in place, a removal destroys or
     * deletes it; the receipt and the applied sequence number commit with the change. A refusal is audited and thrown.
     */
    public Applied applyChange(CallContext call, String message) {
        guard.authorize(call, Action.SECRET_CREATE, null);
        try {
            LockboxSealer.Verified verified = sealer.verify(message);
            LockboxChange change = verified.change();
            if (change == null) {
                throw new LockboxRefused(Reason.MALFORMED, "the lockbox carries no replication change");
            }
            LockboxHeader header = admissible(verified);
            SecretId id = SecretId.parse(change.objectId()).orElseThrow(() -> new LockboxRefused(Reason.MALFORMED,
                    "the change's object identifier is not a UUID"));
            java.util.OptionalLong applied = store.read(tx -> tx.replicationLog().applied(header.origin(), id));
            if (applied.isPresent() && change.sequence() <= applied.getAsLong()) {
                return new Applied(id, true);
            }
            java.util.function.Consumer<dev.donjon.server.domain.port.StoreTx> recorded = tx -> {
                claim(tx, header, id);
                tx.replicationLog().recordApplied(header.origin(), id, change.sequence());
            };
            if (change.kind() == LockboxChange.Kind.UPSERT) {
                admitContents(call, verified, true, change, recorded);
            } else {
                keys.removeReplica(call, id, header.origin(), change.kind() == LockboxChange.Kind.DELETE,
                        "replication change " + change.sequence() + " from " + header.origin() + ": "
                                + change.kind().name().toLowerCase(java.util.Locale.ROOT) + " by the owner", recorded);
            }
            return new Applied(id, false);
        } catch (LockboxRefused refused) {
            store.record(AuditEvent.of(call, guard.now(), Action.SECRET_CREATE, null, Outcome.FAILED,
                    "replication change refused (" + refused.reason().name().toLowerCase() + "): "
                            + refused.getMessage()));
            throw refused;
        } catch (dev.donjon.server.domain.DomainException.Refused refused) {
            throw new LockboxRefused(Reason.DUPLICATE, refused.getMessage());
        }
    }

    /**
     * What applying a batch did: {@code through} is the highest change number of the batch such that it and every
     * change before it in the batch were applied, found already applied, or refused ({@code -1} if none); the owner
     * moves the peer's cursor exactly that far.
     */
    public record BatchApplied(String lockboxId, long through, int applied, int ignored, List<Skipped> refused) {
    }

    /**
     * Applies a batch of replication changes pushed by their owner (docs/replication.md). The batch is checked once
     * (signature of a configured origin, addressed here, fresh), then its changes are applied in order, each as
     * {@link #applyChange} applies one, with its receipt (the batch's identifier and the change's place in it) and its
     * applied number: a change not newer than the one last applied for its object is ignored, so that a batch sent
     * again, or overlapping one applied before, changes nothing. A change refused for its object (a local copy under
     * that identifier here...) is reported and the next one goes on; any other failure ends the batch there, and the
     * answer says how far it got.
     * <p>
     * Up to {@link #UPSERTS_PER_TRANSACTION} consecutive upserts share one transaction, each change in a savepoint of
     * its own (so a refused one undoes only itself): a replica catching up after an outage commits once per group
     * instead of once per change. A removal runs in a transaction of its own, because it hands a payload back to its
     * secret store once committed. What a group applied counts only once the group has committed.
     */
    public BatchApplied applyBatch(CallContext call, String message) {
        guard.authorize(call, Action.SECRET_CREATE, null);
        LockboxSealer.VerifiedBatch batch;
        List<LockboxContents> upserts;
        try {
            batch = sealer.verifyBatch(message);
            admissible(batch.header());
            upserts = sealer.openBatch(batch);
            long expected = batch.changes().stream().filter(c -> c.kind() == LockboxChange.Kind.UPSERT).count();
            if (upserts.size() != expected) {
                upserts.forEach(LockboxContents::close);
                throw new LockboxRefused(Reason.TAMPERED, "the batch's contents do not match its upserts");
            }
        } catch (LockboxRefused refused) {
            store.record(AuditEvent.of(call, guard.now(), Action.SECRET_CREATE, null, Outcome.FAILED,
                    "replication batch refused (" + refused.reason().name().toLowerCase() + "): "
                            + refused.getMessage()));
            throw refused;
        }
        List<LockboxChange> changes = batch.changes();
        BatchProgress done = new BatchProgress(batch.header());
        java.util.Iterator<LockboxContents> contents = upserts.iterator();
        try {
            int from = 0;
            while (from < changes.size()) {
                int to = from + 1;
                while (to < changes.size() && to - from < UPSERTS_PER_TRANSACTION
                        && changes.get(from).kind() == LockboxChange.Kind.UPSERT
                        && changes.get(to).kind() == LockboxChange.Kind.UPSERT) {
                    to++;
                }
                List<LockboxContents> opened = new java.util.ArrayList<>();
                for (LockboxChange change : changes.subList(from, to)) {
                    opened.add(change.kind() == LockboxChange.Kind.UPSERT ? contents.next() : null);
                }
                BatchProgress group = done.next();
                int first = from;
                List<LockboxChange> part = changes.subList(from, to);
                try {
                    if (part.size() == 1) {
                        applyGroup(call, group, first, part, opened);
                    } else {
                        keys.atomically(call, (joinedStore, joinedKeys) -> {
                            joining(joinedStore, joinedKeys).applyGroup(call, group, first, part, opened);
                            return null;
                        });
                    }
                } catch (RuntimeException e) {
                    if (done.through < 0) {
                        throw e;
                    }
                    break; // the group did not commit: it is sent again, and the answer says how far the batch got
                }
                done.take(group);
                if (group.stopped) {
                    break;
                }
                from = to;
            }
        } finally {
            upserts.forEach(LockboxContents::close);
        }
        return new BatchApplied(batch.header().lockboxId(), done.through, done.applied, done.ignored,
                List.copyOf(done.refusals));
    }

    /** How far a batch, or a group of its changes, got. */
    private static final class BatchProgress {
        private final LockboxHeader header;
        private long through;
        private int applied;
        private int ignored;
        private final List<Skipped> refusals = new java.util.ArrayList<>();
        private boolean stopped;

        BatchProgress(LockboxHeader header) {
            this.header = header;
            this.through = -1;
        }

        /** A group's progress, starting where this one is. */
        BatchProgress next() {
            BatchProgress group = new BatchProgress(header);
            group.through = through;
            return group;
        }

        /** Adds a committed group's progress. */
        void take(BatchProgress group) {
            through = group.through;
            applied += group.applied;
            ignored += group.ignored;
            refusals.addAll(group.refusals);
        }
    }

    /**
     * Applies {@code part}, the changes of a batch from place {@code first} on ({@code opened}: the contents of each
     * upsert, null for a removal), recording how far it got in {@code progress}.
     */
    private void applyGroup(CallContext call, BatchProgress progress, int first, List<LockboxChange> part,
                            List<LockboxContents> opened) {
        LockboxHeader header = progress.header;
        for (int i = 0; i < part.size(); i++) {
            LockboxChange change = part.get(i);
            // Each change has its own receipt (the batch and the change's place in it: a seed's changes share one
            // number), so that each change of a batch is admitted once.
            LockboxHeader receipt = new LockboxHeader(header.origin(), header.recipient(),
                    header.lockboxId() + "/" + (first + i), header.issuedAt());
            try {
                if (applyOne(call, receipt, change, opened.get(i))) {
                    progress.applied++;
                } else {
                    progress.ignored++;
                }
            } catch (LockboxRefused | DomainException.Refused | DomainException.Forbidden
                     | DomainException.InvalidInput | DomainException.PayloadTooLarge
                     | DomainException.NotFound refused) {
                progress.refusals.add(new Skipped(change.sequence(), change.objectId(), refused.getMessage()));
                store.record(AuditEvent.of(call, guard.now(), Action.SECRET_CREATE, change.objectId(),
                        Outcome.FAILED, "replication change " + change.sequence() + " from " + header.origin()
                                + " refused: " + refused.getMessage()));
            } catch (RuntimeException e) {
                if (progress.through < 0) {
                    throw e;
                }
                progress.stopped = true; // the rest is sent again: the answer says how far this batch got
                return;
            }
            progress.through = change.sequence();
        }
    }

    /**
     * Applies one change whose lockbox was checked; {@code upsert} its opened contents, for an upsert.
     *
     * @return whether it was applied ({@code false}: it was not newer than the last applied for the object)
     */
    private boolean applyOne(CallContext call, LockboxHeader header, LockboxChange change, LockboxContents upsert) {
        SecretId id = SecretId.parse(change.objectId()).orElseThrow(() -> new LockboxRefused(Reason.MALFORMED,
                "the change's object identifier is not a UUID"));
        java.util.OptionalLong applied = store.read(tx -> tx.replicationLog().applied(header.origin(), id));
        if (applied.isPresent() && change.sequence() <= applied.getAsLong()) {
            return false;
        }
        java.util.function.Consumer<dev.donjon.server.domain.port.StoreTx> recorded = tx -> {
            claim(tx, header, id);
            tx.replicationLog().recordApplied(header.origin(), id, change.sequence());
        };
        try {
            if (change.kind() == LockboxChange.Kind.UPSERT) {
                admitOpened(call, header, upsert, true, change, recorded);
            } else {
                keys.removeReplica(call, id, header.origin(), change.kind() == LockboxChange.Kind.DELETE,
                        "replication change " + change.sequence() + " from " + header.origin() + ": "
                                + change.kind().name().toLowerCase(java.util.Locale.ROOT) + " by the owner", recorded);
            }
        } catch (LockboxRefused refused) {
            throw refused;
        } catch (DomainException.Refused refused) {
            throw new LockboxRefused(Reason.DUPLICATE, refused.getMessage());
        }
        return true;
    }

    private void claim(dev.donjon.server.domain.port.StoreTx tx, LockboxHeader header, SecretId id) {
        if (!tx.lockboxReceipts().claim(header.origin(), header.lockboxId(), header.issuedAt(), guard.now(), id)) {
            throw replayed(header);
        }
    }

    private ManagedObject admit(CallContext call, String lockbox, boolean replica) {
        LockboxSealer.Verified verified = sealer.verify(lockbox);
        admissible(verified);
        return admitContents(call, verified, replica, null, tx -> { });
    }

    /** The checks before decrypting anything: recipient, freshness, replay. */
    private LockboxHeader admissible(LockboxSealer.Verified verified) {
        LockboxHeader header = verified.header();
        admissible(header);
        if (store.read(tx -> tx.lockboxReceipts().seen(header.origin(), header.lockboxId()))) {
            throw replayed(header);
        }
        return header;
    }

    /** Recipient and freshness. */
    private void admissible(LockboxHeader header) {
        if (!identity.equals(header.recipient())) {
            throw new LockboxRefused(Reason.MISADDRESSED, "the lockbox is addressed to '" + header.recipient()
                    + "', this server is '" + identity + "'");
        }
        Instant now = guard.now();
        if (header.issuedAt().isBefore(now.minus(maxAge))) {
            throw new LockboxRefused(Reason.EXPIRED, "the lockbox was issued at " + header.issuedAt()
                    + ", more than " + maxAge.toSeconds() + " s ago");
        }
        if (header.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new LockboxRefused(Reason.EXPIRED, "the lockbox claims to be issued at " + header.issuedAt()
                    + ", in the future");
        }
    }

    /**
     * Decrypts and imports a verified, admissible lockbox.
     *
     * @param change   the replication change it carries, when it is one: a handover from a new owner may then
     *                 replace the previous owner's object
     * @param recorded what else commits with the import (the replay receipt, the applied change)
     */
    private ManagedObject admitContents(CallContext call, LockboxSealer.Verified verified, boolean replica,
                                        LockboxChange change,
                                        java.util.function.Consumer<dev.donjon.server.domain.port.StoreTx> recorded) {
        try (LockboxContents contents = sealer.open(verified)) {
            return admitOpened(call, verified.header(), contents, replica, change, recorded);
        }
    }

    /** As {@link #admitContents}, of contents already decrypted (the caller closes them). */
    private ManagedObject admitOpened(CallContext call, LockboxHeader header, LockboxContents contents,
                                      boolean replica, LockboxChange change,
                                      java.util.function.Consumer<dev.donjon.server.domain.port.StoreTx> recorded) {
        Instant now = guard.now();
        {
            SecretId id = SecretId.parse(contents.objectId()).orElseThrow(() -> new LockboxRefused(Reason.MALFORMED,
                    "the lockbox's object identifier is not a UUID"));
            if (change != null && !change.objectId().equals(contents.objectId())) {
                throw new LockboxRefused(Reason.TAMPERED, "the change names another object than its contents");
            }
            String provenance = "origin=" + header.origin() + " lockbox=" + header.lockboxId() + " received=" + now;
            // A key that travelled before keeps the earlier legs: the attribute lists them, oldest first.
            List<String> legs = new java.util.ArrayList<>(contents.attributes().text().getOrDefault(PROVENANCE,
                    List.of()));
            legs.add(provenance);
            String owner = Ownership.owner(contents.attributes()).orElse(header.origin());
            ObjectAttributes attributes = contents.attributes().withText(PROVENANCE, legs)
                    .withText(Ownership.OWNER, replica ? List.of(owner) : List.of());
            // An edge grant limits a replica only: a copy this server owns is its own, unlimited.
            if (!replica) {
                attributes = EdgeAllowance.stripped(attributes);
            }
            NewObject spec = new NewObject(contents.type(), contents.algorithm(), contents.bitLength(), attributes,
                    null, null, NewObject.Derived.NONE);
            // A replica of the same owner already here is refreshed in place (the import replaces it), in the order
            // the owner sealed its lockboxes: an older one than the last applied is refused, the same state twice is
            // a replay. Anything else under the identifier is a duplicate.
            // A handover (docs/replication.md): the new owner's copy names the previous owner, which is the owner
            // of what is here (this server itself, or the server this replica follows): the previous owner and its
            // replicas follow the new one. This server hands over only once every change of the object reached the new
            // owner, so that the copy replacing its own lacks nothing it acknowledged.
            java.util.Optional<String> previous = change == null ? java.util.Optional.empty()
                    : Ownership.previousOwner(contents.attributes());
            java.util.Optional<ManagedObject> here = store.read(tx -> tx.objects().find(id))
                    .filter(existing -> existing.secret().project().equals(call.principal().project()));
            String ownerHere = here.map(existing -> Ownership.owner(existing.attributes()).orElse(identity))
                    .orElse(null);
            boolean handover = replica && here.isPresent() && previous.filter(p -> p.equals(ownerHere)).isPresent()
                    && !owner.equals(ownerHere);
            boolean refresh = replica && here.isPresent() && (handover
                    || here.flatMap(existing -> Ownership.owner(existing.attributes())).filter(owner::equals)
                    .isPresent());
            boolean handedOverByMe = handover && identity.equals(ownerHere);
            Lifecycle lifecycle = contents.lifecycle();
            if (refresh && lifecycle.state().compromised().isPresent()) {
                // An edge copy compromised here stays compromised when its owner, not told yet, refreshes it: the
                // owner's own revocation, once the report reached it, comes back compromised (docs/replication.md).
                java.util.Optional<EdgeCompromiseRepository.Compromise> compromised = store.read(
                        tx -> tx.edgeCompromises().find(id));
                if (compromised.isPresent()) {
                    lifecycle = lifecycle.revoke(new Revocation(RevocationReason.KEY_COMPROMISE,
                            compromised.get().message()), compromised.get().occurred(), now);
                }
            }
            try {
                return keys.importObject(call, id, spec, contents.material(), lifecycle, refresh,
                        "lockbox " + header.lockboxId() + " from " + header.origin()
                                + (replica ? (refresh ? " (replica refreshed, owned by " : " (replica owned by ")
                                + owner + ")" : ""), tx -> {
                            tx.lockboxReceipts().latestIssued(id).filter(header.issuedAt()::isBefore)
                                    .ifPresent(latest -> {
                                        throw new LockboxRefused(Reason.STALE, "the replica " + id + " was refreshed "
                                                + "from a lockbox issued at " + latest + ", after this one ("
                                                + header.issuedAt() + ")");
                                    });
                            if (handedOverByMe && tx.replicationLog().changedAfter(id,
                                    tx.replicationLog().cursor(header.origin()).sequence())) {
                                throw new LockboxRefused(Reason.STALE, "this server has changes of " + id
                                        + " that have not reached '" + header.origin() + "' yet: retry the handover"
                                        + " once they have");
                            }
                            if (change == null && !tx.lockboxReceipts().claim(header.origin(), header.lockboxId(),
                                    header.issuedAt(), now, id)) {
                                throw replayed(header);
                            }
                            recorded.accept(tx);
                            // A newer lockbox from the owner renews an edge copy: its allocation starts again.
                            if (replica) {
                                tx.edgeUsage().renew(id);
                            }
                        });
            } catch (KeyService.IdentifierTaken e) {
                throw new LockboxRefused(Reason.DUPLICATE, "an object with the lockbox's identifier " + id
                        + " already exists on this server");
            }
        }
    }

    private static LockboxRefused replayed(LockboxHeader header) {
        return new LockboxRefused(Reason.REPLAYED, "lockbox " + header.lockboxId() + " from '" + header.origin()
                + "' was imported already");
    }
}
