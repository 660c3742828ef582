package dev.donjon.server.app;

import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.KekRotation;
import dev.donjon.server.crypto.MasterKeyRotation;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server in a process of its own, killed with SIGKILL in the middle of a master key re-wrap and again in the
 * middle of a KEK re-encryption: restarted on the same data directory, it takes the job up again (once the dead
 * process's lease has expired) and finishes it; every KEK is re-wrapped and every payload re-encrypted exactly once
 * (the audit trail counts them), and every payload reads back identical, over REST from the restarted process and on
 * a cold node after it stops.
 */
class RotationCrashTest {
    private static final int PROJECTS = 1_500;
    private static final int BIG_PROJECT_SECRETS = 4_000;
    private static final ProjectId BIG = new ProjectId("crash-big");

    @TempDir
    Path dataDir;

    /** The running server process, ended after the test whatever its outcome. */
    private ServerProcess server;

    @org.junit.jupiter.api.AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void killedMidJobTheRestartedServerResumesAndFinishes() throws Exception {
        Map<SecretId, Stored> stored = populate();

        // Master key: rotate while the server runs (as the CLI does, from another process), kill -9 mid-job.
        server = ServerProcess.start(dataDir, 4096, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(10));
        try (Node admin = Node.open(DevMode.config(dataDir, false, 0))) {
            assertThat(MasterKeyRotation.rotate(admin.masterKeystore(), admin.store(), admin.random(), admin.clock()))
                    .isEqualTo(2);
            // Every project's KEK, and the system project's that the server made for its root CA.
            int keks = (int) MasterKeyRotation.status(admin.masterKeystore(), admin.store(),
                    admin.store().jobLeases()).total();
            assertThat(keks).isGreaterThan(PROJECTS + 1);
            BooleanSupplier started = () -> rewrapped(admin) > 0;
            await(started, Duration.ofSeconds(60), "the re-wrap to start");
            server.kill();
            long atKill = rewrapped(admin);
            assertThat(atKill).as("killed in the middle of the re-wrap").isBetween(1L, (long) keks - 1);

            server = ServerProcess.start(dataDir, 4096, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(10));
            // The job re-wraps the audit signing key after the last KEK; retire refuses the old version until then.
            await(() -> rewrapped(admin) == keks && MasterKeyRotation.status(admin.masterKeystore(), admin.store(),
                    admin.store().jobLeases()).done(), Duration.ofSeconds(90), "the restarted server to finish");
            List<AuditEvent> audit = admin.store().read(tx -> tx.audit().tail(1_000_000));
            assertThat(audit.stream().filter(e -> e.action() == Action.MASTER_KEY_REWRAP
                    && e.detail().startsWith("re-wrapped from"))).as("each KEK re-wrapped exactly once").hasSize(keks);
            MasterKeyRotation.retire(admin.masterKeystore(), admin.store(), 1, admin.clock());
        }
        assertReadOverRest(server, stored);

        // Project KEK: rotate, kill -9 mid re-encryption, restart: it finishes and retires version 1.
        try (Node admin = Node.open(DevMode.config(dataDir, false, 0))) {
            assertThat(KekRotation.rotate(admin.masterKeystore(), admin.store(), admin.random(), admin.clock(), BIG))
                    .isEqualTo(2);
            await(() -> onVersion2(admin) > 0, Duration.ofSeconds(60), "the re-encryption to start");
            server.kill();
            long atKill = onVersion2(admin);
            assertThat(atKill).as("killed in the middle of the re-encryption")
                    .isBetween(1L, (long) BIG_PROJECT_SECRETS - 1);

            server = ServerProcess.start(dataDir, 4096, 0, 0, Duration.ofSeconds(20), Duration.ofSeconds(10));
            await(() -> admin.store().read(tx -> tx.projectKeys().versions(BIG)).size() == 1, Duration.ofSeconds(90),
                    "the restarted server to re-encrypt and retire");
            Map<Integer, Long> perVersion = admin.store().read(tx -> tx.projectKeys().payloadsPerKekVersion(BIG));
            assertThat(perVersion).containsExactly(Map.entry(2, (long) BIG_PROJECT_SECRETS));
            List<AuditEvent> audit = admin.store().read(tx -> tx.audit().tail(1_000_000));
            assertThat(audit.stream().filter(e -> e.action() == Action.PROJECT_KEK_REENCRYPT)
                    .mapToInt(e -> Integer.parseInt(e.detail().replaceAll("re-encrypted (\\d+) .*", "$1"))).sum())
                    .as("each payload re-encrypted exactly once").isEqualTo(BIG_PROJECT_SECRETS);
            assertThat(audit.stream().filter(e -> e.action() == Action.PROJECT_KEK_RETIRE)).hasSize(1);
        }
        assertReadOverRest(server, stored);
        server.close();

        // A cold node (new process state, empty caches) opens every payload.
        try (Node cold = Node.open(DevMode.config(dataDir, false, 0))) {
            List<SecretId> wrong = new ArrayList<>();
            stored.forEach((id, expected) -> {
                SealedPayload sealed = cold.store().read(tx -> tx.secrets().payload(id)).orElseThrow();
                byte[] clear = cold.keyHierarchy().open(expected.secret().binding(), sealed);
                if (!new String(clear, StandardCharsets.UTF_8).equals(expected.payload())) {
                    wrong.add(id);
                }
            });
            assertThat(wrong).isEmpty();
        }
    }

    /** One secret in each of many projects (many KEKs to re-wrap) and many secrets in one project. */
    private Map<SecretId, Stored> populate() throws Exception {
        Map<SecretId, Stored> stored = new ConcurrentHashMap<>();
        try (Node node = Node.open(DevMode.config(dataDir, false, 0));
             var pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            for (int chunk = 0; chunk < PROJECTS; chunk += 100) {
                int from = chunk;
                done.add(pool.submit(() -> insert(node, stored, from, from + 100, i -> new ProjectId("crash-" + i))));
            }
            for (int chunk = 0; chunk < BIG_PROJECT_SECRETS; chunk += 500) {
                int from = chunk;
                done.add(pool.submit(() -> insert(node, stored, from, from + 500, i -> BIG)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        return stored;
    }

    private static void insert(Node node, Map<SecretId, Stored> stored, int from, int to,
                               java.util.function.IntFunction<ProjectId> project) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Map.Entry<Secret, SealedPayload>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Secret secret = new Secret(SecretId.random(), project.apply(i), null, SecretType.OPAQUE, null, null, null,
                    "crash-test", now, now, null, PayloadContentType.TEXT_PLAIN, node.keyHierarchy().secretStore());
            String payload = "payload " + i + " of " + secret.project().value() + " " + secret.id();
            rows.add(Map.entry(secret, node.keyHierarchy().seal(secret.binding(),
                    payload.getBytes(StandardCharsets.UTF_8))));
            stored.put(secret.id(), new Stored(secret, payload));
        }
        node.store().write(tx -> {
            rows.forEach(row -> tx.secrets().insert(row.getKey(), row.getValue()));
            return null;
        });
    }

    private static long rewrapped(Node admin) {
        return admin.store().read(tx -> tx.projectKeys().countByMasterKeyVersion()).getOrDefault(2, 0L);
    }

    private static long onVersion2(Node admin) {
        return admin.store().read(tx -> tx.projectKeys().payloadsPerKekVersion(BIG)).getOrDefault(2, 0L);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /** A sample of each kind (the cold node reads them all), over HTTPS from the server process. */
    private void assertReadOverRest(ServerProcess server, Map<SecretId, Stored> stored) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE)))
                .build();
        List<String> wrong = new ArrayList<>();
        int big = 0;
        int others = 0;
        for (Stored expected : stored.values()) {
            if (expected.secret().project().equals(BIG) ? big++ >= 300 : others++ >= 200) {
                continue;
            }
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                            + server.restPort() + "/v1/secrets/" + expected.secret().id() + "/payload"))
                    .header("X-Project-Id", expected.secret().project().value()).header("X-Roles", "admin")
                    .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
            if (read.statusCode() != 200 || !read.body().equals(expected.payload())) {
                wrong.add(expected.secret().id() + ": " + read.statusCode());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private record Stored(Secret secret, String payload) {
    }
}
