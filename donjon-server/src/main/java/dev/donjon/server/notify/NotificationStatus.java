package dev.donjon.server.notify;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.audit.NotificationOutbox;
import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.port.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code donjon notifications status} shows: the outbox's backlog (shared by every node), which node relays
 * (the relay's lease), and whether the configured broker accepts a connection now, asked from where the command runs.
 *
 * @param enabled whether the configuration turns notifications on
 * @param broker  the broker as configured, without credentials
 * @param problem why the broker could not be reached, empty when it accepted the connection (or notifications are off)
 */
public record NotificationStatus(boolean enabled, String broker, NotificationOutbox.Backlog backlog,
                                 Optional<JobLease> relay, Optional<String> problem, Instant at) {

    public static NotificationStatus read(Store store, JobLeases leases, DonjonConfig.Notifications config,
                                          Clock clock) {
        NotificationOutbox.Backlog backlog = store.read(tx -> tx.notificationOutbox().backlog());
        Optional<JobLease> relay = leases.current(NotificationRelay.LEASE);
        ConnectionFactory factory = NotificationRelay.connectionFactory(config);
        String broker = factory.getHost() + ":" + factory.getPort() + " (vhost " + factory.getVirtualHost()
                + ", exchange " + config.exchange() + ")";
        Optional<String> problem = config.enabled() ? probe(factory) : Optional.empty();
        return new NotificationStatus(config.enabled(), broker, backlog, relay, problem, clock.instant());
    }

    private static Optional<String> probe(ConnectionFactory factory) {
        try (Connection ignored = factory.newConnection("donjon-notifications-status")) {
            return Optional.empty();
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            return Optional.of(cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                    : ": " + cause.getMessage()));
        }
    }

    /** Whether notifications are stuck: some wait and the broker cannot be reached or nobody relays. */
    public boolean stalled() {
        boolean relayed = relay.map(lease -> lease.expires().isAfter(at)).orElse(false);
        return backlog.pending() > 0 && (problem.isPresent() || !relayed);
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!enabled) {
            out.append("notifications: disabled in this configuration (notifications.enabled: false)\n");
        }
        out.append("outbox: ").append(backlog.pending()).append(" notification(s) waiting");
        backlog.oldest().ifPresent(oldest -> out.append(", oldest added ").append(oldest).append(" (")
                .append(String.format(java.util.Locale.ROOT, "%.1f", NotificationBacklog.age(oldest, at)))
                .append(" s ago)"));
        out.append('\n');
        out.append("relay: ").append(relay.map(lease -> lease.expires().isAfter(at)
                ? lease.holder() + " (lease until " + lease.expires() + ")"
                : "none (the last holder, " + lease.holder() + ", let its lease expire at " + lease.expires() + ")")
                .orElse("none has ever run against this database")).append('\n');
        if (enabled) {
            out.append("broker: ").append(broker).append(": ")
                    .append(problem.map(p -> "unreachable from here (" + p + ")").orElse("reachable")).append('\n');
        }
        if (stalled()) {
            out.append("delivery is stalled: notifications wait and ")
                    .append(problem.isPresent() ? "the broker cannot be reached" : "no node relays them").append('\n');
        }
        return out.toString();
    }
}
