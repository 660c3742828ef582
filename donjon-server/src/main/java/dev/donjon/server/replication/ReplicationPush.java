package dev.donjon.server.replication;

import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.Ownership;
import dev.donjon.server.domain.port.ReplicationLog;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.replication.OwnerChannel;
import dev.donjon.server.domain.replication.Subscription;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.transfer.LockboxChange;
import dev.donjon.server.domain.transfer.LockboxService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The replication sender (docs/replication.md): pushes the change log, in order, to every push peer over KMIP mutual
 * TLS, in batches: many changes under one lockbox signed by this server (the upserts' contents encrypted together for
 * that peer), one KMIP round trip per batch, moving the peer's cursor exactly as far as the peer's answer says it
 * applied. Each peer has its own send loop (a thread), so that a slow or unreachable peer never delays the others. A
 * peer that cannot be reached keeps its cursor, and its loop tries it again with a growing pause, from the cursor:
 * after either side was down, it resumes where the peer's last answer left it. A peer's refusal of one change (the
 * object is a local copy there...) is reported in its answer, logged and counted in the cursor, and the batch goes on,
 * so that one object never blocks the others.
 * <p>
 * With several nodes on one database, one of them sends (a job lease), as the notification relay does. Only objects
 * this server owns are sent; a replica's changes are its owner's to send. Within a batch an object changed several
 * times is sent once, as it is now, under its newest change's number: the replica then holds the owner's state as of
 * that change, and ignores anything older.
 */
public final class ReplicationPush implements OwnerChannel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationPush.class);
    static final String LEASE = "replication-push";
    private static final Duration LEASE_TTL = Duration.ofSeconds(15);
    private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);
    /** How often an idle loop looks at the log for what other nodes (or a wake-up before the commit) added. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(1);
    /** Log rows read per round: enough to fill a batch after the repeated changes of an object are folded. */
    private static final int SCAN = 1000;
    /** Changes per batch, and about how many bytes of contents: well inside the KMIP message limit (1 MiB). */
    static final int BATCH_CHANGES = 256;
    static final int BATCH_BYTES = 256 * 1024;

    private final Store store;
    private final JobLeases leases;
    private final LockboxService lockboxes;
    private final Clock clock;
    private final String holder;
    private final List<PeerLink> peers;
    private final List<PeerLoop> loops;
    private volatile boolean closing;
    private JobLease lease;
    private Instant leaseRenewal = Instant.MIN;
    private Instant lastPrune = Instant.MIN;

    private ReplicationPush(Store store, JobLeases leases, LockboxService lockboxes, Clock clock, String holder,
                            List<PeerLink> peers) {
        this.store = store;
        this.leases = leases;
        this.lockboxes = lockboxes;
        this.clock = clock;
        this.holder = holder;
        this.peers = List.copyOf(peers);
        this.loops = this.peers.stream().map(PeerLoop::new).toList();
    }

    /** @param peers each push peer's name and endpoint, in configuration order */
    public static ReplicationPush start(Store store, JobLeases leases, LockboxService lockboxes, Clock clock,
                                        String holder, Map<String, dev.donjon.server.config.DonjonConfig.ReplicationPush> peers) {
        List<PeerLink> links = new ArrayList<>();
        peers.forEach((name, push) -> links.add(new PeerLink(name, push)));
        ReplicationPush sender = new ReplicationPush(store, leases, lockboxes, clock, holder, links);
        sender.loops.forEach(loop -> loop.thread.start());
        LOG.info("replication: pushing this server's changes to {}", links.stream()
                .map(link -> link.name() + " (" + link.endpoint() + ")").toList());
        return sender;
    }

    /** Looks at the log now rather than at the next poll (called as changes are recorded). */
    public void wake() {
        loops.forEach(loop -> loop.wake.release());
    }

    /**
     * Tells {@code owner} at once, and waits for its answer, that this server takes {@code id} over from it: the object
     * as it will be here, sealed for the owner as a change numbered after everything this server recorded so far.
     */
    @Override
    public Answer handOver(CallContext call, SecretId id, String owner, UnaryOperator<ObjectAttributes> promoted) {
        Optional<PeerLink> link = peers.stream().filter(p -> p.name().equals(owner)).findFirst();
        if (link.isEmpty()) {
            return new Answer.NoChannel();
        }
        long sequence = store.read(tx -> tx.audit().head().seq());
        LockboxService.Sealed sealed = lockboxes.sealChange(call, id, owner,
                new LockboxChange(sequence, LockboxChange.Kind.UPSERT, id.toString()), promoted);
        try {
            link.get().send(sealed.lockbox());
            return new Answer.Acknowledged();
        } catch (IOException e) {
            return new Answer.Unreachable(e.toString());
        } catch (KmipOperationException e) {
            return new Answer.Refused(e.getMessage());
        }
    }

    /** One peer's send loop: its own thread, its own pause after a failure. */
    private final class PeerLoop {
        private final PeerLink peer;
        private final Semaphore wake = new Semaphore(0);
        private final Thread thread;
        private Duration backoff;

        PeerLoop(PeerLink peer) {
            this.peer = peer;
            this.thread = Thread.ofPlatform().daemon().name("replication-push-" + peer.name()).unstarted(this::run);
        }

        private void run() {
            try {
                while (!closing) {
                    boolean busy = false;
                    try {
                        if (holdsLease()) {
                            busy = pushTo(this);
                            prune();
                        }
                    } catch (RuntimeException e) {
                        // The database is unreachable or the lease was lost: the next round tries again.
                        LOG.warn("replication: round for {} failed: {}", peer.name(), e.toString());
                    }
                    if (backoff != null) {
                        Thread.sleep(backoff.toMillis());
                    } else if (!busy) {
                        idle(wake);
                    }
                }
            } catch (InterruptedException e) {
                // closing
            } finally {
                peer.close();
            }
        }

        /**
         * Sends one sealed batch.
         *
         * @return the peer's answer, or null when the batch did not get through or was refused as a whole (not fresh,
         *     not addressed to the peer, an origin it does not trust, or its store failing): nothing was applied,
         *     nothing is skipped, and the loop pauses before sending it again
         */
        private PeerLink.BatchAnswer send(String lockbox, String what) {
            try {
                return peer.sendBatch(lockbox);
            } catch (IOException e) {
                failed(e.toString());
            } catch (KmipOperationException e) {
                failed(what + " refused: " + e.reason() + " " + e.getMessage());
            }
            return null;
        }

        private void recovered(long at) {
            if (backoff != null) {
                backoff = null;
                LOG.info("replication: {} ({}) takes changes again, at change {}", peer.name(), peer.endpoint(), at);
            }
        }

        private void failed(String why) {
            Duration previous = backoff;
            backoff = previous == null ? Duration.ofMillis(200)
                    : previous.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : previous.multipliedBy(2);
            if (previous == null) {
                LOG.warn("replication: {} ({}) did not take its changes ({}); they wait in the log, retrying",
                        peer.name(), peer.endpoint(), why);
            }
        }
    }

    /**
     * Sends the peer its next batch and moves its cursor as far as the peer's answer says.
     *
     * @return whether the cursor moved (there may be more)
     */
    private boolean pushTo(PeerLoop loop) {
        PeerLink peer = loop.peer;
        if (!store.read(tx -> tx.replicationLog().hasCursor(peer.name()))) {
            return seed(loop);
        }
        ReplicationLog.Cursor cursor = store.read(tx -> tx.replicationLog().cursor(peer.name()));
        List<ReplicationLog.Change> changes = store.read(tx -> tx.replicationLog().after(cursor.sequence(), SCAN));
        if (changes.isEmpty()) {
            return false;
        }
        // Each object once, as of its newest change in the window, in the order of those newest changes.
        Map<SecretId, ReplicationLog.Change> newest = new LinkedHashMap<>();
        for (ReplicationLog.Change change : changes) {
            newest.remove(change.object());
            newest.put(change.object(), change);
        }
        // The batch: up to BATCH_CHANGES of them. Moving the cursor to the last one's number passes only changes
        // either in the batch or superseded by a later change of the same object, which a later batch carries.
        List<LockboxService.BatchItem> items = new ArrayList<>();
        long limit = changes.getLast().sequence();
        int taken = 0;
        for (ReplicationLog.Change change : newest.values()) {
            if (taken == BATCH_CHANGES) {
                break;
            }
            taken++;
            item(change, peer).ifPresent(items::add);
            if (taken == BATCH_CHANGES && taken < newest.size()) {
                limit = change.sequence();
            }
        }
        long refused = cursor.refused();
        long done = limit;
        List<LockboxChange> sent = List.of();
        List<PeerLink.BatchAnswer.Refusal> refusals = List.of();
        if (!items.isEmpty()) {
            LockboxService.SealedBatch sealed = lockboxes.sealBatch(peer.name(), items, BATCH_BYTES);
            if (sealed.through() < items.getLast().change().sequence()) {
                done = sealed.through(); // the rest did not fit: the next batch
            }
            if (sealed.lockbox() != null) {
                PeerLink.BatchAnswer answer = loop.send(sealed.lockbox(), "batch");
                if (answer == null) {
                    return false;
                }
                if (answer.through() < sealed.sent().getLast().sequence()) {
                    done = answer.through(); // the peer stopped part-way: it says where
                }
                sent = sealed.sent();
                refusals = answer.refused();
                for (PeerLink.BatchAnswer.Refusal refusal : answer.refused()) {
                    refused++;
                    LOG.warn("replication: {} refused change {} of {}: {}", peer.name(), refusal.sequence(),
                            refusal.object(), refusal.reason());
                }
            }
            for (LockboxService.Skipped skipped : sealed.skipped()) {
                if (skipped.sequence() <= done) {
                    refused++;
                    LOG.warn("replication: change {} of {} cannot be sealed for {}: {}", skipped.sequence(),
                            skipped.objectId(), peer.name(), skipped.reason());
                }
            }
        }
        if (done <= cursor.sequence()) {
            loop.failed("the peer applied none of the batch");
            return false;
        }
        long through = done;
        Holdings holdings = Holdings.of(sent.stream().filter(change -> change.sequence() <= through).toList(),
                refusals);
        ReplicationLog.Cursor moved = new ReplicationLog.Cursor(done, refused);
        store.write(tx -> {
            tx.replicationLog().advance(peer.name(), moved, clock.instant());
            holdings.record(tx.replicationLog(), peer);
            return null;
        });
        loop.recovered(done);
        return true;
    }

    /**
     * Seeds a peer without a cursor (newly configured): the current state of every object this server owns, a page
     * of objects per batch, each as an upsert numbered with the log's position when the seed began (its snapshot);
     * then the peer's cursor starts at the snapshot. What changed during the seed is in the log after the snapshot
     * (the log keeps it: a peer without a cursor holds pruning back), and reaches the peer next, newer than what the
     * seed sent. The paging position is stored with each acknowledged page, so that a restart resumes the seed.
     *
     * @return whether the seed moved on
     */
    private boolean seed(PeerLoop loop) {
        PeerLink peer = loop.peer;
        ReplicationLog.Seed seed = store.read(tx -> tx.replicationLog().seed(peer.name())).orElse(null);
        if (seed == null) {
            store.write(tx -> {
                tx.replicationLog().startSeed(peer.name(), tx.audit().head().seq(), clock.instant());
                return null;
            });
            seed = store.read(tx -> tx.replicationLog().seed(peer.name())).orElseThrow();
            LOG.info("replication: seeding {}: every object this server owns, then the log after change {}",
                    peer.name(), seed.snapshot());
        }
        String after = seed.after();
        List<SecretId> page = store.read(tx -> tx.replicationLog().objectsAfter(after, BATCH_CHANGES));
        if (page.isEmpty()) {
            store.write(tx -> {
                tx.replicationLog().finishSeed(peer.name(), clock.instant());
                return null;
            });
            LOG.info("replication: {} seeded; it follows the log from change {}", peer.name(), seed.snapshot());
            return true;
        }
        List<LockboxService.BatchItem> items = new ArrayList<>();
        for (SecretId id : page) {
            Optional<ManagedObject> found = store.read(tx -> tx.objects().find(id));
            // A replica here is its owner's to send; a destroyed object has nothing left to copy.
            if (found.isPresent() && Ownership.owner(found.get().attributes()).isEmpty()
                    && !found.get().state().isDestroyed() && peer.subscription().selects(found.get())) {
                ReplicationLog.Change change = new ReplicationLog.Change(seed.snapshot(), id);
                items.add(new LockboxService.BatchItem(call(found.get().secret().project(), change),
                        new LockboxChange(seed.snapshot(), LockboxChange.Kind.UPSERT, id.toString())));
            }
        }
        String reached = page.getLast().toString();
        Holdings holdings = Holdings.NONE;
        if (!items.isEmpty()) {
            LockboxService.SealedBatch sealed = lockboxes.sealBatch(peer.name(), items, BATCH_BYTES);
            if (sealed.covered() < items.size()) {
                reached = items.get(sealed.covered() - 1).change().objectId();
            }
            if (sealed.lockbox() != null) {
                PeerLink.BatchAnswer answer = loop.send(sealed.lockbox(), "seed batch");
                if (answer == null) {
                    return false;
                }
                if (answer.processed() < sealed.sent().size()) {
                    if (answer.processed() == 0) {
                        loop.failed("the peer applied none of the seed batch");
                        return false;
                    }
                    reached = sealed.sent().get(answer.processed() - 1).objectId();
                }
                holdings = Holdings.of(sealed.sent().subList(0, Math.min(answer.processed(), sealed.sent().size())),
                        answer.refused());
                answer.refused().forEach(refusal -> LOG.warn("replication: {} refused the seed of {}: {}",
                        peer.name(), refusal.object(), refusal.reason()));
            }
            sealed.skipped().forEach(skipped -> LOG.warn("replication: {} cannot be sealed for {}'s seed: {}",
                    skipped.objectId(), peer.name(), skipped.reason()));
        }
        String position = reached;
        Holdings seeded = holdings;
        store.write(tx -> {
            tx.replicationLog().seeded(peer.name(), position);
            seeded.record(tx.replicationLog(), peer);
            return null;
        });
        loop.recovered(seed.snapshot());
        return true;
    }

    /**
     * The change as this server sends it, or empty if the object is a replica here (its owner sends it) or the peer
     * does not subscribe to it. An object that left a peer's subscription (its Object Group removed, say) is removed
     * there, if the peer holds it. A deleted object's subscription cannot be told any more: its removal goes to every
     * peer, and a peer that never held it only records it.
     */
    private Optional<LockboxService.BatchItem> item(ReplicationLog.Change change, PeerLink peer) {
        Subscription subscription = peer.subscription();
        Optional<ManagedObject> found = store.read(tx -> tx.objects().find(change.object()));
        String id = change.object().toString();
        if (found.isEmpty()) {
            return Optional.of(new LockboxService.BatchItem(null,
                    new LockboxChange(change.sequence(), LockboxChange.Kind.DELETE, id)));
        }
        ManagedObject object = found.get();
        if (Ownership.owner(object.attributes()).isPresent()) {
            return Optional.empty();
        }
        if (!subscription.selects(object)) {
            boolean held = !subscription.equals(Subscription.EVERYTHING)
                    && store.read(tx -> tx.replicationLog().holds(peer.name(), change.object()));
            return held ? Optional.of(new LockboxService.BatchItem(null,
                    new LockboxChange(change.sequence(), LockboxChange.Kind.DELETE, id))) : Optional.empty();
        }
        LockboxChange.Kind kind = object.state().isDestroyed() ? LockboxChange.Kind.DESTROY
                : LockboxChange.Kind.UPSERT;
        return Optional.of(new LockboxService.BatchItem(call(object.secret().project(), change),
                new LockboxChange(change.sequence(), kind, id)));
    }

    /**
     * What a peer holds after acknowledging {@code acknowledged} (the changes of a batch it applied, found applied, or
     * refused), less those it refused: an upsert or a destroy leaves the object there, a delete removes it.
     */
    private record Holdings(List<SecretId> kept, List<SecretId> removed) {
        static final Holdings NONE = new Holdings(List.of(), List.of());

        static Holdings of(List<LockboxChange> acknowledged, List<PeerLink.BatchAnswer.Refusal> refusals) {
            Set<String> refused = new java.util.HashSet<>();
            refusals.forEach(refusal -> refused.add(refusal.object()));
            List<SecretId> kept = new ArrayList<>();
            List<SecretId> removed = new ArrayList<>();
            for (LockboxChange change : acknowledged) {
                if (refused.contains(change.objectId())) {
                    continue;
                }
                SecretId id = SecretId.parse(change.objectId()).orElseThrow();
                (change.kind() == LockboxChange.Kind.DELETE ? removed : kept).add(id);
            }
            return new Holdings(kept, removed);
        }

        /** Kept only for a peer with a subscription: one that receives everything is told of every change anyway. */
        void record(ReplicationLog log, PeerLink peer) {
            if (!peer.subscription().equals(Subscription.EVERYTHING) && (!kept.isEmpty() || !removed.isEmpty())) {
                log.recordHoldings(peer.name(), kept, removed);
            }
        }
    }

    /** The sender reads an object's key material as an administrator of its project, audited under this name. */
    private static CallContext call(ProjectId project, ReplicationLog.Change change) {
        return new CallContext(new Principal("replication-push", project, Set.of(Role.ADMIN), AuthMethod.LOCAL_ADMIN),
                "replication-" + change.sequence());
    }

    /** Drops the changes every push peer has acknowledged (at most once a second, whichever loop gets there). */
    private void prune() {
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
                return;
            }
            lastPrune = now;
        }
        long everywhere = store.read(tx -> peers.stream()
                .mapToLong(peer -> tx.replicationLog().cursor(peer.name()).sequence()).min().orElse(0));
        if (everywhere > 0) {
            store.write(tx -> {
                tx.replicationLog().prune(everywhere);
                return null;
            });
        }
    }

    private synchronized boolean holdsLease() {
        Instant now = clock.instant();
        if (lease != null && now.isBefore(leaseRenewal)) {
            return true;
        }
        lease = leases.acquire(LEASE, holder, now, LEASE_TTL).orElse(null);
        leaseRenewal = now.plus(LEASE_RENEWAL);
        return lease != null;
    }

    private static void idle(Semaphore wake) throws InterruptedException {
        if (wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
            // Woken inside the change's transaction: give it the moment it takes to commit.
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        closing = true;
        loops.forEach(loop -> loop.thread.interrupt());
        for (PeerLoop loop : loops) {
            try {
                loop.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (lease != null) {
                try {
                    leases.release(lease);
                } catch (RuntimeException e) {
                    // It expires by itself.
                }
            }
        }
    }
}
