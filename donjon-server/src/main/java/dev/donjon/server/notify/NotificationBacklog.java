package dev.donjon.server.notify;

import dev.donjon.server.domain.audit.NotificationOutbox;
import dev.donjon.server.domain.port.Store;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbox's backlog as metrics: {@code donjon_notifications_pending} (notifications waiting for the broker, all
 * nodes' together, since they share the outbox) and {@code donjon_notifications_oldest_age_seconds} (how long the
 * oldest has waited; 0 when none waits). A growing age is what to alert on: the broker is down or refuses, or no node
 * relays. The outbox is read at most once per {@link #REFRESH} whatever the scrape rate, so that a scrape costs the
 * database two indexed reads at most.
 */
public final class NotificationBacklog {
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotificationBacklog.class);

    private final Store store;
    private final Clock clock;
    private NotificationOutbox.Backlog last;
    private long readAtNanos;

    public NotificationBacklog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void instrument(MeterRegistry registry) {
        Gauge.builder("donjon.notifications.pending", this, b -> {
                    NotificationOutbox.Backlog backlog = b.backlog();
                    return backlog == null ? Double.NaN : backlog.pending();
                })
                .description("Usage notifications waiting in the outbox for the message broker").register(registry);
        Gauge.builder("donjon.notifications.oldest.age", this, NotificationBacklog::oldestAgeSeconds)
                .baseUnit("seconds")
                .description("How long the oldest waiting notification has waited (0 when none waits)")
                .register(registry);
    }

    private double oldestAgeSeconds() {
        NotificationOutbox.Backlog backlog = backlog();
        return backlog == null ? Double.NaN
                : backlog.oldest().map(oldest -> age(oldest, clock.instant())).orElse(0.0);
    }

    static double age(Instant oldest, Instant now) {
        return Math.max(0, Duration.between(oldest, now).toNanos() / 1e9);
    }

    private synchronized NotificationOutbox.Backlog backlog() {
        long now = System.nanoTime();
        if (last == null || now - readAtNanos > REFRESH.toNanos()) {
            try {
                last = store.read(tx -> tx.notificationOutbox().backlog());
                readAtNanos = now;
            } catch (RuntimeException e) {
                LOG.warn("notifications: cannot read the outbox's backlog for the metrics: {}", e.toString());
                // The database is unavailable: the scrape shows NaN (unknown) rather than failing or a stale figure;
                // readiness reports the database itself.
                last = null;
            }
        }
        return last;
    }
}
