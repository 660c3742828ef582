package dev.donjon.server.notify;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's backlog as an operator sees it, with a real RabbitMQ broker stopped and started again: the Prometheus
 * metrics ({@code donjon_notifications_*}) and {@code donjon notifications status} ({@link NotificationStatus}).
 */
class NotificationStatusTest {
    @TempDir
    Path directory;

    @Test
    void theBacklogGrowsAgesAndDrainsWithTheBrokerAndTheStatusSaysWhy() throws Exception {
        try (RabbitBroker broker = RabbitBroker.start();
             TestServer server = TestServer.sqlite(directory, dev -> dev.withNotifications(
                     new DonjonConfig.Notifications(true, broker.amqpUrl(), null, null, "openstack",
                             "notifications-status", false, "donjon-test")))) {
            HttpClient http = HttpClient.newBuilder().sslContext(server.clientTls()).build();
            String token = server.token("status-project", Role.ADMIN);
            create(http, server, token);
            Metrics delivering = awaitMetrics(http, server, m -> m.value("donjon_notifications_pending") == 0
                    && m.value("donjon_notifications_delivered_total") >= 1);
            assertThat(delivering.value("donjon_notifications_relaying")).isEqualTo(1);
            assertThat(delivering.value("donjon_notifications_broker_connected")).isEqualTo(1);
            assertThat(delivering.value("donjon_notifications_oldest_age_seconds")).isZero();
            NotificationStatus healthy = status(server, broker);
            assertThat(healthy.backlog().pending()).isZero();
            assertThat(healthy.problem()).isEmpty();
            assertThat(healthy.stalled()).isFalse();
            assertThat(healthy.describe()).contains("outbox: 0 notification(s) waiting", "reachable")
                    .contains("relay: " + healthy.relay().orElseThrow().holder());

            broker.stop();
            for (int i = 0; i < 3; i++) {
                create(http, server, token);
            }
            Metrics stalled = awaitMetrics(http, server, m -> m.value("donjon_notifications_pending") >= 3
                    && m.value("donjon_notifications_broker_connected") == 0
                    && m.value("donjon_notifications_oldest_age_seconds") > 0);
            assertThat(stalled.value("donjon_notifications_relaying")).as("still the relay, failing").isEqualTo(1);
            NotificationStatus down = status(server, broker);
            assertThat(down.backlog().pending()).isGreaterThanOrEqualTo(3);
            assertThat(down.backlog().oldest()).isPresent();
            assertThat(down.problem()).hasValueSatisfying(p -> assertThat(p).contains("Connection refused"));
            assertThat(down.stalled()).isTrue();
            assertThat(down.describe()).contains("unreachable from here", "delivery is stalled", "s ago)");

            broker.startAgain();
            Metrics drained = awaitMetrics(http, server, m -> m.value("donjon_notifications_pending") == 0
                    && m.value("donjon_notifications_broker_connected") == 1);
            assertThat(drained.value("donjon_notifications_delivered_total")).isGreaterThanOrEqualTo(4);
            NotificationStatus again = status(server, broker);
            assertThat(again.backlog().pending()).isZero();
            assertThat(again.stalled()).isFalse();
        }
    }

    private static NotificationStatus status(TestServer server, RabbitBroker broker) {
        dev.donjon.server.store.JdbcStore store = (dev.donjon.server.store.JdbcStore) server.server().store();
        return NotificationStatus.read(store, store.jobLeases(),
                new DonjonConfig.Notifications(true, broker.amqpUrl(), null, null, "openstack",
                        "notifications-status", false, "donjon-test"), Clock.systemUTC());
    }

    private static void create(HttpClient http, TestServer server, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"status\", \"payload\": \"c3RhdHVz\", "
                        + "\"payload_content_type\": \"application/octet-stream\", "
                        + "\"payload_content_encoding\": \"base64\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Scrapes /metrics until {@code done} holds (the backlog is re-read every 5 s at most). */
    private static Metrics awaitMetrics(HttpClient http, TestServer server, Predicate<Metrics> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Metrics last;
        do {
            last = new Metrics(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the metrics never reached the expected state: " + last.notificationLines());
    }

    private record Metrics(String text) {
        double value(String name) {
            Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(text);
            if (!m.find()) {
                throw new AssertionError(name + " is not among the metrics: " + notificationLines());
            }
            return Double.parseDouble(m.group(1));
        }

        String notificationLines() {
            return text.lines().filter(l -> l.startsWith("donjon_notifications")).toList().toString();
        }
    }
}
