package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.EdgeAllowance;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edge copies between two real servers (docs/replication.md): site-a seals replicas for edge-7 with a usage
 * allocation or a lease; edge-7 serves their key material over REST and to the domain's KMIP paths while they last,
 * counts every use in its store (concurrent uses never overspend), refuses afterwards naming the owner and what ran
 * out, and serves again once a newer lockbox from site-a renews the copy.
 */
class EdgeCopiesApiTest {
    private static final String PAYLOAD = Base64.getEncoder().encodeToString("thirty-two bytes of key material"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    static Path root;
    static TestServer siteA;
    static TestServer edge;
    static ApiClient a;
    static ApiClient e;

    @BeforeAll
    static void start() {
        Path keys = root.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles eSigning = LockboxKeys.make(keys, "e-sign", "EC");
        LockboxKeys.KeyFiles eEncryption = LockboxKeys.make(keys, "e-enc", "EC");
        siteA = TestServer.sqlite(root.resolve("a"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-a",
                aSigning.privateKey(), aEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("edge-7", eSigning.certificate(), eEncryption.certificate())))));
        edge = TestServer.sqlite(root.resolve("e"), config -> config.withLockbox(new DonjonConfig.Lockbox("edge-7",
                eSigning.privateKey(), eEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate())))));
        a = new ApiClient(siteA.baseUrl(), siteA.clientTls()).withHeader("X-Auth-Token",
                siteA.token("shop", Role.ADMIN));
        e = new ApiClient(edge.baseUrl(), edge.clientTls()).withHeader("X-Auth-Token",
                edge.token("shop", Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        siteA.close();
        edge.close();
    }

    @Test
    void anAllocationServesThatManyUsesThenRefusesNamingTheOwnerUntilTheOwnerRenewsIt() {
        String id = createAtA("allocated");
        lendToEdge(id, "uses=3");
        for (int i = 0; i < 3; i++) {
            assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        }
        ApiClient.Response spent = payloadAtEdge(id);
        assertThat(spent.status()).as(spent.text()).isEqualTo(403);
        assertThat(spent.json().get("description").asText())
                .contains("usage allocation from its owner 'site-a' is spent (3 of 3 uses)");
        // The KMIP paths (Get, cryptographic use) refuse too: KmipProcessor answers Permission Denied with this text.
        SecretId secret = SecretId.parse(id).orElseThrow();
        KeyService keys = edge.server().node().keys();
        assertThatThrownBy(() -> keys.reveal(shopAdmin(), secret, KeyProtection.Exposure.CLEAR).close())
                .isInstanceOf(DomainException.Refused.class).hasMessageContaining("owner 'site-a' is spent");
        assertThatThrownBy(() -> keys.use(shopAdmin(), secret, KeyUsage.ENCRYPT).close())
                .isInstanceOf(DomainException.Refused.class).hasMessageContaining("owner 'site-a' is spent");
        // Metadata stays readable: the operator can see what the copy is and whose it is.
        assertThat(e.get("/v1/secrets/" + id).send().status()).isEqualTo(200);

        lendToEdge(id, "uses=2");
        assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        try (KeyService.Revealed used = keys.use(shopAdmin(), secret, KeyUsage.ENCRYPT)) {
            assertThat(used.material().length()).isEqualTo(32);
        }
        assertThat(payloadAtEdge(id).status()).isEqualTo(403);
        List<EdgeUsageRepository.Total> totals = edge.server().node().store().read(tx -> tx.edgeUsage().totals(new ProjectId("shop"), "site-a"));
        assertThat(totals).contains(new EdgeUsageRepository.Total(secret, 5));
        // The owner's own object is not limited.
        for (int i = 0; i < 6; i++) {
            assertThat(a.get("/v1/secrets/" + id + "/payload").accept("application/octet-stream").send().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void concurrentUsesNeverSpendMoreThanTheAllocation() throws Exception {
        String id = createAtA("contended");
        lendToEdge(id, "uses=12");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(() -> payloadAtEdge(id).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(12);
            assertThat(statuses).filteredOn(s -> s == 403).hasSize(18);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseServesUntilItEndsThenRefusesNamingTheOwnerUntilRenewed() throws Exception {
        String id = createAtA("leased");
        lendToEdge(id, "lease_seconds=20");
        assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        Instant until = Instant.parse(edge.server().node().keys().get(shopAdmin(), SecretId.parse(id).orElseThrow())
                .attributes().text().get(EdgeAllowance.LEASE_UNTIL).getFirst());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 100);
        ApiClient.Response ended = payloadAtEdge(id);
        assertThat(ended.status()).as(ended.text()).isEqualTo(403);
        assertThat(ended.json().get("description").asText()).contains("lease from its owner 'site-a' ended at "
                + until);

        lendToEdge(id, "lease_seconds=600");
        ApiClient.Response renewed = payloadAtEdge(id);
        assertThat(renewed.status()).as(renewed.text()).isEqualTo(200);
    }

    @Test
    void anEdgeCopyIsNotCopiedOnAndClientsCannotGrantThemselvesAllowances() {
        String id = createAtA("borrowed");
        lendToEdge(id, "uses=100&lease_seconds=600");
        SecretId secret = SecretId.parse(id).orElseThrow();
        KeyService keys = edge.server().node().keys();
        assertThatThrownBy(() -> keys.cloneObject(shopAdmin(), secret, List.of()))
                .hasMessageContaining("edge copy lent by its owner 'site-a'");
        assertThat(e.post("/v1/secrets/" + id + "/promote").send().status()).isEqualTo(403);
        assertThat(e.post("/v1/secrets/" + id + "/lockbox?to=site-a").send().status()).isEqualTo(403);
        // Granting belongs to the owner, and a replica cannot grant.
        ApiClient.Response bad = a.post("/v1/secrets/" + id + "/lockbox?to=edge-7&uses=0").send();
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThatThrownBy(() -> siteA.server().node().keys().changeAttributes(shopAdmin(), secret,
                attributes -> attributes.withText(EdgeAllowance.USES, List.of("5"))))
                .hasMessageContaining("set by replication only");
        // A plain (owned) copy is not limited: the grant is stripped.
        String other = createAtA("copied");
        ApiClient.Response sealed = a.post("/v1/secrets/" + other + "/lockbox?to=edge-7&uses=1").send();
        assertThat(e.post("/v1/lockboxes").jsonOf(Map.of("lockbox", sealed.json().get("lockbox").asText())).send()
                .status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(payloadAtEdge(other).status()).isEqualTo(200);
        }
    }

    @Test
    void usesAtTheEdgeAreReportedToTheOwnerSignedByTheEdgeIdempotentlyAndAudited() {
        String id = createAtA("reported");
        lendToEdge(id, "uses=10");
        for (int i = 0; i < 4; i++) {
            assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        }
        ApiClient.Response report = e.get("/v1/replication/edge-report?to=site-a").send();
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        String signed = report.json().get("report").asText();
        ApiClient.Response received = a.post("/v1/replication/edge-reports").jsonOf(Map.of("report", signed)).send();
        assertThat(received.status()).as(received.text()).isEqualTo(200);
        assertThat(received.json().get("edge").asText()).isEqualTo("edge-7");
        assertThat(received.json().get("recorded").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode edges = a.get("/v1/secrets/" + id + "/edge-usage").send().json().get("edges");
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).get("edge").asText()).isEqualTo("edge-7");
        assertThat(edges.get(0).get("uses_total").asLong()).isEqualTo(4);
        assertThat(a.get("/v1/audit-events?object_id=" + id).send().text())
                .contains("edge edge-7 reported 4 uses in all");

        // The same report again, or an older one after a newer: nothing changes (totals only grow).
        assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        String newer = e.get("/v1/replication/edge-report?to=site-a").send().json().get("report").asText();
        assertThat(a.post("/v1/replication/edge-reports").jsonOf(Map.of("report", newer)).send().status())
                .isEqualTo(200);
        ApiClient.Response old = a.post("/v1/replication/edge-reports").jsonOf(Map.of("report", signed)).send();
        assertThat(old.json().get("recorded").asInt()).isZero();
        assertThat(a.get("/v1/secrets/" + id + "/edge-usage").send().json().get("edges").get(0).get("uses_total")
                .asLong()).isEqualTo(5);

        // A lockbox is not a report, and a report signed by anyone but a configured edge is refused.
        String lockbox = a.post("/v1/secrets/" + id + "/lockbox?to=edge-7").send().json().get("lockbox").asText();
        assertThat(e.post("/v1/replication/edge-reports").jsonOf(Map.of("report", lockbox)).send().status())
                .isEqualTo(400);
        String[] parts = newer.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(a.post("/v1/replication/edge-reports").jsonOf(Map.of("report", forged)).send().status())
                .isEqualTo(400);
    }

    private static ApiClient.Response payloadAtEdge(String id) {
        return e.get("/v1/secrets/" + id + "/payload").accept("application/octet-stream").send();
    }

    private static void lendToEdge(String id, String grant) {
        ApiClient.Response sealed = a.post("/v1/secrets/" + id + "/lockbox?to=edge-7&" + grant).send();
        assertThat(sealed.status()).as(sealed.text()).isEqualTo(200);
        ApiClient.Response imported = e.post("/v1/lockboxes?replica=true")
                .jsonOf(Map.of("lockbox", sealed.json().get("lockbox").asText())).send();
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
    }

    private static String createAtA(String name) {
        ApiClient.Response created = a.post("/v1/secrets").json("{\"name\": \"" + name + "\", \"payload\": \""
                + PAYLOAD + "\", \"payload_content_type\": \"application/octet-stream\", "
                + "\"payload_content_encoding\": \"base64\", \"algorithm\": \"aes\", \"bit_length\": 256}").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String ref = created.json().get("secret_ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static CallContext shopAdmin() {
        return new CallContext(new Principal("test", new ProjectId("shop"), Set.of(Role.ADMIN), AuthMethod.API_TOKEN),
                "req-edge");
    }
}
