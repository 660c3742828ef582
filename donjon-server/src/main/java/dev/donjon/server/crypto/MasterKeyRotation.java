package dev.donjon.server.crypto;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditKeyRepository;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.jobs.BackgroundPoller;
import dev.donjon.server.domain.keys.WrappedKek;
import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeaseHolding;
import dev.donjon.server.domain.job.JobLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Online master key rotation. {@link #rotate} makes a new master key version (the {@code donjon master-key rotate}
 * command) and records its key check value; from then on every running node polls, sees the newer version, and the
 * one holding the {@value #JOB} lease re-wraps every project KEK under it, in small batches, while the nodes keep
 * serving. A KEK's row always holds one complete wrapped form with the version that wrapped it, and old versions
 * stay in the keystore until {@link #retire}d, so a cache miss during the job unwraps whatever it reads.
 *
 * <p>Progress is the data itself: each re-wrapped row names the new version, so a job that dies (kill -9) leaves
 * the rest under the old one, and the next lease holder (the same node restarted, or another once the lease has
 * expired) carries on. Every re-wrapped KEK is audited.
 */
public final class MasterKeyRotation implements AutoCloseable {
    public static final String JOB = "master-key-rewrap";
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 50;

    private final MasterKeystore master;
    private final Store store;
    private final Clock clock;
    private final String holder;
    private final JobLeaseHolding lease;
    private BackgroundPoller poller;

    /**
     * @param holder this node's name in the lease table
     * @param lease  how long a lease lasts without renewal: how soon another node takes over from a dead one
     */
    public MasterKeyRotation(MasterKeystore master, Store store, JobLeases leases, Clock clock, String holder,
                             Duration lease) {
        this.master = master;
        this.store = store;
        this.clock = clock;
        this.holder = holder;
        this.lease = new JobLeaseHolding(leases, JOB, holder, clock, lease);
    }

    /** Polls for work every {@code interval}, for as long as the node runs. */
    public MasterKeyRotation start(Duration interval) {
        poller = BackgroundPoller.start(JOB, interval, this::runOnce);
        return this;
    }

    /**
     * One pass: if any KEK is wrapped under an older version than the newest one, takes the lease and re-wraps them
     * all (renewing the lease between batches).
     *
     * @return how many KEKs this pass re-wrapped
     */
    public int runOnce() {
        int target = targetVersion(master, store);
        if (store.read(tx -> tx.projectKeys().wrappedBefore(target, 1).isEmpty()
                && tx.auditKeys().wrappedBefore(target).isEmpty())) {
            return 0;
        }
        if (!lease.renew()) {
            return 0;
        }
        int done = 0;
        if (master.currentVersion() < target) {
            master.refresh();
        }
        if (master.currentVersion() != target) {
            LOG.warn("master key version {} is in the database but not in this node's keystore ({}); not "
                    + "re-wrapping", target, master.versions());
            lease.release();
            return 0;
        }
        while (!Thread.currentThread().isInterrupted()) {
            List<WrappedKek> batch = store.read(tx -> tx.projectKeys().wrappedBefore(target, BATCH));
            if (batch.isEmpty()) {
                rewrapAuditKeys(target);
                Instant now = now();
                int total = done;
                store.write(tx -> {
                    tx.audit().append(new AuditEvent(now, null, null, null, null, null, null, Action.MASTER_KEY_REWRAP,
                            "master-key/" + target, AuditEvent.Outcome.SUCCESS, "every project KEK is wrapped by "
                            + "master key version " + target + " (" + total + " re-wrapped by " + holder + ")"));
                    return null;
                });
                lease.release();
                LOG.info("master key re-wrap to version {} finished ({} KEKs by this node)", target, total);
                return done;
            }
            done += rewrap(batch, target);
            if (!lease.renew()) {
                return done;
            }
        }
        return done;
    }

    private int rewrap(List<WrappedKek> batch, int target) {
        List<Rewrapped> rewrapped = new ArrayList<>(batch.size());
        for (WrappedKek kek : batch) {
            byte[] raw = master.unwrap(kek.masterKeyVersion(), kek.wrapped());
            try {
                MasterKeystore.Wrapped wrapped = master.wrap(raw);
                if (wrapped.masterKeyVersion() != target) {
                    throw new IllegalStateException("the keystore wrapped under version " + wrapped.masterKeyVersion()
                            + ", not " + target);
                }
                rewrapped.add(new Rewrapped(kek, wrapped));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        Instant now = now();
        return store.write(tx -> {
            int changed = 0;
            for (Rewrapped r : rewrapped) {
                if (tx.projectKeys().rewrap(r.old(), target, r.wrapped().bytes())) {
                    changed++;
                    tx.audit().append(new AuditEvent(now, null, null, r.old().project().value(), null, null, null,
                            Action.MASTER_KEY_REWRAP, "kek/" + r.old().project().value() + "/" + r.old().version(),
                            AuditEvent.Outcome.SUCCESS, "re-wrapped from master key version "
                            + r.old().masterKeyVersion() + " to " + target));
                }
            }
            return changed;
        });
    }

    /**
     * The audit signing keys' private halves are wrapped by the master key too: re-wrapped the same way, so that the
     * old version can be retired without leaving a node unable to load its audit key at start.
     */
    private void rewrapAuditKeys(int target) {
        for (var key : store.read(tx -> tx.auditKeys().wrappedBefore(target))) {
            byte[] raw = master.unwrap(key.masterKeyVersion(), key.wrappedPrivate());
            MasterKeystore.Wrapped wrapped;
            try {
                wrapped = master.wrap(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            Instant now = now();
            store.write(tx -> {
                if (tx.auditKeys().rewrap(key, wrapped.masterKeyVersion(), wrapped.bytes())) {
                    tx.audit().append(new AuditEvent(now, null, null, null, null, null, null,
                            Action.MASTER_KEY_REWRAP, "audit-key/" + key.keyId(), AuditEvent.Outcome.SUCCESS,
                            "audit signing key re-wrapped from master key version " + key.masterKeyVersion() + " to "
                            + wrapped.masterKeyVersion()));
                }
                return null;
            });
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.close();
        }
    }

    /** The newest master key version: the keystore's, or a newer one whose check value another process recorded. */
    static int targetVersion(MasterKeystore master, Store store) {
        Map<Integer, byte[]> checks = store.read(tx -> tx.projectKeys().masterKeyChecks());
        int newest = checks.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        return Math.max(newest, master.currentVersion());
    }

    /**
     * Creates a new master key version, records its key check value and audits it; the running nodes' re-wrap job
     * does the rest.
     *
     * @return the new version
     */
    public static int rotate(MasterKeystore master, Store store, SecureRandom random, Clock clock) {
        int version = master.rotate();
        MasterKeyCheck.verify(master, store, random, clock);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.write(tx -> {
            tx.audit().append(new AuditEvent(now, null, null, null, null, null, null, Action.MASTER_KEY_ROTATE,
                    "master-key/" + version, AuditEvent.Outcome.SUCCESS, "new master key version " + version + " ("
                    + master.backend() + "); the running nodes re-wrap every project KEK under it"));
            return null;
        });
        return version;
    }

    /**
     * Destroys an old master key version, once nothing stored refers to it.
     *
     * @throws IllegalStateException it is the newest version, or a KEK is still wrapped by it
     */
    public static void retire(MasterKeystore master, Store store, int version, Clock clock) {
        int target = targetVersion(master, store);
        if (version >= target) {
            throw new IllegalStateException("master key version " + version + " is the current one; rotate first");
        }
        WrappedCounts wrapped = wrappedCounts(store);
        long users = wrapped.keks().getOrDefault(version, 0L) + wrapped.auditKeys().getOrDefault(version, 0L);
        if (users > 0) {
            throw new IllegalStateException("master key version " + version + " still wraps " + users + " project "
                    + "KEK(s) or audit key(s); wait for the re-wrap job to finish (donjon master-key status)");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.write(tx -> {
            tx.projectKeys().deleteMasterKeyCheck(version);
            tx.audit().append(new AuditEvent(now, null, null, null, null, null, null, Action.MASTER_KEY_RETIRE,
                    "master-key/" + version, AuditEvent.Outcome.SUCCESS, "retired; no KEK used it"));
            return null;
        });
        master.retire(version);
    }

    /** What {@code donjon master-key status} shows. */
    public static Status status(MasterKeystore master, Store store, JobLeases leases) {
        int target = targetVersion(master, store);
        WrappedCounts wrapped = wrappedCounts(store);
        Optional<JobLease> lease = leases.current(JOB);
        return new Status(master.backend(), master.versions(), target, wrapped.keks(), wrapped.auditKeys(), lease);
    }

    /** Master key version → how many project KEKs, and how many audit signing keys, it wraps: what retire checks. */
    private record WrappedCounts(Map<Integer, Long> keks, Map<Integer, Long> auditKeys) {
    }

    private static WrappedCounts wrappedCounts(Store store) {
        return store.read(tx -> new WrappedCounts(tx.projectKeys().countByMasterKeyVersion(),
                tx.auditKeys().wrappedBefore(Integer.MAX_VALUE).stream().collect(Collectors.groupingBy(
                        AuditKeyRepository.StoredAuditKey::masterKeyVersion, TreeMap::new, Collectors.counting()))));
    }

    /**
     * @param keksPerVersion      master key version → how many project KEKs it wraps
     * @param auditKeysPerVersion master key version → how many audit signing keys it wraps (re-wrapped after the
     *                            KEKs, so a version is free only when both maps are done with it)
     * @param lease               the re-wrap job's lease: which node ran it last and until when
     */
    public record Status(String backend, SortedSet<Integer> versions, int current, Map<Integer, Long> keksPerVersion,
                         Map<Integer, Long> auditKeysPerVersion, Optional<JobLease> lease) {
        public long total() {
            return keksPerVersion.values().stream().mapToLong(Long::longValue).sum();
        }

        public long onCurrent() {
            return keksPerVersion.getOrDefault(current, 0L);
        }

        /** Whether every KEK and every audit signing key is wrapped by the current version. */
        public boolean done() {
            return keksPerVersion.keySet().stream().allMatch(v -> v == current)
                    && auditKeysPerVersion.keySet().stream().allMatch(v -> v == current);
        }

        /** Whether {@code version} wraps nothing any more, so that {@link #retire} accepts it. */
        public boolean wrapsNothing(int version) {
            return keksPerVersion.getOrDefault(version, 0L) == 0 && auditKeysPerVersion.getOrDefault(version, 0L) == 0;
        }

        public String describe(Instant now) {
            StringBuilder text = new StringBuilder();
            text.append("backend: ").append(backend).append('\n');
            text.append("master key versions: ").append(versions).append(" (current ").append(current).append(")\n");
            text.append("project KEKs per master key version:");
            if (keksPerVersion.isEmpty()) {
                text.append(" none");
            }
            keksPerVersion.forEach((version, count) -> text.append(" v").append(version).append('=').append(count));
            text.append('\n');
            text.append("audit signing keys per master key version:");
            if (auditKeysPerVersion.isEmpty()) {
                text.append(" none");
            }
            auditKeysPerVersion.forEach((version, count) -> text.append(" v").append(version).append('=')
                    .append(count));
            text.append('\n');
            long total = total();
            text.append("re-wrap: ").append(onCurrent()).append('/').append(total).append(" KEKs on version ")
                    .append(current);
            if (total > 0) {
                text.append(" (").append(onCurrent() * 100 / total).append("%)");
            }
            text.append(done() ? ", done" : onCurrent() == total ? ", audit signing keys in progress" : ", in progress");
            lease.ifPresent(l -> text.append("; job ").append(l.expires().isAfter(now) ? "running on " : "last ran on ")
                    .append(l.holder()).append(l.expires().isAfter(now) ? " (lease until " + l.expires() + ")" : ""));
            text.append('\n');
            for (int version : versions) {
                if (version != current && wrapsNothing(version)) {
                    text.append("version ").append(version).append(" wraps nothing: it can be retired "
                            + "(donjon master-key retire ").append(version).append(")\n");
                }
            }
            return text.toString();
        }
    }

    private record Rewrapped(WrappedKek old, MasterKeystore.Wrapped wrapped) {
    }
}
