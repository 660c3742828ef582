package dev.donjon.server.domain.job;

import java.time.Instant;
import java.util.Objects;

/**
 * One holding of a job's lease: who holds it and until when.
 *
 * @param job     the job's name, unique across the cluster
 * @param holder  the holder's identifier (a node id), as it was passed to {@link JobLeases#acquire}
 * @param token   the fencing token: it grows each time the lease changes hands (or is taken again after a release or an
 *                expiry) and stays the same while one holding is renewed. A job that writes its progress can check
 *                it to refuse the writes of a holder that lost the lease without noticing.
 * @param expires the instant from which another holder may take the lease over
 */
public record JobLease(String job, String holder, long token, Instant expires) {
    public JobLease {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expires, "expires");
    }

    /** Whether the lease still binds others at {@code now}. */
    public boolean heldAt(Instant now) {
        return now.isBefore(expires);
    }
}
