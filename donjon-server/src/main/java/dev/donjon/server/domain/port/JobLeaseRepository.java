package dev.donjon.server.domain.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Leases that make a background job run on one node at a time. A node holds a job's lease until it expires; it
 * renews it while it works, and another node may take it once it has expired (its holder stopped or died). Holders
 * compare their own clock with the stored expiry, so nodes' clocks must agree to well within a lease's length.
 */
public interface JobLeaseRepository {
    /**
     * Takes or renews the lease on {@code job} for {@code holder} until {@code expires}, if it is free, expired at
     * {@code now}, or already this holder's.
     *
     * @return whether {@code holder} holds the lease now
     */
    boolean acquire(String job, String holder, Instant now, Instant expires);

    /** Gives the lease up, if {@code holder} holds it. */
    void release(String job, String holder);

    /** Who holds the lease on {@code job} and until when, if anyone ever took it. */
    Optional<Lease> find(String job);

    record Lease(String job, String holder, Instant expires) {
    }
}
