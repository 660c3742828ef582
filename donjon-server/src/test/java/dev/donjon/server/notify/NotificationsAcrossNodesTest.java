package dev.donjon.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage notifications from two Donjon nodes (server processes) sharing one PostgreSQL database, with a real RabbitMQ
 * broker and Debian's oslo.messaging listener: one node relays at a time, each notification arrives once while nothing
 * fails, the requests of each client (one node each) arrive in the order they were answered, and when the relaying
 * node is killed with SIGKILL the other takes the relay over and delivers every acknowledged request's notification;
 * the only duplicates are the batch the dead node had published but not yet removed, never a storm.
 */
class NotificationsAcrossNodesTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "notifications-nodes";
    /** NotificationRelay's batch: the most a relay killed between publish and removal can make arrive twice. */
    private static final int BATCH = 500;

    @TempDir
    Path directory;

    @Test
    void twoNodesDeliverEachNotificationOnceInOrderAndTheSurvivorTakesTheRelayOver() throws Exception {
        Path dataA = Files.createDirectories(directory.resolve("a"));
        Path dataB = Files.createDirectories(directory.resolve("b"));
        try (RabbitBroker broker = RabbitBroker.start();
             OsloListener listener = OsloListener.start(broker.transportUrl(), "openstack", TOPIC, directory);
             NotifyingServerProcess a = NotifyingServerProcess.start(dataA, broker.amqpUrl(), TOPIC,
                     POSTGRES.jdbcUrl(), POSTGRES.username())) {
            Files.copy(dataA.resolve("master-keys"), dataB.resolve("master-keys"), StandardCopyOption.COPY_ATTRIBUTES);
            try (NotifyingServerProcess b = NotifyingServerProcess.start(dataB, broker.amqpUrl(), TOPIC,
                    POSTGRES.jdbcUrl(), POSTGRES.username())) {
                Map<String, NotifyingServerProcess> nodes = Map.of("a", a, "b", b);
                Map<String, Client> clients = new HashMap<>();
                for (String name : List.of("a1", "a2", "b1", "b2")) {
                    NotifyingServerProcess node = nodes.get(name.substring(0, 1));
                    clients.put(name, new Client(node.baseUrl(), node.token(),
                            name.startsWith("a") ? dataA : dataB));
                }

                // Both nodes serve and both would relay: 4 clients, 30 creates each, at once.
                runAll(clients.values(), 30);
                Set<String> created = new HashSet<>();
                clients.values().forEach(c -> created.addAll(c.created));
                assertThat(created).hasSize(120);
                List<JsonNode> received = listener.await(all -> creates(all).keySet().containsAll(created),
                        Duration.ofSeconds(120));
                awaitEmptyOutbox();
                received = listener.received();
                List<String> messageIds = received.stream()
                        .map(n -> n.get("metadata").get("message_id").asText()).toList();
                assertThat(new HashSet<>(messageIds)).as("no notification delivered twice while nothing failed")
                        .hasSameSizeAs(messageIds);
                creates(received).forEach((id, count) -> assertThat(count).as("create of " + id).isOne());
                for (Client client : clients.values()) {
                    assertThat(firstArrivals(received, client.created)).as("one client's creates, in order")
                            .containsExactlyElementsOf(client.created);
                }
                String relaying = relayHolder();
                assertThat(relaying).as("one node holds the relay's lease").isNotNull();

                // Kill the relaying node (SIGKILL) while both take requests; the survivor takes the relay over.
                boolean aRelays = relaying.contains("/" + a.pid() + "/");
                assertThat(aRelays || relaying.contains("/" + b.pid() + "/")).as(relaying).isTrue();
                NotifyingServerProcess victim = aRelays ? a : b;
                List<Client> survivors = clients.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(aRelays ? "b" : "a")).map(Map.Entry::getValue).toList();
                List<Client> doomed = clients.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(aRelays ? "a" : "b")).map(Map.Entry::getValue).toList();
                survivors.forEach(Client::forget);
                doomed.forEach(Client::forget);
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> load = new ArrayList<>();
                for (Client client : doomed) {
                    load.add(Thread.ofVirtual().start(() -> client.createUntil(stop)));
                }
                for (Client client : survivors) {
                    load.add(Thread.ofVirtual().start(() -> client.createUntil(stop)));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (doomed.stream().mapToInt(c -> c.created.size()).sum() < 40 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                victim.kill();
                Thread.sleep(2_000); // the survivors go on creating while nobody relays
                stop.set(true);
                for (Thread thread : load) {
                    thread.join();
                }
                Set<String> acknowledged = new HashSet<>();
                clients.values().forEach(c -> acknowledged.addAll(c.created));
                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

                // The dead node's lease expires (15 s); the survivor relays everything acknowledged.
                received = listener.await(all -> creates(all).keySet().containsAll(acknowledged),
                        Duration.ofSeconds(120));
                awaitEmptyOutbox();
                received = listener.received();
                String after = relayHolder();
                assertThat(after).as("the survivor relays now").isNotEqualTo(relaying);
                Map<String, Integer> counts = new HashMap<>();
                received.forEach(n -> counts.merge(n.get("metadata").get("message_id").asText(), 1, Integer::sum));
                long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
                assertThat(counts.values()).as("a notification arrives at most twice").allMatch(c -> c <= 2);
                assertThat(duplicates).as("duplicates: at most the dead relay's unconfirmed batch").isLessThanOrEqualTo(BATCH);
                for (Client client : clients.values()) {
                    assertThat(firstArrivals(received, client.created)).as("one client's creates, in order")
                            .containsExactlyElementsOf(client.created);
                }
                System.out.printf("notifications across nodes: %d received, %d duplicates after the kill%n",
                        received.size(), duplicates);
            }
        }
    }

    private static void runAll(Iterable<Client> clients, int each) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (Client client : clients) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        client.create();
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    /** How many create notifications each object has. */
    private static Map<String, Integer> creates(List<JsonNode> received) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode n : received) {
            if (n.get("payload").get("action").asText().equals("create")) {
                counts.merge(n.get("payload").get("target").get("id").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The objects of {@code wanted}, in the order their first create notification arrived. */
    private static List<String> firstArrivals(List<JsonNode> received, List<String> wanted) {
        Set<String> set = new HashSet<>(wanted);
        List<String> order = new ArrayList<>();
        for (JsonNode n : received) {
            String id = n.get("payload").get("target").get("id").asText();
            if (n.get("payload").get("action").asText().equals("create") && set.contains(id) && !order.contains(id)) {
                order.add(id);
            }
        }
        return order;
    }

    private static void awaitEmptyOutbox() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (query("SELECT COUNT(*) FROM notification_outbox") instanceof Long n && n > 0) {
            assertThat(System.nanoTime()).as("the outbox empties").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String relayHolder() throws Exception {
        return (String) query("SELECT holder FROM job_leases WHERE job = '" + NotificationRelay.LEASE + "'");
    }

    private static Object query(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.username(), null);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    /** One client of one node: creates secrets one after the other and remembers the acknowledged ones in order. */
    private static final class Client {
        private final String baseUrl;
        private final String token;
        private final HttpClient http;
        private final List<String> created = new CopyOnWriteArrayList<>();

        Client(String baseUrl, String token, Path dataDir) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.http = HttpClient.newBuilder().sslContext(dev.donjon.server.crypto.TlsContexts.client(
                    dataDir.resolve(dev.donjon.server.crypto.DevPki.CA_CERTIFICATE))).build();
        }

        void forget() {
            created.clear();
        }

        void createUntil(AtomicBoolean stop) {
            while (!stop.get()) {
                try {
                    create();
                } catch (Exception | AssertionError e) {
                    return; // its node died under this request: never acknowledged
                }
            }
        }

        void create() throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/secrets"))
                    .header("X-Auth-Token", token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"name": "across-nodes", "payload": "bm9kZXM=",
                             "payload_content_type": "application/octet-stream",
                             "payload_content_encoding": "base64"}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String ref = JSON.readTree(response.body()).get("secret_ref").asText();
            created.add(ref.substring(ref.lastIndexOf('/') + 1));
        }
    }
}
