package dev.donjon.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.audit.NotificationOutbox;
import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import dev.donjon.server.domain.port.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers the outbox's notifications to RabbitMQ, at least once and in order: one thread reads the oldest waiting
 * notifications, publishes them on a channel in confirm mode, and removes them from the outbox only once the broker
 * confirmed every one. A failure anywhere (broker down, connection cut, a node killed between the publish and the
 * removal) leaves them in the outbox, and they are published again, from the oldest, when the broker answers; a
 * listener may then see a message twice, under the same {@code message_id}, never one missing or out of order.
 * <p>
 * With several nodes on one database, one of them relays (a job lease): two relays would interleave the same
 * messages. What goes on the wire is what oslo.messaging's RabbitMQ driver sends for a notification: the
 * "messaging v2.0" envelope ({@code {"oslo.version": "2.0", "oslo.message": "<the message as JSON>"}}) as
 * {@code application/json}, to the topic exchange named by {@code control_exchange} with routing key
 * {@code <topic>.info}; like the driver, the relay declares that exchange and a queue of the routing key's name bound
 * to it, so that notifications published before any listener started wait for it.
 */
public final class NotificationRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LEASE = "notification-relay";
    private static final Duration LEASE_TTL = Duration.ofSeconds(15);
    private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);
    /** How often an idle relay looks at the outbox for what other nodes (or a wake-up before the commit) added. */
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private final Store store;
    private final JobLeases leases;
    private final Clock clock;
    private final String holder;
    private final DonjonConfig.Notifications config;
    private final ConnectionFactory factory;
    private final String routingKey;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean closing;
    private Connection connection;
    private Channel channel;
    private JobLease lease;
    private Instant leaseRenewal = Instant.MIN;
    private boolean failing;
    /** What the metrics read: whether this node relays now, whether its broker connection works, how many went. */
    private volatile boolean relaying;
    private volatile boolean connected;
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();

    private NotificationRelay(Store store, JobLeases leases, Clock clock, String holder,
                              DonjonConfig.Notifications config) {
        this.store = store;
        this.leases = leases;
        this.clock = clock;
        this.holder = holder;
        this.config = config;
        this.factory = connectionFactory(config);
        this.routingKey = config.topic() + "." + OsloNotifications.PRIORITY.toLowerCase(Locale.ROOT);
        this.thread = Thread.ofPlatform().daemon().name("notification-relay").unstarted(this::run);
    }

    /**
     * @param holder this process's name in the relay's lease, unique to it: two relays sharing a name would both
     *               believe they hold the lease and publish the same notifications twice
     */
    public static NotificationRelay start(Store store, JobLeases leases, Clock clock, String holder,
                                          DonjonConfig.Notifications config) {
        NotificationRelay relay = new NotificationRelay(store, leases, clock, holder, config);
        relay.thread.start();
        return relay;
    }

    /**
     * Publishes the relay's state: {@code donjon_notifications_relaying} (1 on the node holding the relay's lease),
     * {@code donjon_notifications_broker_connected} (1 while that node's broker connection works; 0 elsewhere) and
     * {@code donjon_notifications_delivered_total}. The backlog itself is {@link NotificationBacklog}'s.
     */
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("donjon.notifications.relaying", this, r -> r.relaying ? 1 : 0)
                .description("1 on the node that relays notifications to the broker (holds the relay's lease)")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("donjon.notifications.broker.connected", this,
                        r -> r.relaying && r.connected ? 1 : 0)
                .description("1 while the relaying node's connection to the broker works").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.notifications.delivered", delivered,
                        java.util.concurrent.atomic.AtomicLong::get)
                .description("Notifications this node published and the broker confirmed").register(registry);
    }

    /** The connection settings the relay uses, for a status check that asks the broker itself. */
    static ConnectionFactory connectionFactory(DonjonConfig.Notifications config) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(config.url());
        } catch (Exception e) {
            throw new IllegalArgumentException("notifications.url is not a usable AMQP URL: " + e.getMessage());
        }
        // "amqp://host/" names the empty vhost in the AMQP URI scheme, but "/" in oslo.messaging's transport_url,
        // which operators copy from: the default vhost, as they mean it.
        if (factory.getVirtualHost().isEmpty()) {
            factory.setVirtualHost("/");
        }
        if (config.user() != null) {
            factory.setUsername(config.user());
        }
        if (config.password() != null) {
            factory.setPassword(config.password());
        }
        // The relay reconnects itself, after re-reading the outbox: the client's recovery would replay nothing.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setRequestedHeartbeat(30);
        return factory;
    }

    /** Looks at the outbox now rather than at the next poll (called as notifications are added). */
    public void wake() {
        wake.release();
    }

    private void run() {
        Duration backoff = POLL;
        try {
            while (!closing) {
                try {
                    relaying = holdsLease();
                    int delivered = relaying ? relayBatch() : 0;
                    backoff = POLL;
                    if (!relaying && channel != null) {
                        disconnect(); // another node relays: no connection held for nothing
                    }
                    if (delivered > 0 && failing) {
                        failing = false;
                        LOG.info("notifications: delivering to {} again", describe());
                    }
                    if (delivered == 0) {
                        idle(POLL);
                    }
                } catch (IOException | TimeoutException | RuntimeException e) {
                    disconnect();
                    if (closing) {
                        break;
                    }
                    if (!failing) {
                        failing = true;
                        LOG.warn("notifications: cannot deliver to {} ({}); they wait in the outbox, retrying",
                                describe(), reason(e));
                    } else {
                        LOG.debug("notifications: still failing: {}", reason(e));
                    }
                    idle(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            disconnect();
        }
    }

    /** @return how many notifications were delivered and removed */
    private int relayBatch() throws IOException, TimeoutException, InterruptedException {
        List<NotificationOutbox.Pending> batch = store.read(tx -> tx.notificationOutbox().oldest(BATCH));
        if (batch.isEmpty()) {
            return 0;
        }
        Channel channel = channel();
        for (NotificationOutbox.Pending pending : batch) {
            channel.basicPublish(config.exchange(), routingKey, false, properties(pending), envelope(pending));
        }
        // A nack or a timeout throws: nothing is removed, the batch is published again.
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
        List<Long> seqs = batch.stream().map(NotificationOutbox.Pending::seq).toList();
        store.write(tx -> {
            tx.notificationOutbox().remove(seqs);
            return null;
        });
        delivered.addAndGet(batch.size());
        return batch.size();
    }

    private boolean holdsLease() {
        Instant now = clock.instant();
        if (lease != null && now.isBefore(leaseRenewal)) {
            return true;
        }
        Optional<JobLease> held = leases.acquire(LEASE, holder, now, LEASE_TTL);
        lease = held.orElse(null);
        leaseRenewal = now.plus(LEASE_RENEWAL);
        return lease != null;
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        disconnect();
        connection = factory.newConnection("donjon-notifications");
        channel = connection.createChannel();
        // As oslo.messaging's notify_send: a topic exchange, and a default queue named by the routing key.
        channel.exchangeDeclare(config.exchange(), "topic", config.durable(), false, null);
        channel.queueDeclare(routingKey, config.durable(), false, false, null);
        channel.queueBind(routingKey, config.exchange(), routingKey);
        channel.confirmSelect();
        connected = true;
        return channel;
    }

    private static AMQP.BasicProperties properties(NotificationOutbox.Pending pending) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .priority(0)
                .messageId(messageId(pending.message()))
                .build();
    }

    private static String messageId(String message) {
        try {
            return JSON.readTree(message).path("message_id").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** oslo.messaging's "messaging v2.0" envelope: the message as a JSON string inside a JSON object. */
    static byte[] envelope(NotificationOutbox.Pending pending) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("oslo.version", "2.0");
        envelope.put("oslo.message", pending.message());
        return envelope.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void idle(Duration time) throws InterruptedException {
        if (wake.tryAcquire(time.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }

    private void disconnect() {
        connected = false;
        try {
            if (connection != null) {
                connection.abort(2_000);
            }
        } finally {
            connection = null;
            channel = null;
        }
    }

    private String describe() {
        return factory.getHost() + ":" + factory.getPort() + " (exchange " + config.exchange() + ", routing key "
                + routingKey + ")";
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Stops relaying; what is still in the outbox waits for the next start of a relay on any node. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lease != null) {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                LOG.debug("notifications: cannot release the relay lease: {}", e.toString());
            }
        }
    }
}
