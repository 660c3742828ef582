package dev.donjon.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closed-loop load: {@code concurrency} virtual threads, each with its own keep-alive connection, each sending its
 * next request as soon as the previous one is answered. Only requests sent inside the measured window (after the
 * warm-up, before the deadline) are recorded.
 * <p>
 * Times are on a run clock, {@link System#nanoTime()} minus the time spent creating secrets for a DELETE run to
 * consume ({@link Targets.Consume}): that creation is set-up, not load.
 */
final class LoadRun {
    /** Secrets created for a DELETE run before its delete rate is known. */
    private static final int FIRST_REFILL = 1_000;
    private static final int MAX_REFILL = 500_000;

    private final BarbicanClient client;
    private final RestCall op;
    private final Targets targets;
    private final int concurrency;
    private final PrintStream log;
    private final long begin;
    private final long start;
    private final List<Worker> workers = new ArrayList<>();
    private final long end;
    private final ErrorTally errors = new ErrorTally();
    /** Nanoseconds spent refilling; written under {@link #refillLock}, read by every worker. */
    private volatile long paused;
    private final ReentrantLock refillLock = new ReentrantLock();
    private final LongAdder consumed = new LongAdder();
    /** Run clock at which a worker ran out of ids it could not replace; ends the measured window early. */
    private final AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);

    private LoadRun(BarbicanClient client, RestCall op, Targets targets, int concurrency, PrintStream log,
                    Duration warmup, Duration duration) {
        this.client = client;
        this.op = op;
        this.targets = targets;
        this.concurrency = concurrency;
        this.log = log;
        this.begin = System.nanoTime();
        this.start = begin + warmup.toNanos();
        // Saturates rather than overflows for the open-ended clean-up.
        this.end = duration.toNanos() >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + duration.toNanos();
    }

    static RunResult measure(BarbicanClient client, RestCall op, Targets targets, int concurrency, Duration warmup,
                             Duration duration, PrintStream log, OptionalLong serverPid) {
        LoadRun run = new LoadRun(client, op, targets, concurrency, log, warmup, duration);
        List<Thread> threads = run.startWorkers();
        Optional<ServerCpu> serverCpu = serverPid.isPresent() ? ServerCpu.over(serverPid.getAsLong(), run.start,
                run.end) : Optional.empty();
        LatencyHistogram latencies = run.joinWorkers(threads);
        long windowEnd = Math.min(run.end, run.stoppedAt.get());
        serverCpu.ifPresent(cpu -> log.printf("%s @%d: server CPU %.1f us per request (%.2f s over %d requests)%n",
                op.cliName(), concurrency, cpu.used().toNanos() / 1e3 / Math.max(1, latencies.count()),
                cpu.used().toNanos() / 1e9, latencies.count()));
        return new RunResult(op.cliName(), concurrency, Duration.ofNanos(Math.max(0, windowEnd - run.start)), latencies,
                run.errors.total(), run.errors.kinds());
    }

    /**
     * Deletes every id of {@code ids}, unmeasured: the clean-up after the benchmark. Stops at the first failure (a
     * server gone away would otherwise cost a timeout per secret) and returns it; the undeleted ids stay in
     * {@code ids}.
     */
    static Optional<ErrorTally.Kind> deleteAll(BarbicanClient client, Queue<String> ids, int concurrency) {
        LoadRun run = new LoadRun(client, RestCall.DELETE, new Targets.Drain(ids), concurrency, null, Duration.ZERO,
                Duration.ofNanos(Long.MAX_VALUE));
        run.runWorkers();
        return run.errors.kinds().stream().findFirst();
    }

    /** Creates {@code count} secrets, unmeasured; fails on the first error (there is no point going on then). */
    static List<String> createSecrets(BarbicanClient client, int count, int concurrency) {
        List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger remaining = new AtomicInteger(count);
        ErrorTally errors = new ErrorTally();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Math.min(concurrency, count); i++) {
            threads.add(Thread.ofVirtual().name("bench-create-", i).start(() -> {
                try (BarbicanClient.Session session = client.session()) {
                    while (errors.total() == 0 && remaining.getAndDecrement() > 0) {
                        Outcome outcome = session.perform(RestCall.POST, null);
                        if (outcome.ok()) {
                            ids.add(outcome.createdId());
                        } else {
                            errors.record(outcome);
                        }
                    }
                }
            }));
        }
        joinAll(threads);
        if (errors.total() > 0) {
            ErrorTally.Kind first = errors.kinds().getFirst();
            throw new BenchException("creating secrets failed: " + first.error()
                    + (first.firstDetail() == null ? "" : ": " + first.firstDetail()));
        }
        return List.copyOf(ids);
    }

    private LatencyHistogram runWorkers() {
        return joinWorkers(startWorkers());
    }

    private List<Thread> startWorkers() {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Worker worker = new Worker();
            workers.add(worker);
            threads.add(Thread.ofVirtual().name("bench-" + op.cliName() + "-", i).start(worker));
        }
        return threads;
    }

    private LatencyHistogram joinWorkers(List<Thread> threads) {
        joinAll(threads);
        LatencyHistogram merged = new LatencyHistogram();
        workers.forEach(w -> merged.merge(w.latencies));
        return merged;
    }

    private static void joinAll(List<Thread> threads) {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    private boolean running() {
        return clock() < end && !(targets instanceof Targets.Drain && errors.total() > 0);
    }

    private long clock() {
        return System.nanoTime() - paused;
    }

    /** The secret for the next request: null for POST, and null for DELETE when there is none left. */
    private String nextId() {
        return switch (targets) {
            case Targets.Create c -> null;
            case Targets.Random r -> r.ids().get(ThreadLocalRandom.current().nextInt(r.ids().size()));
            case Targets.Drain d -> d.ids().poll();
            case Targets.Consume c -> {
                String id = c.ids().poll();
                while (id == null && refill(c.ids())) {
                    id = c.ids().poll();
                }
                if (id != null) {
                    consumed.increment();
                }
                yield id;
            }
        };
    }

    /** Creates more secrets to delete, with the run clock stopped; false when the run is over or creation failed. */
    private boolean refill(Queue<String> ids) {
        refillLock.lock();
        try {
            long now = clock();
            if (!ids.isEmpty()) {
                return true; // another worker refilled while this one waited for the lock
            }
            if (now >= end || stoppedAt.get() != Long.MAX_VALUE) {
                return false; // over, or a refill already failed: do not hammer a failing server with retries
            }
            long done = consumed.sum();
            // Enough for the rest of the run at the rate so far, plus a margin, so one refill usually suffices.
            long estimate = done == 0 ? FIRST_REFILL
                    : (long) (1.1 * done * (end - now) / Math.max(1, now - begin)) + concurrency;
            int count = (int) Math.clamp(estimate, 10L * concurrency, MAX_REFILL);
            long t0 = System.nanoTime();
            ids.addAll(createSecrets(client, count, concurrency));
            long took = System.nanoTime() - t0;
            paused += took;
            log.printf("  (created %d more secrets to delete in %.1f s, clock stopped)%n", count, took / 1e9);
            return true;
        } catch (BenchException e) {
            errors.record(Outcome.failed("creating secrets to delete", e.getMessage()));
            stoppedAt.accumulateAndGet(clock(), Math::min);
            return false;
        } finally {
            refillLock.unlock();
        }
    }

    private final class Worker implements Runnable {
        /** Written only by this worker's thread, read after join(). */
        final LatencyHistogram latencies = new LatencyHistogram();

        @Override
        public void run() {
            try (BarbicanClient.Session session = client.session()) {
                while (running()) {
                    String id = nextId();
                    if (id == null && !(targets instanceof Targets.Create)) {
                        return;
                    }
                    long sent = System.nanoTime();
                    long sentOnClock = sent - paused;
                    Outcome outcome = session.perform(op, id);
                    long answered = System.nanoTime();
                    if (outcome.createdId() != null && targets instanceof Targets.Create c) {
                        c.created().add(outcome.createdId());
                    }
                    if (!outcome.ok() && targets instanceof Targets.Drain d) {
                        d.ids().add(id); // may still exist: report it as left behind
                    }
                    if (sentOnClock >= start && sentOnClock < end) {
                        if (outcome.ok()) {
                            latencies.record(answered - sent);
                        } else {
                            errors.record(outcome);
                        }
                    }
                }
            }
        }
    }
}
