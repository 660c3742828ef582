package dev.donjon.server.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pass on a daemon thread of its own, at once and then {@code interval} after each pass ends, for as long as
 * the node runs. A failed pass is logged (its message only: passes carry no secrets in their exceptions, but a stack
 * trace every interval would drown the log while the database is away) and the next one tries again.
 */
public final class BackgroundPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPoller.class);

    private final ScheduledExecutorService scheduler;

    private BackgroundPoller(String name, Duration interval, Runnable pass) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                LOG.warn("{} pass failed, retrying: {}", name, e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @param name the thread's name, also naming the pass in the log */
    public static BackgroundPoller start(String name, Duration interval, Runnable pass) {
        return new BackgroundPoller(name, interval, pass);
    }

    /** Interrupts a pass in progress and waits up to 10 s for it to stop. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
