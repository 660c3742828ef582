package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.JoseLockboxSealer;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.transfer.EdgeReports;
import dev.donjon.server.domain.transfer.LockboxHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A compromise flowing back from an edge (docs/replication.md, "Updates flowing back"), between two real servers: a
 * KMIP Revoke for Key Compromise at an edge copy is accepted there (the copy is Compromised at once and serves no key
 * material, even after a refresh from an owner not told yet), every other change at a replica stays refused naming
 * the owner, and the signed report makes the owner revoke its own object at the edge's occurrence date, audited as
 * reported by the edge, once (a repeated report changes nothing); a compromise of an object the owner does not own is
 * refused with a clear reason.
 */
class EdgeCompromiseReportTest {
    private static final String PAYLOAD = Base64.getEncoder().encodeToString("thirty-two bytes of key material"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final String PROJECT = "dev";

    @TempDir
    static Path root;
    static TestServer siteA;
    static TestServer edge;
    static ApiClient a;
    static ApiClient e;
    static DonjonConfig.Lockbox edgeLockbox;

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
        edgeLockbox = new DonjonConfig.Lockbox("edge-7", eSigning.privateKey(), eEncryption.privateKey(),
                Duration.ofMinutes(5), List.of(new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(),
                aEncryption.certificate())));
        edge = TestServer.sqlite(root.resolve("e"), config -> config.withLockbox(edgeLockbox));
        a = new ApiClient(siteA.baseUrl(), siteA.clientTls()).withHeader("X-Auth-Token",
                siteA.token(PROJECT, Role.ADMIN));
        e = new ApiClient(edge.baseUrl(), edge.clientTls()).withHeader("X-Auth-Token",
                edge.token(PROJECT, Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        siteA.close();
        edge.close();
    }

    @Test
    void aCompromiseAtTheEdgeStopsTheCopyAtOnceAndTheOwnerRevokesItsObjectOnceOnTheReport() throws Exception {
        String id = createAtA("leaked");
        lendToEdge(id, "?to=edge-7&uses=100");
        assertThat(payloadAtEdge(id).status()).isEqualTo(200);
        Instant occurred = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        try (KmipClient kmip = kmipAtEdge()) {
            kmip.call(new RequestPayload.Revoke(Optional.of(id), RevocationReasonCode.KEY_COMPROMISE,
                    Optional.of("till 3 was opened"), Optional.of(occurred)), ResponsePayload.Revoke.class);
            // The copy is Compromised at once and serves nothing, over REST or KMIP.
            assertThat(stateAt(edge, id)).isEqualTo(LifecycleState.COMPROMISED);
            ApiClient.Response refused = payloadAtEdge(id);
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.json().get("description").asText())
                    .contains("revoked here for Key Compromise").contains("reported to its owner 'site-a'");
            assertThatThrownBy(() -> kmip.get(id)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("revoked here for Key Compromise");
            // Any other change of the copy is still the owner's.
            assertThatThrownBy(() -> kmip.destroy(id)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("read-only replica owned by 'site-a'");
        }
        // The owner, not told yet, refreshes the copy: it stays compromised here.
        lendToEdge(id, "?to=edge-7&uses=100");
        assertThat(stateAt(edge, id)).isEqualTo(LifecycleState.COMPROMISED);
        assertThat(payloadAtEdge(id).status()).isEqualTo(403);
        assertThat(stateAt(siteA, id)).isEqualTo(LifecycleState.ACTIVE);

        // The report, carried by a caller of both (donjon replication report): the owner revokes its own object.
        JsonNode received = report();
        assertThat(received.get("compromised").get(id).asText()).isEqualTo(EdgeReports.REVOKED);
        ManagedObject atOwner = siteA.server().node().keys().get(admin(), SecretId.parse(id).orElseThrow());
        assertThat(atOwner.state()).isEqualTo(LifecycleState.COMPROMISED);
        assertThat(atOwner.lifecycle().compromiseOccurrenceDate()).isEqualTo(occurred);
        assertThat(atOwner.lifecycle().revocation().reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(atOwner.lifecycle().revocation().message())
                .isEqualTo("Key Compromise reported by edge 'edge-7': till 3 was opened");
        assertThat(a.get("/v1/audit-events?object_id=" + id).send().text())
                .contains("edge edge-7 reported a key compromise occurring at " + occurred + ": revoked here");

        // Again: nothing changes.
        assertThat(report().get("compromised").get(id).asText()).isEqualTo(EdgeReports.UNCHANGED);
        assertThat(siteA.server().node().keys().get(admin(), SecretId.parse(id).orElseThrow()).lifecycle())
                .isEqualTo(atOwner.lifecycle());

        // The owner's copy now carries the compromise to the edge as any change does.
        lendToEdge(id, "?to=edge-7&uses=100");
        assertThat(stateAt(edge, id)).isEqualTo(LifecycleState.COMPROMISED);
    }

    @Test
    void everyOtherChangeAtAReplicaIsRefusedNamingTheOwner() throws Exception {
        String lent = createAtA("lent");
        lendToEdge(lent, "?to=edge-7&lease_seconds=600");
        String replica = createAtA("plain-replica");
        lendToEdge(replica, "?to=edge-7");
        try (KmipClient kmip = kmipAtEdge()) {
            // Another reason than compromise, at an edge copy.
            assertThatThrownBy(() -> kmip.revoke(lent, RevocationReasonCode.CESSATION_OF_OPERATION, Optional.empty()))
                    .isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("read-only replica owned by 'site-a'");
            // A compromise of a replica that is not an edge copy (no lease, no allocation).
            assertThatThrownBy(() -> kmip.revoke(replica, RevocationReasonCode.KEY_COMPROMISE, Optional.empty()))
                    .isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("read-only replica owned by 'site-a'");
        }
        assertThat(stateAt(edge, lent)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(stateAt(edge, replica)).isEqualTo(LifecycleState.ACTIVE);
        Optional<dev.donjon.server.domain.port.EdgeCompromiseRepository.Compromise> recorded = edge.server().node()
                .store().read(tx -> tx.edgeCompromises().find(SecretId.parse(lent).orElseThrow()));
        assertThat(recorded).isEmpty();
    }

    @Test
    void aCompromiseOfAnObjectTheOwnerDoesNotOwnIsRefusedClearly() throws Exception {
        // An object the edge owns, of which site-a holds a replica.
        ApiClient.Response created = e.post("/v1/secrets").json(secret("edge-own")).send();
        String edgeOwned = idOf(created);
        ApiClient.Response sealed = e.post("/v1/secrets/" + edgeOwned + "/lockbox?to=site-a").send();
        assertThat(a.post("/v1/lockboxes?replica=true").jsonOf(Map.of("lockbox",
                sealed.json().get("lockbox").asText())).send().status()).isEqualTo(201);
        String unknown = UUID.randomUUID().toString();
        String ownedHere = createAtA("owned-by-a");

        // Signed by the edge's own key, as a confused or compromised edge would.
        String report = JoseLockboxSealer.open(edgeLockbox, Clock.systemUTC()).sign(EdgeReports.TYPE,
                new LockboxHeader("edge-7", "site-a", UUID.randomUUID().toString(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS)), Map.of("uses", Map.of(), "compromised", Map.of(
                        edgeOwned, Map.of("occurred", Instant.now().toString()),
                        unknown, Map.of("occurred", Instant.now().toString()))));
        // Sent as the edge's delivery job sends it: no caller credentials, the signature is the credential.
        HttpResponse<String> answer = postFromEdge(report);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode compromised = Json.MAPPER.readTree(answer.body()).get("compromised");
        assertThat(compromised.get(edgeOwned).asText()).isEqualTo(EdgeReports.REFUSED + "'site-a' does not own "
                + edgeOwned + ": it is a replica of 'edge-7', report it there");
        assertThat(compromised.get(unknown).asText()).isEqualTo(EdgeReports.REFUSED + "no object " + unknown
                + " is held here");
        assertThat(stateAt(siteA, edgeOwned)).isEqualTo(LifecycleState.ACTIVE);
        assertThat(a.get("/v1/audit-events?object_id=" + edgeOwned).send().text())
                .contains("edge edge-7 reported a key compromise, refused: 'site-a' does not own");

        // The same route applies a compromise of an object site-a owns, as the edge.
        lendToEdge(ownedHere, "?to=edge-7&uses=5");
        try (KmipClient kmip = kmipAtEdge()) {
            kmip.revoke(ownedHere, RevocationReasonCode.KEY_COMPROMISE, Optional.empty());
        }
        String fromEdge = e.get("/v1/replication/edge-report?to=site-a").send().json().get("report").asText();
        HttpResponse<String> applied = postFromEdge(fromEdge);
        assertThat(Json.MAPPER.readTree(applied.body()).get("compromised").get(ownedHere).asText())
                .isEqualTo(EdgeReports.REVOKED);
        assertThat(stateAt(siteA, ownedHere)).isEqualTo(LifecycleState.COMPROMISED);
        assertThat(a.get("/v1/audit-events?object_id=" + ownedHere).send().text()).contains("edge edge-7");

        // Not a report signed by a configured peer: refused, nothing applied.
        String[] parts = fromEdge.split("\\.");
        HttpResponse<String> forged = postFromEdge(parts[0] + "." + parts[1] + "."
                + new StringBuilder(parts[2]).reverse());
        assertThat(forged.statusCode()).isEqualTo(400);
    }

    private static JsonNode report() {
        ApiClient.Response report = e.get("/v1/replication/edge-report?to=site-a").send();
        assertThat(report.status()).as(report.text()).isEqualTo(200);
        ApiClient.Response received = a.post("/v1/replication/edge-reports")
                .jsonOf(Map.of("report", report.json().get("report").asText())).send();
        assertThat(received.status()).as(received.text()).isEqualTo(200);
        return received.json();
    }

    private static HttpResponse<String> postFromEdge(String report) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(siteA.clientTls()).build();
        return http.send(HttpRequest.newBuilder(URI.create(siteA.baseUrl() + EdgeDeliveryApi.PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("report", report))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KmipClient kmipAtEdge() throws Exception {
        return KmipClient.connect(KmipClient.Config.of("localhost", edge.kmipPort(), edge.kmipClientTls()));
    }

    private static LifecycleState stateAt(TestServer server, String id) {
        return server.server().node().keys().get(admin(), SecretId.parse(id).orElseThrow()).state();
    }

    private static ApiClient.Response payloadAtEdge(String id) {
        return e.get("/v1/secrets/" + id + "/payload").accept("application/octet-stream").send();
    }

    private static void lendToEdge(String id, String query) {
        ApiClient.Response sealed = a.post("/v1/secrets/" + id + "/lockbox" + query).send();
        assertThat(sealed.status()).as(sealed.text()).isEqualTo(200);
        ApiClient.Response imported = e.post("/v1/lockboxes?replica=true")
                .jsonOf(Map.of("lockbox", sealed.json().get("lockbox").asText())).send();
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
    }

    private static String createAtA(String name) {
        return idOf(a.post("/v1/secrets").json(secret(name)).send());
    }

    private static String secret(String name) {
        return "{\"name\": \"" + name + "\", \"payload\": \"" + PAYLOAD + "\", \"payload_content_type\": "
                + "\"application/octet-stream\", \"payload_content_encoding\": \"base64\", \"algorithm\": \"aes\", "
                + "\"bit_length\": 256}";
    }

    private static String idOf(ApiClient.Response created) {
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String ref = created.json().get("secret_ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static CallContext admin() {
        return new CallContext(new Principal("test", new ProjectId(PROJECT), Set.of(Role.ADMIN),
                AuthMethod.API_TOKEN), "req-compromise");
    }
}
