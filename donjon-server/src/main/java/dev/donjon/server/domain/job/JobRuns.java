package dev.donjon.server.domain.job;

import java.util.Optional;

/**
 * Port: the latest run of each scheduled job, kept in the database so that a job's schedule survives restarts and is
 * shared by every node.
 * <p>
 * Contract: {@link #record} writes only while the lease it names is still the current holding of the job (same holder
 * and fencing token), in the same transaction as that check, so a node that lost its lease cannot overwrite the run of
 * the node that took over. Each call is its own transaction, never inside a {@link dev.donjon.server.domain.port.Store}
 * call.
 */
public interface JobRuns {
    /** The latest recorded run of {@code job}, or empty if it never ran. */
    Optional<JobRun> last(String job);

    /**
     * Replaces the job's latest run with {@code run}, provided {@code lease} is still held.
     *
     * @return {@code false} if the lease changed hands (nothing was written)
     */
    boolean record(JobLease lease, JobRun run);
}
