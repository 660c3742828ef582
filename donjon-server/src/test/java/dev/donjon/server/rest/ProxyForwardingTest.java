package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy mode between two real servers, each with its own database (docs/replication.md): site-b holds replicas of
 * site-a's secrets and is configured as a proxy; a write there that a replica refuses is forwarded to site-a over
 * HTTPS with the caller's identity asserted by site-b's signature, and site-a authorises it as that caller (so a
 * caller site-a would refuse is refused), audited at both sides. The servers use mutual TLS: site-b presents the
 * client certificate site-a pins for it, and site-a refuses a forwarded call that comes without it (401). A server
 * without proxy mode keeps refusing, and an owner admits forwarded calls only from peers it trusts to forward, only
 * once, and only for the request asserted.
 */
class ProxyForwardingTest {
    private static final String PAYLOAD = Base64.getEncoder().encodeToString("thirty-two bytes of key material"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    static Path root;
    static TestServer siteA;
    static TestServer siteB;
    static TestServer siteC;
    static ApiClient a;
    static ApiClient bAdmin;
    /** The client certificate site-a's CA issued for site-b, which site-a pins and site-b forwards with. */
    static dev.donjon.server.app.KmipClientCertificates.Issued bAtA;

    @BeforeAll
    static void start() {
        Path keys = root.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles bEncryption = LockboxKeys.make(keys, "b-enc", "EC");
        LockboxKeys.KeyFiles cSigning = LockboxKeys.make(keys, "c-sign", "EC");
        LockboxKeys.KeyFiles cEncryption = LockboxKeys.make(keys, "c-enc", "EC");
        // site-a trusts site-b to forward its callers' writes; site-c (no proxy mode) is a plain replica holder.
        Path aDir = root.resolve("a");
        dev.donjon.server.app.DevMode.config(aDir, false, 0);
        bAtA = dev.donjon.server.app.KmipClientCertificates.issue(aDir, new ProjectId("peers"), Set.of(Role.OBSERVER));
        // site-a also maps client certificates on REST (auth.client_certificates), so that a certificate of its own CA
        // other than site-b's gets through the handshake and is refused by the pin, not by TLS.
        siteA = TestServer.sqlite(aDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(),
                dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                dev.auth().withRestClientCertificates(true), dev.limits(), dev.kmip()).withLockbox(
                new DonjonConfig.Lockbox("site-a",
                aSigning.privateKey(), aEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-b", bSigning.certificate(), bEncryption.certificate(), null, null,
                        true, null, bAtA.files().certificate()),
                new DonjonConfig.LockboxPeer("site-c", cSigning.certificate(), cEncryption.certificate())))));
        siteB = TestServer.sqlite(root.resolve("b"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-b",
                bSigning.privateKey(), bEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate(),
                        siteA.baseUrl(), siteA.caCertificate(), false, new DonjonConfig.ReplicationPush(
                        dev.donjon.server.app.DevMode.HOST, siteA.kmipPort(), siteA.caCertificate(),
                        bAtA.files().certificate(), bAtA.files().privateKey()))), true)));
        siteC = TestServer.sqlite(root.resolve("c"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-c",
                cSigning.privateKey(), cEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate(),
                        siteA.baseUrl(), siteA.caCertificate(), false, null)), false)));
        a = new ApiClient(siteA.baseUrl(), siteA.clientTls()).withHeader("X-Auth-Token",
                token(siteA, "alice", Role.ADMIN));
        bAdmin = new ApiClient(siteB.baseUrl(), siteB.clientTls()).withHeader("X-Auth-Token",
                token(siteB, "alice", Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        siteA.close();
        siteB.close();
        siteC.close();
    }

    @Test
    void aWriteToAReplicaIsForwardedToTheOwnerAsTheCallerAndAuditedAtBothSides() {
        String id = createAtA("forwarded");
        replicate(id, "site-b", siteB);
        ApiClient.Response put = bAdmin.put("/v1/secrets/" + id + "/metadata")
                .json("{\"metadata\": {\"rack\": \"7\"}}").send();
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(a.get("/v1/secrets/" + id + "/metadata").send().json().get("metadata").get("rack").asText())
                .isEqualTo("7");
        // The replica itself is unchanged until the owner's next lockbox refreshes it: the write happened at site-a.
        assertThat(bAdmin.get("/v1/secrets/" + id + "/metadata").send().json().get("metadata").has("rack")).isFalse();

        String ownerTrail = a.get("/v1/audit-events?object_id=" + id + "&action=secret_metadata_write").send().text();
        assertThat(ownerTrail).contains("alice").contains("proxied").contains("proxy site-b");
        String proxyTrail = bAdmin.get("/v1/audit-events?object_id=" + id).send().text();
        assertThat(proxyTrail).contains("forwarded to the owner 'site-a': HTTP 201");
    }

    @Test
    void theOwnerAuthorisesTheCallerItselfAndRefusesOneItWouldRefuse() {
        String id = createAtA("private-at-owner");
        // At site-a the secret is private to its creator (alice) and the project's admins; site-b's replica has the
        // default ACL, so bob (a creator in the project) may write there, and the write reaches site-a as bob's.
        ApiClient.Response acl = a.put("/v1/secrets/" + id + "/acl")
                .json("{\"read\": {\"project-access\": false, \"users\": []}}").send();
        assertThat(acl.status()).as(acl.text()).isEqualTo(200);
        replicate(id, "site-b", siteB);
        ApiClient bob = new ApiClient(siteB.baseUrl(), siteB.clientTls()).withHeader("X-Auth-Token",
                token(siteB, "bob", Role.CREATOR));
        ApiClient.Response put = bob.put("/v1/secrets/" + id + "/metadata")
                .json("{\"metadata\": {\"by\": \"bob\"}}").send();
        assertThat(put.status()).as(put.text()).isEqualTo(403);
        assertThat(a.get("/v1/secrets/" + id + "/metadata").send().json().get("metadata").has("by")).isFalse();
        assertThat(a.get("/v1/audit-events?object_id=" + id + "&outcome=denied").send().text()).contains("bob");
        assertThat(bAdmin.get("/v1/audit-events?object_id=" + id).send().text())
                .contains("forwarded to the owner 'site-a': HTTP 403");
    }

    @Test
    void withoutProxyModeAReplicaStillRefusesNamingItsOwner() {
        String id = createAtA("not-forwarded");
        replicate(id, "site-c", siteC);
        ApiClient c = new ApiClient(siteC.baseUrl(), siteC.clientTls()).withHeader("X-Auth-Token",
                token(siteC, "alice", Role.ADMIN));
        ApiClient.Response put = c.put("/v1/secrets/" + id + "/metadata").json("{\"metadata\": {\"k\": \"v\"}}")
                .send();
        assertThat(put.status()).as(put.text()).isEqualTo(403);
        assertThat(put.json().get("description").asText()).contains("read-only replica owned by 'site-a'");
    }

    @Test
    void anOwnerAdmitsForwardedCallsOnlyFromTrustedProxiesForTheAssertedRequestOnce() {
        String id = createAtA("asserted");
        String target = "/v1/secrets/" + id + "/metadata";
        byte[] body = "{\"metadata\": {\"k\": \"v\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.donjon.server.domain.CallContext alice = new dev.donjon.server.domain.CallContext(
                new dev.donjon.server.domain.access.Principal("alice", new ProjectId("shop"), Set.of(Role.ADMIN),
                        dev.donjon.server.domain.access.AuthMethod.API_TOKEN), "req-proxy");
        String fromB = siteB.server().node().proxiedCalls().orElseThrow().assertion(alice, "site-a", "PUT", target,
                body);
        ApiClient anonymous = new ApiClient(siteA.baseUrl(), siteA.clientTls());
        // Mutual TLS: without site-b's client certificate the call is not site-b's, whatever it carries.
        ApiClient.Response withoutCertificate = anonymous.put(target).header(ProxyForwarder.HEADER, fromB)
                .json(new String(body, java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(withoutCertificate.status()).as(withoutCertificate.text()).isEqualTo(401);
        assertThat(withoutCertificate.json().get("description").asText()).contains("client certificate");
        ApiClient.Response otherCertificate = new ApiClient(siteA.baseUrl(), siteA.kmipClientTls()).put(target)
                .header(ProxyForwarder.HEADER, fromB).json(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                .send();
        assertThat(otherCertificate.status()).as(otherCertificate.text()).isEqualTo(401);
        assertThat(otherCertificate.json().get("description").asText()).contains("came with another");
        ApiClient peer = new ApiClient(siteA.baseUrl(), dev.donjon.server.crypto.TlsContexts.clientPresenting(
                siteA.caCertificate(), bAtA.files().certificate(), bAtA.files().privateKey()));
        // Another request than the one asserted (another body) is refused, and so is a second use of the assertion.
        ApiClient.Response other = peer.put(target).header(ProxyForwarder.HEADER, fromB)
                .json("{\"metadata\": {\"k\": \"other\"}}").send();
        assertThat(other.status()).as(other.text()).isEqualTo(400);
        ApiClient.Response first = peer.put(target).header(ProxyForwarder.HEADER, fromB)
                .json(new String(body, java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        ApiClient.Response again = peer.put(target).header(ProxyForwarder.HEADER, fromB)
                .json(new String(body, java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        // site-c is a configured peer but not trusted to forward calls.
        String fromC = siteC.server().node().proxiedCalls().orElseThrow().assertion(alice, "site-a", "PUT", target,
                body);
        ApiClient.Response untrusted = peer.put(target).header(ProxyForwarder.HEADER, fromC)
                .json(new String(body, java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(untrusted.status()).as(untrusted.text()).isEqualTo(403);
        // A server trusting no proxy refuses forwarded calls outright.
        ApiClient.Response notAccepted = new ApiClient(siteB.baseUrl(), siteB.clientTls()).put(target)
                .header(ProxyForwarder.HEADER, fromC).json("{}").send();
        assertThat(notAccepted.status()).isEqualTo(401);
    }

    private static void replicate(String id, String to, TestServer at) {
        ApiClient.Response sealed = a.post("/v1/secrets/" + id + "/lockbox?to=" + to).send();
        assertThat(sealed.status()).as(sealed.text()).isEqualTo(200);
        ApiClient admin = new ApiClient(at.baseUrl(), at.clientTls()).withHeader("X-Auth-Token",
                token(at, "alice", Role.ADMIN));
        ApiClient.Response imported = admin.post("/v1/lockboxes?replica=true")
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

    private static String token(TestServer server, String user, Role role) {
        return server.server().tokens().issue(new ProjectId("shop"), Set.of(role), user, "test").token();
    }
}
