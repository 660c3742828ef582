package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.JoseLockboxSealer;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.crypto.Pem;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.Ownership;
import dev.donjon.server.domain.object.UsageMask;
import dev.donjon.server.domain.transfer.LockboxContents;
import dev.donjon.server.domain.transfer.LockboxHeader;
import dev.donjon.server.domain.transfer.LockboxService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lockbox transfer between two real servers, site-a and site-b, each with its own database and keys: a secret sealed
 * at site-a imports at site-b with its payload, attributes and provenance; every kind of bad lockbox is refused with
 * its reason, audited, and stores nothing.
 */
class LockboxesApiTest {
    private static final String PAYLOAD = Base64.getEncoder().encodeToString("thirty-two bytes of key material"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    static Path root;
    static TestServer siteA;
    static TestServer siteB;
    static ApiClient a;
    static ApiClient b;
    static LockboxKeys.KeyFiles aSigning;
    static LockboxKeys.KeyFiles aEncryption;
    static LockboxKeys.KeyFiles bEncryption;

    @BeforeAll
    static void start() {
        Path keys = root.resolve("keys");
        aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        // site-b decrypts with RSA (RSA-OAEP-256), site-a with EC (ECDH-ES+A256KW): both algorithms travel.
        bEncryption = LockboxKeys.make(keys, "b-enc", "RSA");
        LockboxKeys.KeyFiles cEncryption = LockboxKeys.make(keys, "c-enc", "EC");
        siteA = TestServer.sqlite(root.resolve("a"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-a",
                aSigning.privateKey(), aEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-b", bSigning.certificate(), bEncryption.certificate()),
                new DonjonConfig.LockboxPeer("site-c", null, cEncryption.certificate())))));
        siteB = TestServer.sqlite(root.resolve("b"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-b",
                bSigning.privateKey(), bEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate())))));
        a = new ApiClient(siteA.baseUrl(), siteA.clientTls()).withHeader("X-Auth-Token",
                siteA.token("shop", Role.ADMIN));
        b = new ApiClient(siteB.baseUrl(), siteB.clientTls()).withHeader("X-Auth-Token",
                siteB.token("shop", Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        siteA.close();
        siteB.close();
    }

    @Test
    void aSecretSealedAtSiteAImportsAtSiteBWithItsPayloadIdentifierAndProvenance() {
        String id = createAtA("transferred");
        JsonNode sealed = export(id, "site-b");
        assertThat(sealed.get("origin").asText()).isEqualTo("site-a");
        assertThat(sealed.get("recipient").asText()).isEqualTo("site-b");
        assertThat(sealed.get("lockbox").asText()).doesNotContain(PAYLOAD);

        ApiClient.Response imported = importAtB(sealed.get("lockbox").asText());
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.json().get("secret_ref").asText()).endsWith("/v1/secrets/" + id);
        ApiClient.Response payload = b.get("/v1/secrets/" + id + "/payload").accept("application/octet-stream")
                .send();
        assertThat(Base64.getEncoder().encodeToString(payload.body())).isEqualTo(PAYLOAD);
        assertThat(b.get("/v1/secrets/" + id).send().json().get("name").asText()).isEqualTo("transferred");

        List<String> provenance = siteB.server().node().keys().get(adminOfShop(), SecretId.parse(id).orElseThrow())
                .attributes().text().get(LockboxService.PROVENANCE);
        assertThat(provenance).singleElement().asString().startsWith("origin=site-a lockbox="
                + sealed.get("lockbox_id").asText() + " received=");
        String trail = b.get("/v1/audit-events?object_id=" + id + "&action=secret_create").send().text();
        assertThat(trail).contains("lockbox " + sealed.get("lockbox_id").asText() + " from site-a");
        String exportTrail = a.get("/v1/audit-events?object_id=" + id).send().text();
        assertThat(exportTrail).contains("sealed for site-b");
    }

    @Test
    void aReplicaServesReadsRefusesWritesNamingItsOwnerAndAcceptsThemOncePromoted() {
        String id = createAtA("replicated");
        String lockbox = export(id, "site-b").get("lockbox").asText();
        ApiClient.Response imported = b.post("/v1/lockboxes?replica=true").jsonOf(Map.of("lockbox", lockbox)).send();
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(Base64.getEncoder().encodeToString(b.get("/v1/secrets/" + id + "/payload")
                .accept("application/octet-stream").send().body())).isEqualTo(PAYLOAD);

        for (ApiClient.Response write : List.of(b.delete("/v1/secrets/" + id).send(),
                b.put("/v1/secrets/" + id + "/metadata").json("{\"metadata\": {\"k\": \"v\"}}").send())) {
            assertThat(write.status()).as(write.text()).isEqualTo(403);
            assertThat(write.json().get("description").asText()).contains("read-only replica owned by 'site-a'");
        }

        SecretId replicaId = SecretId.parse(id).orElseThrow();
        KeyService keys = siteB.server().node().keys();
        assertThatThrownBy(() -> keys.changeAttributes(adminOfShop(), replicaId, attributes -> attributes.withText(
                "x-note", List.of("edited at the replica")))).as("a KMIP attribute edit")
                .hasMessageContaining("read-only replica owned by 'site-a'");
        assertThatThrownBy(() -> keys.activate(adminOfShop(), replicaId)).hasMessageContaining("owned by 'site-a'");

        ApiClient.Response promoted = b.post("/v1/secrets/" + id + "/promote").send();
        assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
        assertThat(promoted.json().get("previous_owner").asText()).isEqualTo("site-a");
        assertThat(b.post("/v1/secrets/" + id + "/promote").send().json().get("description").asText())
                .contains("owned by this server already");
        assertThatThrownBy(() -> keys.changeAttributes(adminOfShop(), replicaId, attributes -> attributes.withText(
                Ownership.OWNER, List.of("site-z")))).as("no client sets the owner")
                .hasMessageContaining("set by replication only");
        assertThat(b.delete("/v1/secrets/" + id).send().status()).isEqualTo(204);
    }

    @Test
    void aReplicaIsRefreshedInPlaceByItsOwnersNewerLockboxesOnly() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectAttributes noted = ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of());
        String older = seal(aSigning.privateKey(), "site-a", now.minusSeconds(120), id, noted.withText("x-note",
                List.of("older")));
        String old = seal(aSigning.privateKey(), "site-a", now.minusSeconds(60), id, noted.withText("x-note",
                List.of("old")));
        String fresh = seal(aSigning.privateKey(), "site-a", now.minusSeconds(10), id, noted.withText("x-note",
                List.of("new")));

        assertThat(importReplicaAtB(old).status()).isEqualTo(201);
        assertThat(importReplicaAtB(fresh).status()).isEqualTo(201);
        assertThat(siteB.server().node().keys().get(adminOfShop(), SecretId.parse(id).orElseThrow()).attributes()
                .text().get("x-note")).containsExactly("new");

        ApiClient.Response stale = importReplicaAtB(older);
        assertThat(stale.status()).as(stale.text()).isEqualTo(409);
        assertThat(stale.text()).contains("was refreshed from a lockbox issued at");
        String copy = seal(aSigning.privateKey(), "site-a", now, id, noted);
        assertThat(importAtB(copy).text()).as("a copy may not replace the replica").contains("already exists");
        assertThat(siteB.server().node().keys().get(adminOfShop(), SecretId.parse(id).orElseThrow()).attributes()
                .text().get("x-note")).containsExactly("new");
    }

    private static ApiClient.Response importReplicaAtB(String lockbox) {
        return b.post("/v1/lockboxes?replica=true").jsonOf(Map.of("lockbox", lockbox)).send();
    }

    @Test
    void aReplayedLockboxIsRefusedEvenAfterItsObjectWasDeleted() {
        String id = createAtA("replayed");
        String lockbox = export(id, "site-b").get("lockbox").asText();
        assertThat(importAtB(lockbox).status()).isEqualTo(201);
        refused(lockbox, 409, "was imported already");
        assertThat(b.delete("/v1/secrets/" + id).send().status()).isEqualTo(204);
        refused(lockbox, 409, "was imported already");
    }

    @Test
    void aLockboxWhoseSignedTextChangedIsRefusedAsTampered() {
        String lockbox = export(createAtA("tampered"), "site-b").get("lockbox").asText();
        String[] parts = lockbox.split("\\.");
        int middle = parts[1].length() / 2;
        parts[1] = parts[1].substring(0, middle) + (parts[1].charAt(middle) == 'A' ? 'B' : 'A')
                + parts[1].substring(middle + 1);
        refused(String.join(".", parts), 400, "signature does not verify");
    }

    @Test
    void contentsThatDoNotDecryptAreRefusedEvenUnderAValidSignature() throws Exception {
        // A trusted origin's signature over a broken ciphertext: the JWE's tag fails at site-b.
        String lockbox = export(createAtA("re-signed"), "site-b").get("lockbox").asText();
        Map<String, Object> claims = JWSObject.parse(lockbox).getPayload().toJSONObject();
        String[] jwe = ((String) claims.get("lockbox")).split("\\.");
        jwe[3] = jwe[3].charAt(0) == 'A' ? "B" + jwe[3].substring(1) : "A" + jwe[3].substring(1);
        claims.put("lockbox", String.join(".", jwe));
        JWSObject resigned = new JWSObject(JWSObject.parse(lockbox).getHeader(), new Payload(claims));
        resigned.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey)
                Pem.readPrivateKey(aSigning.privateKey())));
        refused(resigned.serialize(), 400, "do not decrypt under this server's lockbox key");
    }

    @Test
    void aLockboxSealedForAnotherServerIsRefusedAsMisaddressed() {
        String lockbox = export(createAtA("for-c"), "site-c").get("lockbox").asText();
        refused(lockbox, 403, "addressed to 'site-c', this server is 'site-b'");
    }

    @Test
    void anExpiredOrFutureLockboxIsRefused() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        refused(sealAsSiteA(now.minus(Duration.ofMinutes(6))), 400, "more than 300 s ago");
        refused(sealAsSiteA(now.plus(Duration.ofMinutes(5))), 400, "in the future");
        assertThat(importAtB(sealAsSiteA(now.minus(Duration.ofMinutes(4)))).status()).isEqualTo(201);
    }

    @Test
    void anUnsignedLockboxIsRefused() throws Exception {
        String lockbox = export(createAtA("unsigned"), "site-b").get("lockbox").asText();
        String unsigned = new PlainObject(JWSObject.parse(lockbox).getPayload()).serialize();
        refused(unsigned, 400, "not signed");
        refused("not-a-lockbox", 400, "not a compact JWS");
    }

    @Test
    void aLockboxSignedByAKeyTheRecipientDoesNotTrustIsRefused() {
        LockboxKeys.KeyFiles stranger = LockboxKeys.make(root.resolve("keys"), "stranger", "EC");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Claiming to be site-a, signed with another key: the signature fails against site-a's certificate.
        refused(seal(stranger.privateKey(), "site-a", now), 400, "signature does not verify with the certificate of "
                + "'site-a'");
        refused(seal(stranger.privateKey(), "site-x", now), 403, "'site-x', which is not a trusted lockbox origin");
    }

    @Test
    void exportNamesItsRefusals() {
        String id = createAtA("export-refusals");
        ApiClient.Response unknown = a.post("/v1/secrets/" + id + "/lockbox?to=site-z").send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("no lockbox peer named 'site-z'");
        assertThat(a.post("/v1/secrets/" + id + "/lockbox").send().status()).isEqualTo(400);
        ApiClient other = new ApiClient(siteA.baseUrl(), siteA.clientTls()).withHeader("X-Auth-Token",
                siteA.token("elsewhere", Role.ADMIN));
        assertThat(other.post("/v1/secrets/" + id + "/lockbox?to=site-b").send().status()).isIn(403, 404);
    }

    private static String createAtA(String name) {
        ApiClient.Response created = a.post("/v1/secrets").json("{\"name\": \"" + name + "\", \"payload\": \""
                + PAYLOAD + "\", \"payload_content_type\": \"application/octet-stream\", "
                + "\"payload_content_encoding\": \"base64\", \"algorithm\": \"aes\", \"bit_length\": 256}").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String ref = created.json().get("secret_ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static JsonNode export(String id, String to) {
        ApiClient.Response sealed = a.post("/v1/secrets/" + id + "/lockbox?to=" + to).send();
        assertThat(sealed.status()).as(sealed.text()).isEqualTo(200);
        return sealed.json();
    }

    private static ApiClient.Response importAtB(String lockbox) {
        return b.post("/v1/lockboxes").jsonOf(Map.of("lockbox", lockbox)).send();
    }

    /** Refused with {@code status} and {@code reason}, audited, and nothing stored at site-b. */
    private static void refused(String lockbox, int status, String reason) {
        long before = secretsAtB();
        ApiClient.Response answer = importAtB(lockbox);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("description").asText()).startsWith("Lockbox refused: ").contains(reason);
        assertThat(secretsAtB()).isEqualTo(before);
        assertThat(b.get("/v1/audit-events?action=secret_create&outcome=failed&limit=1").send().text())
                .contains("lockbox refused").contains(reason);
    }

    private static long secretsAtB() {
        return b.get("/v1/secrets?limit=1").send().json().get("total").asLong();
    }

    private static String sealAsSiteA(Instant issuedAt) {
        return seal(aSigning.privateKey(), "site-a", issuedAt);
    }

    /** A lockbox for site-b of a fresh key, signed with {@code signingKey} in the name of {@code origin}. */
    private static String seal(Path signingKey, String origin, Instant issuedAt) {
        return seal(signingKey, origin, issuedAt, UUID.randomUUID().toString(), ObjectAttributes.of(
                UsageMask.UNRESTRICTED, List.of()));
    }

    private static String seal(Path signingKey, String origin, Instant issuedAt, String objectId,
                               ObjectAttributes attributes) {
        JoseLockboxSealer sealer = new JoseLockboxSealer(Pem.readPrivateKey(signingKey),
                Pem.readPrivateKey(aEncryption.privateKey()), Map.of("site-b", new JoseLockboxSealer.Peer(null,
                Pem.readCertificates(bEncryption.certificate()).getFirst())), Clock.systemUTC());
        try (LockboxContents contents = new LockboxContents(objectId, SecretType.SYMMETRIC, "aes", 256,
                Lifecycle.activeSince(issuedAt), attributes, new Plaintext(new byte[32], PayloadContentType.OCTET_STREAM))) {
            return sealer.seal(new LockboxHeader(origin, "site-b", UUID.randomUUID().toString(), issuedAt), contents);
        }
    }

    private static CallContext adminOfShop() {
        return new CallContext(new Principal("test", new ProjectId("shop"), Set.of(Role.ADMIN), AuthMethod.API_TOKEN),
                "req-test");
    }
}
