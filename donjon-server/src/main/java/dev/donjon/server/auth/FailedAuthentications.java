package dev.donjon.server.auth;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.port.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed authentications, audited without letting them drive the database: the first failure of a source (client
 * address) in an interval is written at once, with its request id; the further ones of that interval are counted and
 * written as one summary event per source when the interval ends. A source that fails more than {@code perSource}
 * times in an interval is throttled until the interval ends (the edge answers 429 without checking its credentials).
 * At most {@link #MAX_SOURCES} sources are tracked per interval; failures from further sources go into one summary
 * for all of them. So an interval writes at most 2 × {@link #MAX_SOURCES} + 1 events however many requests fail, and
 * every failure is still accounted for in the trail.
 */
public final class FailedAuthentications implements AutoCloseable {
    static final int MAX_SOURCES = 1_000;
    static final String OTHER_SOURCES = "other sources";
    private static final Logger LOG = LoggerFactory.getLogger(FailedAuthentications.class);

    private final Store store;
    private final Clock clock;
    private final Duration interval;
    private final int perSource;
    private final Thread flusher;
    private final Object lock = new Object();
    private Instant intervalStart;
    private Map<String, Integer> failures = new HashMap<>();

    /**
     * @param interval  the aggregation and throttling interval
     * @param perSource how many failures a source may have in an interval before it is throttled
     */
    public FailedAuthentications(Store store, Clock clock, Duration interval, int perSource) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.perSource = perSource;
        this.intervalStart = clock.instant();
        this.flusher = Thread.ofVirtual().name("failed-authentication-audit").start(this::flushEachInterval);
    }

    /** How long a throttled source waits at most: the interval. */
    public Duration interval() {
        return interval;
    }

    /** Whether {@code source} has used up its failures for this interval. */
    public boolean throttled(String source) {
        synchronized (lock) {
            Integer count = failures.get(source);
            return count != null && count >= perSource;
        }
    }

    /** Records one failure: written now if it is the source's first of the interval, else counted for the summary. */
    public void failed(String source, String requestId, String detail) {
        boolean first;
        synchronized (lock) {
            String key = failures.containsKey(source) || failures.size() < MAX_SOURCES ? source : OTHER_SOURCES;
            int count = failures.merge(key, 1, Integer::sum);
            first = count == 1 && !key.equals(OTHER_SOURCES);
        }
        if (first) {
            write(requestId, detail + " (from " + source + ")");
        }
    }

    private void flushEachInterval() {
        try {
            while (true) {
                Thread.sleep(interval);
                flush();
            }
        } catch (InterruptedException e) {
            flush();
        }
    }

    /** Writes the summaries of the interval that ends now and starts the next one. */
    void flush() {
        Map<String, Integer> ended;
        Instant start;
        synchronized (lock) {
            ended = failures;
            start = intervalStart;
            failures = new HashMap<>();
            intervalStart = clock.instant();
        }
        for (Map.Entry<String, Integer> entry : ended.entrySet()) {
            boolean other = entry.getKey().equals(OTHER_SOURCES);
            int unwritten = other ? entry.getValue() : entry.getValue() - 1;
            if (unwritten > 0) {
                try {
                    write(null, unwritten + (other ? "" : " further") + " failed authentication(s) from "
                            + entry.getKey() + " in the interval from " + start.truncatedTo(ChronoUnit.SECONDS)
                            + (entry.getValue() > perSource ? "; throttled after " + perSource : ""));
                } catch (RuntimeException e) {
                    LOG.error("cannot audit {} failed authentication(s) from {}: {}", unwritten, entry.getKey(),
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    private void write(String requestId, String detail) {
        store.write(tx -> {
            tx.audit().append(new AuditEvent(clock.instant().truncatedTo(ChronoUnit.MICROS), requestId, null, null,
                    AuthMethod.API_TOKEN, Action.AUTHENTICATE, null, AuditEvent.Outcome.FAILED, detail));
            return null;
        });
    }

    /** Writes what the current interval counted so far. */
    @Override
    public void close() {
        flusher.interrupt();
        try {
            flusher.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
