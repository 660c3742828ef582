package dev.donjon.server.rest;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.server.app.Node;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.KekRotation;
import dev.donjon.server.crypto.MasterKeyRotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A steady mixed load (REST clients creating secrets in many projects and reading random ones back, KMIP clients
 * creating AES keys and getting them back) runs through a master key rotation with its re-wrap job and then a KEK
 * rotation of every project with its re-encryption and retirement: not one request fails, every read returns the bytes
 * that were stored, and at the end every object created reads back identical.
 */
class RotationUnderLoadTest {
    private static final int REST_CLIENTS = 3;
    private static final int KMIP_CLIENTS = 2;
    private static final int PROJECTS = 40;

    @TempDir
    static Path dataDir;

    @Test
    void zeroFailedRequestsThroughMasterKeyAndKekRotations() throws Exception {
        try (TestServer server = TestServer.sqlite(dataDir, KekRotationTest::shortGrace)) {
            Node node = server.server().node();
            Map<String, Stored> restObjects = new ConcurrentHashMap<>();
            Map<String, byte[]> kmipObjects = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong requests = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < REST_CLIENTS; c++) {
                clients.add(Thread.ofPlatform().start(() -> restClient(server, restObjects, failures, requests,
                        running)));
            }
            for (int c = 0; c < KMIP_CLIENTS; c++) {
                clients.add(Thread.ofPlatform().start(() -> kmipClient(server, kmipObjects, failures, requests,
                        running)));
            }
            await(() -> restObjects.size() >= PROJECTS * 2, Duration.ofSeconds(60), "the load to cover the projects");
            long beforeRotations = requests.get();

            assertThat(MasterKeyRotation.rotate(node.masterKeystore(), node.store(), node.random(), node.clock()))
                    .isEqualTo(2);
            await(() -> MasterKeyRotation.status(node.masterKeystore(), node.store(), node.store().jobLeases())
                    .done(), Duration.ofSeconds(60),
                    "the re-wrap to finish");
            long duringMasterKey = requests.get() - beforeRotations;

            Map<?, Integer> rotated = KekRotation.rotateAll(node.masterKeystore(), node.store(), node.random(),
                    node.clock());
            assertThat(rotated.size()).as("the projects the load wrote to").isGreaterThan(PROJECTS / 2);
            Thread.sleep(1_000);
            await(() -> node.store().read(tx -> tx.projectKeys().projectsWithOlderKekVersions()).isEmpty(),
                    Duration.ofSeconds(90), "the re-encryption and retirement to finish");
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            long total = requests.get();

            assertThat(failures).as("failed requests out of " + total).isEmpty();
            assertThat(duringMasterKey).as("requests served during the master key re-wrap").isPositive();
            assertThat(total - beforeRotations).as("requests served during the rotations").isGreaterThan(200);
            ApiClient reader = client(server);
            restObjects.forEach((ref, stored) -> {
                ApiClient.Response read = reader.get(ref + "/payload").header("X-Project-Id", stored.project())
                        .accept("text/plain").send();
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                assertThat(read.text()).isEqualTo(stored.payload());
            });
            try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                    server.kmipClientTls()))) {
                for (Map.Entry<String, byte[]> key : kmipObjects.entrySet()) {
                    assertThat(keyBytes(kmip, key.getKey())).isEqualTo(key.getValue());
                }
            }
            System.out.printf("rotation under load: %d requests (%d during the master key re-wrap), %d REST secrets, "
                    + "%d KMIP keys, 0 failures%n", total, duringMasterKey, restObjects.size(), kmipObjects.size());
        }
    }

    private static ApiClient client(TestServer server) {
        return new ApiClient(server.baseUrl(), server.clientTls()).withHeader("X-Roles", "admin");
    }

    /** Creates a secret in one of the projects, then reads a random earlier one back; records any failure. */
    private static void restClient(TestServer server, Map<String, Stored> objects, List<String> failures,
                                   AtomicLong requests, AtomicBoolean running) {
        ApiClient api = client(server);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        try {
            while (running.get()) {
                String project = "load-" + random.nextInt(PROJECTS);
                String payload = "payload " + UUID.randomUUID();
                ApiClient.Response created = api.post("/v1/secrets").header("X-Project-Id", project)
                        .json("{\"payload\": \"" + payload + "\", \"payload_content_type\": \"text/plain\"}").send();
                requests.incrementAndGet();
                if (created.status() != 201) {
                    failures.add("POST: " + created);
                    continue;
                }
                String ref = created.json().get("secret_ref").asText();
                objects.put(ref, new Stored(project, payload));
                mine.add(ref);
                String other = mine.get(random.nextInt(mine.size()));
                Stored expected = objects.get(other);
                ApiClient.Response read = api.get(other + "/payload").header("X-Project-Id", expected.project())
                        .accept("text/plain").send();
                requests.incrementAndGet();
                if (read.status() != 200 || !read.text().equals(expected.payload())) {
                    failures.add("GET: " + read);
                }
            }
        } catch (RuntimeException e) {
            failures.add("REST client: " + e);
        }
    }

    /** Creates an AES key over KMIP, remembers its bytes, and gets a random earlier one back. */
    private static void kmipClient(TestServer server, Map<String, byte[]> objects, List<String> failures,
                                   AtomicLong requests, AtomicBoolean running) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                server.kmipClientTls()))) {
            while (running.get()) {
                String id = kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
                requests.incrementAndGet();
                objects.put(id, keyBytes(kmip, id));
                requests.incrementAndGet();
                mine.add(id);
                String other = mine.get(random.nextInt(mine.size()));
                byte[] again = keyBytes(kmip, other);
                requests.incrementAndGet();
                if (!Arrays.equals(again, objects.get(other))) {
                    failures.add("KMIP Get " + other + ": other bytes");
                }
            }
        } catch (Exception e) {
            failures.add("KMIP client: " + e);
        }
    }

    private static byte[] keyBytes(KmipClient kmip, String id) throws Exception {
        Ttlv.Structure managed = kmip.get(id).managedObject();
        Ttlv.Structure block = managed.find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow();
        Ttlv.Structure value = block.find(Tag.KEY_VALUE, Ttlv.Structure.class).orElseThrow();
        return ((Ttlv.BytesItem) value.find(Tag.KEY_MATERIAL).orElseThrow()).value();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private record Stored(String project, String payload) {
    }
}
