package dev.donjon.server.domain.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: a lease per job name, shared by every node that uses the same database, so that a job runs on one node at a
 * time and another node takes it over when the holder dies.
 * <p>
 * Contract, for every implementation:
 * <ul>
 * <li>At any instant at most one holder has an unexpired lease on a job. Two nodes racing to acquire a free or expired
 *     lease: exactly one succeeds.</li>
 * <li>A lease expires at {@code now + ttl} as the caller computed it; nothing renews it behind the holder's back. A
 *     holder that does not renew before its expiry loses the lease to the next node that asks.</li>
 * <li>Time is the caller's ({@code now} is a parameter, from the node's {@link java.time.Clock}): nodes must keep
 *     their clocks synchronised (NTP) to well within the ttl; a lease's ttl should be several renewal periods.</li>
 * <li>Each call is its own durable transaction; none may be called from inside a {@link dev.donjon.server.domain.port.Store}
 *     transaction.</li>
 * <li>Failures of the database surface as unchecked exceptions; a caller that cannot tell whether it still holds the
 *     lease must stop the work it guards.</li>
 * </ul>
 */
public interface JobLeases {
    /**
     * Takes the lease on {@code job} for {@code holder} until {@code now + ttl}, if nobody holds it, if its holder let
     * it expire ({@code expires <= now}), or if {@code holder} already holds it (which renews it, keeping its token).
     *
     * @return the lease now held, or empty if another holder's lease is still unexpired
     */
    Optional<JobLease> acquire(String job, String holder, Instant now, Duration ttl);

    /**
     * Extends a holding to {@code now + ttl}, provided nobody took the lease over since (same holder and token), even
     * if it expired meanwhile.
     *
     * @return the extended lease, or empty if it was lost
     */
    Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl);

    /**
     * Gives the holding up so that another node may take the lease at once.
     *
     * @return {@code false} if it had already been lost (nothing was changed)
     */
    boolean release(JobLease lease);

    /** The latest holding of {@code job}, expired or not; empty if the job never had a holder. */
    Optional<JobLease> current(String job);
}
