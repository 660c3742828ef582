package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeaseHolding;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.keys.StoredPayload;
import dev.donjon.server.domain.keys.WrappedKek;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.jobs.BackgroundPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Project KEK rotation. {@link #rotate} gives a project a new KEK version (the {@code donjon kek rotate} command);
 * nodes seal new payloads under it within {@link KeyHierarchy#CURRENT_VERSION_TTL}. Every running node polls, and the
 * one holding the {@value #JOB} lease re-encrypts the project's payloads (secret payloads and CA keys) under the new
 * version, in small batches, each row replaced compare-and-set in one transaction with its audit event, while the
 * nodes keep serving: a payload's row always holds one complete ciphertext with the KEK version that sealed it, and
 * old versions stay until nothing uses them, so every read succeeds throughout.
 *
 * <p>Progress is the data itself: a re-encrypted row names the new version, so a job that dies (kill -9) leaves the
 * rest under the old one, and the next lease holder carries on. Once no payload uses an older version and the
 * rotation is older than the retire grace (longer than any node seals under a version it cached as current), the
 * older versions are deleted (retired) in a transaction that counts again first.
 */
public final class KekRotation implements AutoCloseable {
    public static final String JOB = "kek-reencrypt";
    private static final Logger LOG = LoggerFactory.getLogger(KekRotation.class);
    private static final int BATCH = 200;
    private static final int KEK_BYTES = 32;

    private final Resealer resealer;
    private final Store store;
    private final Clock clock;
    private final String holder;
    private final Duration retireGrace;
    private final JobLeaseHolding lease;
    private BackgroundPoller poller;

    /**
     * @param resealer    opens a stored payload and seals it under another KEK version: {@link KeyHierarchy#reseal},
     *                    or the secret store router's, which also re-seals the KMIP device's references
     * @param holder      this node's name in the lease table
     * @param lease       how long a lease lasts without renewal: how soon another node takes over from a dead one
     * @param retireGrace how long after a rotation its older versions may be retired; longer than
     *                    {@link KeyHierarchy#CURRENT_VERSION_TTL} plus the longest write
     */
    public KekRotation(Resealer resealer, Store store, JobLeases leases, Clock clock, String holder,
                       Duration lease, Duration retireGrace) {
        if (retireGrace.compareTo(KeyHierarchy.CURRENT_VERSION_TTL.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the KEK retire grace must be at least twice "
                    + KeyHierarchy.CURRENT_VERSION_TTL.toSeconds() + " s");
        }
        this.resealer = resealer;
        this.store = store;
        this.clock = clock;
        this.holder = holder;
        this.retireGrace = retireGrace;
        this.lease = new JobLeaseHolding(leases, JOB, holder, clock, lease);
    }

    /** Polls for work every {@code interval}, for as long as the node runs. */
    public KekRotation start(Duration interval) {
        poller = BackgroundPoller.start(JOB, interval, this::runOnce);
        return this;
    }

    /**
     * One pass: if a project has older KEK versions, takes the lease, re-encrypts every such project's payloads under
     * its current version (renewing the lease between batches), retires the versions nothing uses any more, and
     * releases the lease.
     *
     * @return how many payloads this pass re-encrypted
     */
    public int runOnce() {
        List<ProjectId> projects = store.read(tx -> tx.projectKeys().projectsWithOlderKekVersions());
        if (projects.isEmpty() || !lease.renew()) {
            return 0;
        }
        int done = 0;
        try {
            for (ProjectId project : projects) {
                List<WrappedKek> versions = store.read(tx -> tx.projectKeys().versions(project));
                if (versions.size() < 2) {
                    continue;
                }
                WrappedKek current = versions.getLast();
                while (!Thread.currentThread().isInterrupted()) {
                    List<StoredPayload> batch = store.read(tx -> tx.projectKeys().sealedBefore(project,
                            current.version(), BATCH));
                    if (batch.isEmpty()) {
                        retireIfUnused(current);
                        break;
                    }
                    Outcome outcome = reencrypt(current, batch);
                    done += outcome.changed();
                    if (!lease.renew()) {
                        return done;
                    }
                    if (outcome.failed()) {
                        break;
                    }
                }
            }
            return done;
        } finally {
            lease.release();
            if (done > 0) {
                LOG.info("KEK re-encryption pass: {} payload(s) re-encrypted by this node", done);
            }
        }
    }

    /**
     * Re-encrypts one batch and stores it in one transaction with its audit event. A payload that cannot be opened
     * (the keystore is unavailable, or the row fails authentication) stops the project for this pass, after the
     * ones before it are stored; the next pass tries again, and {@code status} keeps showing the project unfinished.
     */
    private Outcome reencrypt(WrappedKek current, List<StoredPayload> batch) {
        List<Map.Entry<StoredPayload, SealedPayload>> resealed = new ArrayList<>(batch.size());
        boolean failed = false;
        for (StoredPayload row : batch) {
            try {
                resealed.add(Map.entry(row, resealer.reseal(row.binding(), row.sealed(), current.version())));
            } catch (DomainException.Integrity | DomainException.Unavailable e) {
                LOG.warn("KEK re-encryption of project {} stopped at a payload: {}", current.project().value(),
                        e.getMessage());
                failed = true;
                break;
            }
        }
        if (resealed.isEmpty()) {
            return new Outcome(0, failed);
        }
        Instant now = now();
        int changed = store.write(tx -> {
            int count = 0;
            TreeSet<Integer> from = new TreeSet<>();
            for (Map.Entry<StoredPayload, SealedPayload> entry : resealed) {
                if (tx.projectKeys().reseal(entry.getKey(), entry.getValue())) {
                    count++;
                    from.add(entry.getKey().sealed().kekVersion());
                }
            }
            if (count > 0) {
                tx.audit().append(new AuditEvent(now, null, null, current.project().value(), null, null, null,
                        Action.PROJECT_KEK_REENCRYPT, kekObject(current.project(), current.version()),
                        AuditEvent.Outcome.SUCCESS, "re-encrypted " + count + " payload(s) from KEK version(s) " + from
                        + " to " + current.version() + " (by " + holder + ")"));
            }
            return count;
        });
        return new Outcome(changed, failed);
    }

    /** Deletes the project's older KEK versions once no payload uses them and the grace has passed. */
    private void retireIfUnused(WrappedKek current) {
        Instant now = now();
        if (now.isBefore(current.created().plus(retireGrace))) {
            return;
        }
        store.write(tx -> {
            Map<Integer, Long> payloads = tx.projectKeys().payloadsPerKekVersion(current.project());
            if (payloads.keySet().stream().anyMatch(version -> version < current.version())) {
                return null;
            }
            List<Integer> retired = tx.projectKeys().versions(current.project()).stream().map(WrappedKek::version)
                    .filter(version -> version < current.version()).toList();
            if (retired.isEmpty()) {
                return null;
            }
            tx.projectKeys().deleteVersionsBefore(current.project(), current.version());
            tx.audit().append(new AuditEvent(now, null, null, current.project().value(), null, null, null,
                    Action.PROJECT_KEK_RETIRE, kekObject(current.project(), current.version()),
                    AuditEvent.Outcome.SUCCESS, "retired KEK version(s) " + retired + "; every payload is sealed "
                    + "under version " + current.version()));
            return null;
        });
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

    private static String kekObject(ProjectId project, int version) {
        return "kek/" + project.value() + "/" + version;
    }

    /**
     * Gives the project a new KEK version, wrapped by the current master key, and audits it; the running nodes seal
     * new payloads under it and re-encrypt the others.
     *
     * @return the new version
     * @throws IllegalArgumentException the project has no KEK yet (nothing sealed, so nothing to rotate)
     * @throws IllegalStateException    the master keystore is unavailable, or another process rotated it meanwhile
     */
    public static int rotate(MasterKeystore master, Store store, SecureRandom random, Clock clock,
                             ProjectId project) {
        return rotate(master, store, random, clock, project, "");
    }

    /** @param cause why, for the audit event (empty for an operator's rotation) */
    static int rotate(MasterKeystore master, Store store, SecureRandom random, Clock clock, ProjectId project,
                      String cause) {
        WrappedKek current = store.read(tx -> tx.projectKeys().current(project)).orElseThrow(() ->
                new IllegalArgumentException("project " + project.value() + " has no KEK: it has sealed nothing"));
        int version = current.version() + 1;
        byte[] raw = new byte[KEK_BYTES];
        random.nextBytes(raw);
        MasterKeystore.Wrapped wrapped;
        try {
            wrapped = master.wrap(raw);
        } catch (MasterKeystore.Unavailable e) {
            throw new IllegalStateException("the master keystore is unavailable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean inserted = store.write(tx -> {
            if (!tx.projectKeys().insertIfAbsent(new WrappedKek(project, version, wrapped.masterKeyVersion(),
                    wrapped.bytes(), now))) {
                return false;
            }
            tx.audit().append(new AuditEvent(now, null, null, project.value(), null, null, null,
                    Action.PROJECT_KEK_ROTATE, kekObject(project, version), AuditEvent.Outcome.SUCCESS,
                    "new KEK version " + version + " (was " + current.version() + "), wrapped by master key version "
                    + wrapped.masterKeyVersion() + "; the running nodes re-encrypt the project's payloads under it"
                    + cause));
            return true;
        });
        if (!inserted) {
            throw new IllegalStateException("project " + project.value() + "'s KEK was rotated by another process at "
                    + "the same time; run the command again if another version is wanted");
        }
        return version;
    }

    /** {@link #rotate} for every project that has a KEK. @return project → its new version */
    public static Map<ProjectId, Integer> rotateAll(MasterKeystore master, Store store, SecureRandom random,
                                                    Clock clock) {
        Map<ProjectId, Integer> rotated = new LinkedHashMap<>();
        for (ProjectId project : store.read(tx -> tx.projectKeys().projects())) {
            rotated.put(project, rotate(master, store, random, clock, project));
        }
        return rotated;
    }

    /**
     * What {@code donjon kek status} shows: the projects with older KEK versions (or the one asked for), their
     * payloads per version, and the job's lease.
     */
    public static Status status(Store store, JobLeases leases, Optional<ProjectId> only) {
        List<ProjectId> projects = only.map(List::of)
                .orElseGet(() -> store.read(tx -> tx.projectKeys().projectsWithOlderKekVersions()));
        List<ProjectStatus> statuses = new ArrayList<>();
        for (ProjectId project : projects) {
            statuses.add(store.read(tx -> {
                List<WrappedKek> versions = tx.projectKeys().versions(project);
                return new ProjectStatus(project, versions.stream().map(WrappedKek::version).toList(),
                        versions.isEmpty() ? null : versions.getLast().created(),
                        tx.projectKeys().payloadsPerKekVersion(project));
            }));
        }
        return new Status(statuses, leases.current(JOB));
    }

    /**
     * @param versions          the project's KEK versions, oldest first (the last is current)
     * @param currentCreated    when the current version was made (the rotation), or null without a KEK
     * @param payloadsPerVersion KEK version → how many payloads it seals
     */
    public record ProjectStatus(ProjectId project, List<Integer> versions, Instant currentCreated,
                                Map<Integer, Long> payloadsPerVersion) {
        public int current() {
            return versions.isEmpty() ? 0 : versions.getLast();
        }

        public long total() {
            return payloadsPerVersion.values().stream().mapToLong(Long::longValue).sum();
        }

        public long onCurrent() {
            return payloadsPerVersion.getOrDefault(current(), 0L);
        }
    }

    public record Status(List<ProjectStatus> projects, Optional<JobLease> lease) {
        public String describe(Instant now) {
            StringBuilder text = new StringBuilder();
            if (projects.isEmpty()) {
                text.append("no project has an older KEK version: nothing to re-encrypt or retire\n");
            }
            long total = 0;
            long onCurrent = 0;
            for (ProjectStatus project : projects) {
                total += project.total();
                onCurrent += project.onCurrent();
                text.append("project ").append(project.project().value()).append(": KEK versions ")
                        .append(project.versions()).append(" (current ").append(project.current()).append("); payloads")
                        .append(project.payloadsPerVersion().isEmpty() ? " none" : "");
                project.payloadsPerVersion().forEach((version, count) ->
                        text.append(" v").append(version).append('=').append(count));
                text.append("; ").append(project.onCurrent()).append('/').append(project.total())
                        .append(" on the current version");
                if (project.versions().size() > 1) {
                    text.append(project.onCurrent() == project.total() ? ", re-encrypted; older versions retired "
                            + "by the job after the grace" : ", re-encryption in progress");
                }
                text.append('\n');
            }
            if (projects.size() > 1) {
                text.append("total: ").append(onCurrent).append('/').append(total)
                        .append(" payloads on their project's current KEK version");
                if (total > 0) {
                    text.append(" (").append(onCurrent * 100 / total).append("%)");
                }
                text.append('\n');
            }
            lease.ifPresent(l -> text.append("job ").append(l.expires().isAfter(now) ? "running on " : "last ran on ")
                    .append(l.holder()).append(l.expires().isAfter(now) ? " (lease until " + l.expires() + ")" : "")
                    .append('\n'));
            return text.toString();
        }
    }

    /** Opens a stored payload under the KEK version that sealed it and seals it again under {@code kekVersion}. */
    @FunctionalInterface
    public interface Resealer {
        SealedPayload reseal(dev.donjon.server.domain.barbican.PayloadBinding binding, SealedPayload sealed,
                             int kekVersion);
    }

    private record Outcome(int changed, boolean failed) {
    }
}
