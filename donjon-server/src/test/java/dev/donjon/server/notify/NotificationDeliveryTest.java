package dev.donjon.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.audit.NotificationOutbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage notifications end to end, with real parts only: a RabbitMQ broker of the test's own, Debian's oslo.messaging
 * notification listener (what Ceilometer runs), and Donjon servers publishing to it. One broker for the class; each
 * test listens on a topic of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE = "openstack";
    /** Base64 of the secret stored: it must never appear in a notification. */
    private static final String PAYLOAD = "dG9wLXNlY3JldC11c2FnZS1ldmVudA==";

    private Path directory;
    private RabbitBroker broker;

    @BeforeAll
    void startBroker(@TempDir Path directory) throws Exception {
        this.directory = directory;
        broker = RabbitBroker.start();
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void theOsloListenerReceivesTheCadfEventsOfASecretsCreateReadAndDelete() throws Exception {
        String topic = "notifications-lifecycle";
        try (OsloListener listener = OsloListener.start(broker.transportUrl(), EXCHANGE, topic, directory);
             TestServer server = server(topic, "lifecycle")) {
            Rest rest = new Rest(server, server.token("usage-project", Role.ADMIN));

            String id = rest.create();
            assertThat(rest.send("GET", "/v1/secrets/" + id + "/payload", null).statusCode()).isEqualTo(200);
            assertThat(rest.send("DELETE", "/v1/secrets/" + id, null).statusCode()).isEqualTo(204);

            List<JsonNode> events = forObject(listener.await(received -> forObject(received, id).size() >= 3,
                    Duration.ofSeconds(60)), id);
            assertThat(events).extracting(n -> n.get("payload").get("action").asText())
                    .containsExactly("create", "read", "delete");
            assertThat(events).extracting(n -> n.get("payload").get("donjon_action").asText())
                    .containsExactly("secret_create", "secret_read_payload", "secret_delete");
            for (JsonNode notification : events) {
                assertThat(notification.get("priority").asText()).isEqualTo("info");
                assertThat(notification.get("event_type").asText()).isEqualTo("audit.http.response");
                assertThat(notification.get("publisher_id").asText()).isEqualTo("donjon-test");
                assertThat(notification.get("metadata").get("message_id").asText()).matches("[0-9a-f-]{36}");
                assertThat(notification.get("metadata").get("timestamp").asText())
                        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
                JsonNode cadf = notification.get("payload");
                assertThat(cadf.get("typeURI").asText()).isEqualTo("http://schemas.dmtf.org/cloud/audit/1.0/event");
                assertThat(cadf.get("eventType").asText()).isEqualTo("activity");
                assertThat(cadf.get("outcome").asText()).isEqualTo("success");
                assertThat(cadf.get("target").get("typeURI").asText())
                        .isEqualTo("service/security/keymanager/secrets");
                assertThat(cadf.get("initiator").get("project_id").asText()).isEqualTo("usage-project");
                assertThat(cadf.get("initiator").get("host").get("address").asText()).isEqualTo("127.0.0.1");
                assertThat(cadf.get("tags").get(0).asText()).startsWith("correlation_id?value=req-");
                assertThat(notification.get("ctxt").get("project_id").asText()).isEqualTo("usage-project");
                assertThat(notification.toString()).doesNotContain(PAYLOAD).doesNotContain(rest.token);
            }
            awaitEmptyOutbox(server);
        }
    }

    @Test
    @Order(2)
    void whileTheBrokerIsDownRequestsSucceedAndTheirEventsArriveInOrderWhenItReturns() throws Exception {
        String topic = "notifications-outage";
        try (OsloListener listener = OsloListener.start(broker.transportUrl(), EXCHANGE, topic, directory);
             TestServer server = server(topic, "outage")) {
            Rest rest = new Rest(server, server.token("outage-project", Role.ADMIN));
            String before = rest.create();
            listener.await(received -> !forObject(received, before).isEmpty(), Duration.ofSeconds(60));

            broker.stop();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(rest.create());
            }
            List<NotificationOutbox.Pending> waiting = server.server().store()
                    .read(tx -> tx.notificationOutbox().oldest(100));
            assertThat(waiting).as("the events wait in the outbox while the broker is down").hasSizeGreaterThanOrEqualTo(5);

            broker.startAgain();
            List<JsonNode> received = listener.await(all -> created.stream().allMatch(id -> !forObject(all, id)
                    .isEmpty()), Duration.ofSeconds(120));
            List<String> order = firstArrivals(received, new HashSet<>(created));
            assertThat(order).as("the creates' events, in the order of the requests").containsExactlyElementsOf(created);
            awaitEmptyOutbox(server);
        }
    }

    @Test
    @Order(3)
    void aServerKilledWhilePublishingLosesNoEventOfAnAcknowledgedRequest() throws Exception {
        String topic = "notifications-crash";
        Path dataDir = Files.createDirectories(directory.resolve("crash"));
        try (OsloListener listener = OsloListener.start(broker.transportUrl(), EXCHANGE, topic, directory)) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            try (NotifyingServerProcess first = NotifyingServerProcess.start(dataDir, broker.amqpUrl(), topic)) {
                Rest rest = new Rest(first.baseUrl(), first.token(), dataDir);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    clients.add(Thread.ofVirtual().start(() -> {
                        while (!stop.get()) {
                            try {
                                acknowledged.add(rest.create());
                            } catch (Exception | AssertionError e) {
                                return; // the server died under this request: it was never acknowledged
                            }
                        }
                    }));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acknowledged.size() < 100 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // Requests are still coming in and the relay is publishing: kill -9.
                first.kill();
                stop.set(true);
                for (Thread client : clients) {
                    client.join();
                }
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);
            long undelivered = outboxRows(dataDir);
            Set<String> receivedBeforeRestart = objects(listener.received());
            assertThat(undelivered > 0 || !receivedBeforeRestart.containsAll(acknowledged))
                    .as("the kill left events undelivered (else this test proves nothing)").isTrue();

            try (NotifyingServerProcess second = NotifyingServerProcess.start(dataDir, broker.amqpUrl(), topic)) {
                listener.await(all -> objects(all).containsAll(acknowledged), Duration.ofSeconds(120));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (outboxRows(dataDir) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(outboxRows(dataDir)).isZero();
            }
        }
    }

    private TestServer server(String topic, String name) throws Exception {
        Path dataDir = Files.createDirectories(directory.resolve(name));
        return TestServer.sqlite(dataDir, dev -> dev.withNotifications(new DonjonConfig.Notifications(true,
                broker.amqpUrl(), null, null, EXCHANGE, topic, false, "donjon-test")));
    }

    private static List<JsonNode> forObject(List<JsonNode> received, String id) {
        return received.stream().filter(n -> id.equals(n.get("payload").get("target").get("id").asText())).toList();
    }

    private static Set<String> objects(List<JsonNode> received) {
        Set<String> ids = new HashSet<>();
        received.forEach(n -> ids.add(n.get("payload").get("target").get("id").asText()));
        return ids;
    }

    /** The objects of {@code wanted}, in the order their first notification arrived. */
    private static List<String> firstArrivals(List<JsonNode> received, Set<String> wanted) {
        List<String> order = new ArrayList<>();
        for (JsonNode n : received) {
            String id = n.get("payload").get("target").get("id").asText();
            if (wanted.contains(id) && !order.contains(id)) {
                order.add(id);
            }
        }
        return order;
    }

    private static void awaitEmptyOutbox(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.server().store().read(tx -> tx.notificationOutbox().oldest(1)).isEmpty()) {
            assertThat(System.nanoTime()).as("the outbox empties once the broker confirmed").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Rows in a (killed) node's outbox, read from its SQLite file. */
    private static long outboxRows(Path dataDir) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("donjon.db"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM notification_outbox")) {
            return rows.getLong(1);
        }
    }

    /** Barbican's secrets API as a client sees it. */
    private static final class Rest {
        private final String baseUrl;
        private final String token;
        private final HttpClient http;

        Rest(TestServer server, String token) {
            this.baseUrl = server.baseUrl();
            this.token = token;
            this.http = HttpClient.newBuilder().sslContext(server.clientTls()).build();
        }

        Rest(String baseUrl, String token, Path dataDir) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.http = HttpClient.newBuilder().sslContext(dev.donjon.server.crypto.TlsContexts.client(
                    dataDir.resolve(dev.donjon.server.crypto.DevPki.CA_CERTIFICATE))).build();
        }

        String create() throws Exception {
            HttpResponse<String> created = send("POST", "/v1/secrets", """
                    {"name": "usage", "payload": "%s", "payload_content_type": "application/octet-stream",
                     "payload_content_encoding": "base64"}""".formatted(PAYLOAD));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String ref = JSON.readTree(created.body()).get("secret_ref").asText();
            return ref.substring(ref.lastIndexOf('/') + 1);
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("X-Auth-Token", token).header("Accept", path.endsWith("/payload") ? "application/octet-stream" : "application/json")
                    .timeout(Duration.ofSeconds(30));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
