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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The replication sender (docs/replication.md): one thread that pushes the change log, in order, to every push peer
 * over KMIP mutual TLS, each change a lockbox signed by this server (and, for an upsert, encrypted for that peer),
 * moving the peer's cursor only once the peer answered. A peer that cannot be reached keeps its cursor, and the sender
 * tries it again with a growing pause, from the cursor: after either side was down, it resumes where the peer's last
 * acknowledgement left it. A peer's refusal of a change is an answer too (the object is a local copy there, a
 * non-extractable key cannot travel...): it is logged, counted in the cursor, and the sender goes on, so that one object
 * never blocks the others.
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
    /** How often an idle sender looks at the log for what other nodes (or a wake-up before the commit) added. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final int BATCH = 200;

    private final Store store;
    private final JobLeases leases;
    private final LockboxService lockboxes;
    private final Clock clock;
    private final String holder;
    private final List<PeerLink> peers;
    private final Map<String, Instant> retryAt = new HashMap<>();
    private final Map<String, Duration> backoff = new HashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closing;
    private JobLease lease;
    private Instant leaseRenewal = Instant.MIN;

    private ReplicationPush(Store store, JobLeases leases, LockboxService lockboxes, Clock clock, String holder,
                            List<PeerLink> peers) {
        this.store = store;
        this.leases = leases;
        this.lockboxes = lockboxes;
        this.clock = clock;
        this.holder = holder;
        this.peers = List.copyOf(peers);
        this.thread = Thread.ofPlatform().daemon().name("replication-push").unstarted(this::run);
    }

    /** @param peers each push peer's name and endpoint, in configuration order */
    public static ReplicationPush start(Store store, JobLeases leases, LockboxService lockboxes, Clock clock,
                                        String holder, Map<String, dev.donjon.server.config.DonjonConfig.ReplicationPush> peers) {
        List<PeerLink> links = new ArrayList<>();
        peers.forEach((name, push) -> links.add(new PeerLink(name, push)));
        ReplicationPush sender = new ReplicationPush(store, leases, lockboxes, clock, holder, links);
        sender.thread.start();
        LOG.info("replication: pushing this server's changes to {}", links.stream()
                .map(link -> link.name() + " (" + link.endpoint() + ")").toList());
        return sender;
    }

    /** Looks at the log now rather than at the next poll (called as changes are recorded). */
    public void wake() {
        wake.release();
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

    private void run() {
        try {
            while (!closing) {
                boolean busy = false;
                try {
                    if (holdsLease()) {
                        for (PeerLink peer : peers) {
                            busy |= pushTo(peer);
                        }
                        prune();
                    }
                } catch (RuntimeException e) {
                    // The database is unreachable or the lease was lost: the next round tries again.
                    LOG.warn("replication: round failed: {}", e.toString());
                }
                if (!busy) {
                    idle();
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            peers.forEach(PeerLink::close);
        }
    }

    /** @return whether the peer took changes (there may be more) */
    private boolean pushTo(PeerLink peer) throws InterruptedException {
        Instant now = clock.instant();
        if (now.isBefore(retryAt.getOrDefault(peer.name(), Instant.MIN))) {
            return false;
        }
        ReplicationLog.Cursor cursor = store.read(tx -> tx.replicationLog().cursor(peer.name()));
        List<ReplicationLog.Change> changes = store.read(tx -> tx.replicationLog().after(cursor.sequence(), BATCH));
        if (changes.isEmpty()) {
            return false;
        }
        // Each object once, as of its newest change in the batch, in the order of those newest changes.
        Map<SecretId, ReplicationLog.Change> newest = new LinkedHashMap<>();
        for (ReplicationLog.Change change : changes) {
            newest.remove(change.object());
            newest.put(change.object(), change);
        }
        long refused = cursor.refused();
        long done = cursor.sequence();
        for (ReplicationLog.Change change : newest.values()) {
            try {
                Optional<String> sealed = seal(peer.name(), change);
                if (sealed.isPresent()) {
                    peer.send(sealed.get());
                }
            } catch (IOException e) {
                // Not acknowledged: the cursor stays before this change, which is sent again.
                advance(peer.name(), new ReplicationLog.Cursor(done, refused));
                unreachable(peer, e);
                return false;
            } catch (KmipOperationException e) {
                refused++;
                LOG.warn("replication: {} refused change {} of {}: {} {}", peer.name(), change.sequence(),
                        change.object(), e.reason(), e.getMessage());
            } catch (DomainException e) {
                refused++;
                LOG.warn("replication: change {} of {} cannot be sealed for {}: {}", change.sequence(),
                        change.object(), peer.name(), e.getMessage());
            }
            done = change.sequence();
            advance(peer.name(), new ReplicationLog.Cursor(done, refused));
        }
        done = changes.getLast().sequence();
        advance(peer.name(), new ReplicationLog.Cursor(done, refused));
        if (backoff.remove(peer.name()) != null) {
            LOG.info("replication: {} ({}) reachable again, at change {}", peer.name(), peer.endpoint(), done);
        }
        return true;
    }

    /** The change as this server sends it, or empty if the object is a replica here (its owner sends it). */
    private Optional<String> seal(String peer, ReplicationLog.Change change) {
        Optional<ManagedObject> found = store.read(tx -> tx.objects().find(change.object()));
        String id = change.object().toString();
        if (found.isEmpty()) {
            return Optional.of(lockboxes.sealChange(null, change.object(), peer,
                    new LockboxChange(change.sequence(), LockboxChange.Kind.DELETE, id), UnaryOperator.identity())
                    .lockbox());
        }
        ManagedObject object = found.get();
        if (Ownership.owner(object.attributes()).isPresent()) {
            return Optional.empty();
        }
        LockboxChange.Kind kind = object.state().isDestroyed() ? LockboxChange.Kind.DESTROY
                : LockboxChange.Kind.UPSERT;
        return Optional.of(lockboxes.sealChange(call(object.secret().project(), change), change.object(), peer,
                new LockboxChange(change.sequence(), kind, id), UnaryOperator.identity()).lockbox());
    }

    /** The sender reads an object's key material as an administrator of its project, audited under this name. */
    private static CallContext call(ProjectId project, ReplicationLog.Change change) {
        return new CallContext(new Principal("replication-push", project, Set.of(Role.ADMIN), AuthMethod.LOCAL_ADMIN),
                "replication-" + change.sequence());
    }

    private void advance(String peer, ReplicationLog.Cursor cursor) {
        store.write(tx -> {
            tx.replicationLog().advance(peer, cursor, clock.instant());
            return null;
        });
    }

    /** Drops the changes every push peer has acknowledged. */
    private void prune() {
        long everywhere = store.read(tx -> peers.stream()
                .mapToLong(peer -> tx.replicationLog().cursor(peer.name()).sequence()).min().orElse(0));
        if (everywhere > 0) {
            store.write(tx -> {
                tx.replicationLog().prune(everywhere);
                return null;
            });
        }
    }

    private void unreachable(PeerLink peer, IOException e) {
        Duration previous = backoff.get(peer.name());
        Duration next = previous == null ? Duration.ofMillis(200)
                : previous.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : previous.multipliedBy(2);
        backoff.put(peer.name(), next);
        retryAt.put(peer.name(), clock.instant().plus(next));
        if (previous == null) {
            LOG.warn("replication: {} ({}) unreachable ({}); its changes wait in the log, retrying", peer.name(),
                    peer.endpoint(), e.toString());
        }
    }

    private boolean holdsLease() {
        Instant now = clock.instant();
        if (lease != null && now.isBefore(leaseRenewal)) {
            return true;
        }
        lease = leases.acquire(LEASE, holder, now, LEASE_TTL).orElse(null);
        leaseRenewal = now.plus(LEASE_RENEWAL);
        return lease != null;
    }

    private void idle() throws InterruptedException {
        if (wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
            // Woken inside the change's transaction: give it the moment it takes to commit.
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lease != null) {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                // It expires by itself.
            }
        }
    }
}
