package dev.donjon.server.rest;

import dev.donjon.server.app.Node;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.KekRotation;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.pki.CertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Project KEK rotation on a serving node: after {@code rotate} new writes seal under the new version, the node's job
 * re-encrypts every payload while a reader keeps reading them all (no failure, same bytes), the old version is retired
 * once nothing uses it and the grace has passed, other projects are untouched; rotating every project re-encrypts the
 * root CA's key too; every step is audited and {@code status} shows the progress.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KekRotationTest {
    private static final ProjectId ROTATED = new ProjectId("kek-a");
    private static final ProjectId OTHER = new ProjectId("kek-b");

    @TempDir
    static Path dataDir;

    private TestServer server;
    private ApiClient rotated;
    private ApiClient other;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(dataDir, KekRotationTest::shortGrace);
        rotated = new ApiClient(server.baseUrl(), server.clientTls())
                .withHeader("X-Auth-Token", server.token(ROTATED.value(), Role.CREATOR));
        other = new ApiClient(server.baseUrl(), server.clientTls())
                .withHeader("X-Auth-Token", server.token(OTHER.value(), Role.CREATOR));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The smallest grace the configuration accepts, so that the retirement happens within the test. */
    static DonjonConfig shortGrace(DonjonConfig c) {
        DonjonConfig.Jobs j = c.jobs();
        return new DonjonConfig(c.dataDir(), c.listen(), c.publicUrl(), c.tls(), c.behindTlsProxy(), c.database(),
                c.masterKey(), c.auth(), c.limits(), c.kmip(), new DonjonConfig.Jobs(j.enabled(), j.poll(), j.lease(),
                j.batch(), j.expiration(), j.lifecycleDates(), j.purge(), j.destroyedRetention(),
                Duration.ofSeconds(10)));
    }

    @Test
    void payloadsMoveToTheNewVersionWhileServedAndTheOldVersionIsRetired() throws Exception {
        Node node = server.server().node();
        Map<String, String> rotatedSecrets = post(rotated, "a", 450);
        Map<String, String> otherSecrets = post(other, "b", 5);
        assertThatThrownBy(() -> KekRotation.rotate(node.masterKeystore(), node.store(), node.random(), node.clock(),
                new ProjectId("never-sealed"))).hasMessageContaining("has no KEK");

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Map<String, String> before = Map.copyOf(rotatedSecrets);
        Thread reader = Thread.ofVirtual().start(() -> {
            while (reading.get() && failure.get() == null) {
                before.forEach((ref, payload) -> {
                    ApiClient.Response read = rotated.get(ref + "/payload").accept("text/plain").send();
                    if (read.status() != 200 || !read.text().equals(payload)) {
                        failure.compareAndSet(null, read.toString());
                    }
                    reads.incrementAndGet();
                });
            }
        });

        assertThat(KekRotation.rotate(node.masterKeystore(), node.store(), node.random(), node.clock(), ROTATED))
                .isEqualTo(2);
        assertThat(KekRotation.status(node.store(), node.store().jobLeases(), Optional.empty()).describe(
                node.clock().instant())).contains("project kek-a: KEK versions [1, 2] (current 2); payloads v1=450;");
        // Nodes seal under the version they read as current for at most five seconds.
        Thread.sleep(5_500);
        rotatedSecrets.putAll(post(rotated, "after", 5));
        awaitNoOlderVersions(node, 60);
        reading.set(false);
        reader.join();
        assertThat(failure.get()).as("a read during the re-encryption failed").isNull();
        assertThat(reads.get()).as("the reader went through every payload at least once").isGreaterThanOrEqualTo(before.size());

        KekRotation.ProjectStatus done = KekRotation.status(node.store(), node.store().jobLeases(),
                Optional.of(ROTATED)).projects().getFirst();
        assertThat(done.versions()).as("version 1 retired").containsExactly(2);
        assertThat(done.payloadsPerVersion()).containsExactly(Map.entry(2, (long) rotatedSecrets.size()));
        assertThat(KekRotation.status(node.store(), node.store().jobLeases(), Optional.of(OTHER)).projects()
                .getFirst().versions()).as("another project is untouched").containsExactly(1);
        assertRead(rotated, rotatedSecrets);
        assertRead(other, otherSecrets);

        // Every project, the root CA's key (sealed under the system project's KEK) included.
        Map<ProjectId, Integer> all = KekRotation.rotateAll(node.masterKeystore(), node.store(), node.random(),
                node.clock());
        assertThat(all).containsEntry(ROTATED, 3).containsEntry(OTHER, 2)
                .containsEntry(CertificateAuthority.SYSTEM_PROJECT, 2);
        Thread.sleep(5_500);
        otherSecrets.putAll(post(other, "after-all", 3));
        awaitNoOlderVersions(node, 60);
        assertRead(rotated, rotatedSecrets);
        assertRead(other, otherSecrets);
        CertificateAuthority root = node.store().read(tx -> tx.cas().root()).orElseThrow();
        assertThat(root.sealedKey().kekVersion()).isEqualTo(2);
        assertThat(node.keyHierarchy().open(root.keyBinding(), root.sealedKey())).isNotEmpty();
        assertThat(KekRotation.status(node.store(), node.store().jobLeases(), Optional.empty())
                .describe(node.clock().instant())).contains("no project has an older KEK version");

        List<AuditEvent> audit = node.store().read(tx -> tx.audit().tail(1_000_000));
        assertThat(audit.stream().filter(e -> e.action() == Action.PROJECT_KEK_ROTATE)).hasSize(1 + all.size());
        assertThat(audit.stream().filter(e -> e.action() == Action.PROJECT_KEK_REENCRYPT
                        && ROTATED.value().equals(e.actorProject()))
                .mapToInt(e -> Integer.parseInt(e.detail().replaceAll("re-encrypted (\\d+) .*", "$1"))).sum())
                .as("each payload re-encrypted once per rotation").isEqualTo(450 + rotatedSecrets.size());
        assertThat(audit.stream().filter(e -> e.action() == Action.PROJECT_KEK_RETIRE)).hasSize(1 + all.size())
                .allMatch(e -> e.outcome() == AuditEvent.Outcome.SUCCESS);
    }

    private static void awaitNoOlderVersions(Node node, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!node.store().read(tx -> tx.projectKeys().projectsWithOlderKekVersions()).isEmpty()) {
            assertThat(System.nanoTime()).as(KekRotation.status(node.store(), node.store().jobLeases(),
                    Optional.empty()).describe(node.clock().instant())).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static Map<String, String> post(ApiClient api, String prefix, int count) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String payload = prefix + "-payload-" + i + "-" + java.util.UUID.randomUUID();
            ApiClient.Response created = api.post("/v1/secrets").json("{\"payload\": \"" + payload
                    + "\", \"payload_content_type\": \"text/plain\"}").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            secrets.put(created.json().get("secret_ref").asText(), payload);
        }
        return secrets;
    }

    private static void assertRead(ApiClient api, Map<String, String> secrets) {
        List<String> wrong = new ArrayList<>();
        secrets.forEach((ref, payload) -> {
            ApiClient.Response read = api.get(ref + "/payload").accept("text/plain").send();
            if (read.status() != 200 || !read.text().equals(payload)) {
                wrong.add(read.toString());
            }
        });
        assertThat(wrong).isEmpty();
    }
}
