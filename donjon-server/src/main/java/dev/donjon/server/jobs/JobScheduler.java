package dev.donjon.server.jobs;

import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.job.JobRun;
import dev.donjon.server.domain.job.JobRuns;
import dev.donjon.server.domain.job.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs time-driven jobs, each at most once per interval across every node sharing the database.
 * <p>
 * Every poll, for each job: if its last recorded run (in the database, so restarts and other nodes see it) started
 * less than an interval ago, nothing; otherwise the node takes the job's lease, reads the last run again (another node
 * may have run it between the two reads; it records its run before releasing the lease), runs the job, records the run
 * under the lease's fencing token, and releases the lease. A node that dies while running leaves a lease that expires
 * after {@code leaseTtl}; the next node to poll then takes it and runs the job, which is written to be safe to repeat.
 * A failed run is recorded with its reason and retried at the next interval.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    /** A job and how often it runs. */
    public record Entry(ScheduledJob job, Duration interval) {
        public Entry {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a job's interval must be positive: " + job.name());
            }
        }
    }

    private final JobLeases leases;
    private final JobRuns runs;
    private final Clock clock;
    private final String node;
    private final Duration leaseTtl;
    private final List<Entry> entries;
    private ScheduledExecutorService timer;

    /**
     * @param node     this node's identifier, unique among the nodes sharing the database (the lease holder)
     * @param leaseTtl how long a lease binds other nodes; longer than any run (runs are bounded batches)
     */
    public JobScheduler(JobLeases leases, JobRuns runs, Clock clock, String node, Duration leaseTtl,
                        List<Entry> entries) {
        this.leases = leases;
        this.runs = runs;
        this.clock = clock;
        this.node = node;
        this.leaseTtl = leaseTtl;
        this.entries = List.copyOf(entries);
    }

    /**
     * One poll: runs every job that is due and whose lease this node obtains. A node polls one at a time: its threads
     * share one holder id, and a lease does not tell them apart.
     *
     * @return the runs this node made, in job order
     */
    public List<JobRun> runDue() {
        synchronized (entries) {
            return runDueNow();
        }
    }

    private List<JobRun> runDueNow() {
        List<JobRun> made = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                runIfDue(entry).ifPresent(made::add);
            } catch (RuntimeException e) {
                // The database is unreachable or the lease was lost: the next poll tries again.
                LOG.warn("Job {} not run on node {}: {}", entry.job().name(), node, e.toString());
            }
        }
        return made;
    }

    private Optional<JobRun> runIfDue(Entry entry) {
        String name = entry.job().name();
        if (!due(entry, clock.instant())) {
            return Optional.empty();
        }
        Optional<JobLease> lease = leases.acquire(name, node, clock.instant(), leaseTtl);
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant started = clock.instant();
            if (!due(entry, started)) {
                return Optional.empty();
            }
            JobRun run;
            try {
                int processed = entry.job().run(started);
                run = new JobRun(name, node, started, clock.instant(), processed, null);
            } catch (RuntimeException e) {
                LOG.warn("Job {} failed on node {}", name, node, e);
                run = new JobRun(name, node, started, clock.instant(), 0, e.getClass().getSimpleName());
            }
            if (!runs.record(lease.get(), run)) {
                LOG.warn("Job {} on node {} lost its lease while running; its run is not recorded", name, node);
                return Optional.empty();
            }
            if (run.processed() > 0) {
                LOG.info("Job {} handled {} object(s)", name, run.processed());
            }
            return Optional.of(run);
        } finally {
            leases.release(lease.get());
        }
    }

    private boolean due(Entry entry, Instant now) {
        return runs.last(entry.job().name())
                .map(last -> !now.isBefore(last.started().plus(entry.interval())))
                .orElse(true);
    }

    /** Polls every {@code poll} on a thread of its own until closed; the first poll is immediate. */
    public synchronized void start(Duration poll) {
        if (timer != null) {
            throw new IllegalStateException("the scheduler is already running");
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("donjon-jobs").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::runDue, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling and waits for a run in progress to finish (its lease is then released). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdown();
            try {
                if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                timer.shutdownNow();
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
