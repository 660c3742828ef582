package dev.donjon.server.jobs;

import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobRun;
import dev.donjon.server.domain.job.ScheduledJob;
import dev.donjon.server.store.JdbcStore;
import dev.donjon.server.store.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on a real database, with two stores standing for two nodes and one hand-moved clock: a job runs once
 * per interval whichever nodes poll, its schedule survives a restart, and a dead node's job is taken over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobSchedulerContract {
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private JdbcStore nodeA;
    private JdbcStore nodeB;

    /** An empty database for the class; every call returns the same one. */
    abstract StoreConfig database();

    @BeforeAll
    void open() {
        nodeA = JdbcStore.open(database());
        nodeB = JdbcStore.open(database());
    }

    @AfterAll
    void close() {
        nodeA.close();
        nodeB.close();
    }

    /** A job that counts its runs. */
    private record Counting(String name, AtomicInteger runs) implements ScheduledJob {
        @Override
        public int run(Instant now) {
            return runs.incrementAndGet();
        }
    }

    private JobScheduler scheduler(JdbcStore store, String node, ScheduledJob job) {
        return new JobScheduler(store.jobLeases(), store.jobRuns(), clock, node, LEASE,
                List.of(new JobScheduler.Entry(job, INTERVAL)));
    }

    @Test
    void twoNodesPollingAtOnceRunAJobOncePerInterval() throws Exception {
        Counting job = new Counting("once", new AtomicInteger());
        List<JobScheduler> nodes = List.of(scheduler(nodeA, "node-a", job), scheduler(nodeB, "node-b", job));
        for (int interval = 1; interval <= 3; interval++) {
            int pollers = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<JobRun>>> polls = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(pollers)) {
                for (int i = 0; i < pollers; i++) {
                    JobScheduler node = nodes.get(i % 2);
                    polls.add(pool.submit(() -> {
                        start.await();
                        return node.runDue();
                    }));
                }
                start.countDown();
                int made = 0;
                for (Future<List<JobRun>> poll : polls) {
                    made += poll.get().size();
                }
                assertThat(made).isEqualTo(1);
            }
            assertThat(job.runs()).hasValue(interval);
            clock.advance(INTERVAL.minusSeconds(1));
            assertThat(nodes.get(0).runDue()).isEmpty();
            assertThat(nodes.get(1).runDue()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRestartedNodeKeepsTheScheduleItRecorded() {
        Counting job = new Counting("restart", new AtomicInteger());
        JobRun first = scheduler(nodeA, "node-a", job).runDue().getFirst();
        assertThat(first.processed()).isEqualTo(1);
        try (JdbcStore restarted = JdbcStore.open(database())) {
            JobScheduler again = scheduler(restarted, "node-a-restarted", job);
            clock.advance(INTERVAL.dividedBy(2));
            assertThat(again.runDue()).isEmpty();
            clock.advance(INTERVAL.dividedBy(2));
            assertThat(again.runDue()).singleElement().extracting(JobRun::holder).isEqualTo("node-a-restarted");
            assertThat(restarted.jobRuns().last("restart")).map(JobRun::started).contains(clock.instant());
        }
        assertThat(job.runs()).hasValue(2);
    }

    @Test
    void aJobWhoseNodeDiedIsTakenOverOnceTheLeaseExpires() {
        Counting job = new Counting("takeover", new AtomicInteger());
        // node A took the lease and died before recording anything
        nodeA.jobLeases().acquire("takeover", "node-a", clock.instant(), LEASE).orElseThrow();
        JobScheduler survivor = scheduler(nodeB, "node-b", job);
        assertThat(survivor.runDue()).isEmpty();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(survivor.runDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(survivor.runDue()).singleElement().extracting(JobRun::holder).isEqualTo("node-b");
        assertThat(job.runs()).hasValue(1);
        assertThat(nodeA.jobLeases().current("takeover").orElseThrow().heldAt(clock.instant())).isFalse();
    }

    @Test
    void aFailedRunIsRecordedWithItsReasonAndRetriedAtTheNextInterval() {
        AtomicInteger attempts = new AtomicInteger();
        ScheduledJob failing = new ScheduledJob() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public int run(Instant now) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("the device is down");
                }
                return 7;
            }
        };
        JobScheduler node = scheduler(nodeA, "node-a", failing);
        assertThat(node.runDue()).singleElement().extracting(JobRun::failure).isEqualTo("IllegalStateException");
        assertThat(node.runDue()).isEmpty();
        clock.advance(INTERVAL);
        JobRun retried = node.runDue().getFirst();
        assertThat(retried.failure()).isNull();
        assertThat(retried.processed()).isEqualTo(7);
        assertThat(nodeB.jobRuns().last("failing")).contains(retried);
    }

    @Test
    void aNodeThatLostItsLeaseCannotRecordARun() {
        JobLease stale = nodeA.jobLeases().acquire("fenced", "node-a", clock.instant(), LEASE).orElseThrow();
        JobLease taken = nodeB.jobLeases().acquire("fenced", "node-b", clock.instant().plus(LEASE), LEASE)
                .orElseThrow();
        Instant at = clock.instant();
        assertThat(nodeA.jobRuns().record(stale, new JobRun("fenced", "node-a", at, at, 1, null))).isFalse();
        assertThat(nodeA.jobRuns().last("fenced")).isEmpty();
        assertThat(nodeB.jobRuns().record(taken, new JobRun("fenced", "node-b", at, at, 2, null))).isTrue();
        assertThat(nodeA.jobRuns().last("fenced")).map(JobRun::processed).contains(2);
    }
}
