package dev.donjon.server.domain.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One node's holding of a job's lease through a long pass made of batches: {@link #renew} before each batch takes the
 * lease the first time and extends it after, and a {@code false} tells the pass to stop because another node holds it
 * or took it over. One pass at a time: the holding is not shared between threads.
 */
public final class JobLeaseHolding {
    private final JobLeases leases;
    private final String job;
    private final String holder;
    private final Clock clock;
    private final Duration ttl;
    private JobLease held;

    /**
     * @param holder this node's name in the lease table
     * @param ttl    how long the lease lasts without renewal: how soon another node takes over from a dead one
     */
    public JobLeaseHolding(JobLeases leases, String job, String holder, Clock clock, Duration ttl) {
        this.leases = leases;
        this.job = job;
        this.holder = holder;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Takes or renews the lease; false when another node holds it or took it over (the pass stops then). */
    public boolean renew() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<JobLease> renewed = held == null ? leases.acquire(job, holder, now, ttl) : leases.renew(held, now, ttl);
        held = renewed.orElse(null);
        return held != null;
    }

    /** Gives the lease up, if held, so that another node may take it at once. */
    public void release() {
        if (held != null) {
            leases.release(held);
            held = null;
        }
    }
}
