package dev.donjon.server.net;

import org.slf4j.Logger;

import java.io.IOException;
import java.time.Duration;

/**
 * What a listener does when accepting (or, for REST, starting the listener again) fails, typically with "Too many
 * open files": it waits before trying again, longer after each consecutive failure, and logs at most one line per
 * interval (with the number of failures since the last line). Retrying at once would spin a core and flood the log
 * while nothing can succeed; giving up would leave the port dead until a restart. Once descriptors free up, the next
 * attempt succeeds and the wait starts over from its shortest.
 */
public final class AcceptFailures {
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final long FIRST_WAIT_MILLIS = 5;
    private static final long LONGEST_WAIT_MILLIS = 1_000;

    private final Logger log;
    private final String listener;
    private final String attempt;
    private long waitMillis = FIRST_WAIT_MILLIS;
    private long lastLogNanos;
    private boolean loggedOnce;
    private long unlogged;

    /** @param attempt what fails, for the log line: "accepting a connection", "starting the listener again" */
    public AcceptFailures(Logger log, String listener, String attempt) {
        this.log = log;
        this.listener = listener;
        this.attempt = attempt;
    }

    /** Called after each successful accept. */
    public synchronized void succeeded() {
        waitMillis = FIRST_WAIT_MILLIS;
    }

    /** Logs (at most once per interval) and sleeps before the caller accepts again. */
    public void failed(IOException failure) throws InterruptedException {
        long sleep;
        synchronized (this) {
            unlogged++;
            long now = System.nanoTime();
            if (!loggedOnce || now - lastLogNanos >= LOG_INTERVAL.toNanos()) {
                log.warn("{}: {} failed {} time(s) in the last {} s ({}); backing off and retrying", listener,
                        attempt, unlogged, LOG_INTERVAL.toSeconds(), failure.getMessage());
                loggedOnce = true;
                lastLogNanos = now;
                unlogged = 0;
            }
            sleep = waitMillis;
            waitMillis = Math.min(LONGEST_WAIT_MILLIS, waitMillis * 2);
        }
        Thread.sleep(sleep);
    }
}
