package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponseBatchItem;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.KmipClientCertificates;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.interop.DebianPackages;
import dev.donjon.server.kmipserver.operation.DonjonProxiedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy mode over KMIP between real servers, each with its own database (docs/replication.md): site-b holds replicas
 * of site-a's keys and is a proxy; a KMIP write there that the replica refuses is forwarded to site-a as a Donjon
 * Proxied Call over KMIP mutual TLS (site-b presenting the client certificate site-a pins for it), site-a serves it as
 * the caller and both audit it. Batch items are forwarded one by one beside items served locally; an owner that cannot
 * be reached leaves a clear failure and nothing written; site-a admits a proxied call only with site-b's certificate,
 * once, and for the item asserted. Debian's PyKMIP ProxyKmipClient, unmodified, writes to replicas at site-b and the
 * effect is at site-a ({@code src/test/resources/interop/pykmip_proxy_mode.py}).
 */
class KmipProxyForwardingTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    @TempDir
    static Path root;
    static TestServer siteA;
    static TestServer siteB;
    static TestServer siteC;
    static KmipClientCertificates.Issued bAtA;

    @BeforeAll
    static void start() throws IOException {
        Path keys = root.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles bEncryption = LockboxKeys.make(keys, "b-enc", "EC");
        LockboxKeys.KeyFiles cSigning = LockboxKeys.make(keys, "c-sign", "EC");
        LockboxKeys.KeyFiles cEncryption = LockboxKeys.make(keys, "c-enc", "EC");
        // site-a's CA issues the client certificate site-b presents to it; its own KMIP project and role are not what
        // a forwarded call runs as (the asserted caller is).
        Path aDir = root.resolve("a");
        DevMode.config(aDir, false, 0);
        bAtA = KmipClientCertificates.issue(aDir, new ProjectId("peers"), Set.of(Role.OBSERVER));
        siteA = TestServer.sqlite(aDir, config -> config.withLockbox(new DonjonConfig.Lockbox("site-a",
                aSigning.privateKey(), aEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-b", bSigning.certificate(), bEncryption.certificate(), null, null,
                        true, null, bAtA.files().certificate()),
                new DonjonConfig.LockboxPeer("site-c", cSigning.certificate(), cEncryption.certificate())))));
        DonjonConfig.ReplicationPush toA = new DonjonConfig.ReplicationPush(DevMode.HOST, siteA.kmipPort(),
                siteA.caCertificate(), bAtA.files().certificate(), bAtA.files().privateKey());
        siteB = TestServer.sqlite(root.resolve("b"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-b",
                bSigning.privateKey(), bEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate(),
                        siteA.baseUrl(), siteA.caCertificate(), false, toA)), true)));
        // site-c is a proxy whose owner's KMIP port answers nothing: a port taken from this test's range and closed.
        int closed;
        try (ServerSocket socket = new ServerSocket(23017)) {
            closed = socket.getLocalPort();
        }
        DonjonConfig.ReplicationPush nowhere = new DonjonConfig.ReplicationPush(DevMode.HOST, closed,
                siteA.caCertificate(), bAtA.files().certificate(), bAtA.files().privateKey());
        siteC = TestServer.sqlite(root.resolve("c"), config -> config.withLockbox(new DonjonConfig.Lockbox("site-c",
                cSigning.privateKey(), cEncryption.privateKey(), Duration.ofMinutes(5), List.of(
                new DonjonConfig.LockboxPeer("site-a", aSigning.certificate(), aEncryption.certificate(), null, null,
                        false, nowhere)), true)));
    }

    @AfterAll
    static void stop() {
        for (TestServer server : new TestServer[]{siteA, siteB, siteC}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void kmipWritesToAReplicaReachTheOwnerAsTheCallerAndAreAuditedAtBothSides() throws Exception {
        String id = createAtA("forwarded-kmip");
        replicate(id, "site-b", siteB);
        try (KmipClient b = kmip(siteB, siteB.kmipClientTls())) {
            b.call(new RequestPayload.AddAttribute(Optional.of(id), group("from-b")),
                    ResponsePayload.AddAttribute.class);
            b.activate(id);
            b.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, Optional.of("retired at the edge"));
        }
        assertThat(state(siteA, id)).isEqualTo(State.DEACTIVATED.code());
        assertThat(groups(siteA, id)).containsExactly("from-b");
        // The replica changes when the owner's next lockbox refreshes it, not at once.
        assertThat(state(siteB, id)).isEqualTo(State.PRE_ACTIVE.code());

        String ownerTrail = rest(siteA, "GET", "/v1/audit-events?object_id=" + id, null).body();
        assertThat(ownerTrail).contains("proxied").contains("proxy site-b").contains(DevMode.KMIP_CLIENT_NAME);
        String proxyTrail = rest(siteB, "GET", "/v1/audit-events?object_id=" + id, null).body();
        assertThat(proxyTrail).contains("forwarded to the owner 'site-a': KMIP Success");
    }

    @Test
    void batchItemsAreForwardedEachOnItsOwnBesideItemsServedLocally() throws Exception {
        String replica = createAtA("batch-replica");
        String destroyed = createAtA("batch-destroyed");
        replicate(replica, "site-b", siteB);
        replicate(destroyed, "site-b", siteB);
        try (KmipClient b = kmip(siteB, siteB.kmipClientTls())) {
            String local = b.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of("local-at-b"),
                    CryptographicUsageMask.ENCRYPT);
            List<ResponseBatchItem> answers = b.batch()
                    .add(new RequestPayload.Activate(Optional.of(replica)))
                    .add(new RequestPayload.Activate(Optional.of(local)))
                    .add(new RequestPayload.Destroy(Optional.of(destroyed)))
                    .send();
            assertThat(answers).extracting(ResponseBatchItem::resultStatus).containsOnly(ResultStatus.SUCCESS);
            assertThat(answers).extracting(item -> item.operation().orElseThrow())
                    .containsExactly(Operation.ACTIVATE, Operation.ACTIVATE, Operation.DESTROY);
            assertThat(state(siteB, local)).isEqualTo(State.ACTIVE.code());
        }
        assertThat(state(siteA, replica)).isEqualTo(State.ACTIVE.code());
        assertThat(state(siteA, destroyed)).isEqualTo(State.DESTROYED.code());
    }

    @Test
    void aForwardedItemWithoutAnIdentifierActsOnTheBatchsIdPlaceholder() throws Exception {
        String name = "placeholder-" + System.nanoTime();
        String id = createAtA(name);
        replicate(id, "site-b", siteB);
        try (KmipClient b = kmip(siteB, siteB.kmipClientTls())) {
            // Locate at site-b finds the replica and makes it the ID Placeholder; the Activate that names no object is
            // refused there as the replica's and forwarded with the placeholder, which names the same object at site-a.
            List<ResponseBatchItem> answers = b.batch()
                    .add(RequestPayload.Locate.byAttributes(dev.donjon.kmip.message.Attributes.of(
                            Attribute.name(name))))
                    .add(new RequestPayload.Activate(Optional.empty()))
                    .send();
            assertThat(answers).extracting(ResponseBatchItem::resultStatus).containsOnly(ResultStatus.SUCCESS);
        }
        assertThat(state(siteA, id)).isEqualTo(State.ACTIVE.code());
    }

    @Test
    void anUnreachableOwnerIsAClearFailureAndNothingIsWritten() throws Exception {
        String id = createAtA("owner-unreachable");
        replicate(id, "site-c", siteC);
        try (KmipClient c = kmip(siteC, siteC.kmipClientTls())) {
            List<ResponseBatchItem> answers = c.batch().add(new RequestPayload.Activate(Optional.of(id))).send();
            assertThat(answers.getFirst().resultReason()).contains(ResultReason.GENERAL_FAILURE);
            assertThat(answers.getFirst().resultMessage().orElseThrow())
                    .contains("read-only replica owned by 'site-a'").contains("could not reach")
                    .contains("nothing was written");
        }
        assertThat(state(siteC, id)).isEqualTo(State.PRE_ACTIVE.code());
        assertThat(state(siteA, id)).isEqualTo(State.PRE_ACTIVE.code());
    }

    @Test
    void theOwnerAdmitsAProxiedCallOnlyWithThePeersCertificateOnceAndForTheItemAsserted() throws Exception {
        String id = createAtA("asserted-kmip");
        dev.donjon.kmip.Ttlv.Structure activate = new RequestPayload.Activate(Optional.of(id))
                .toTtlv(ProtocolVersion.V1_4);
        RequestPayload.DonjonProxiedCall unsigned = RequestPayload.DonjonProxiedCall.of(activate, Operation.ACTIVATE,
                ProtocolVersion.V1_4, Optional.empty(), "");
        dev.donjon.server.domain.CallContext caller = new dev.donjon.server.domain.CallContext(
                new dev.donjon.server.domain.access.Principal("mallory", new ProjectId("dev"), Set.of(Role.ADMIN),
                        dev.donjon.server.domain.access.AuthMethod.CLIENT_CERTIFICATE), "kmip-test");
        String assertion = siteB.server().node().proxiedCalls().orElseThrow().assertion(caller, "site-a",
                "KMIP", DonjonProxiedCall.target(unsigned), unsigned.payload());
        RequestPayload.DonjonProxiedCall call = new RequestPayload.DonjonProxiedCall(Operation.ACTIVATE,
                ProtocolVersion.V1_4, Optional.empty(), unsigned.payload(), assertion);
        SSLContext peer = TlsContexts.client(siteA.caCertificate(), bAtA.files().certificate(),
                bAtA.files().privateKey());

        // Another client certificate than the one pinned for site-b (the dev client's, which site-a also knows).
        ResponseBatchItem other = proxied(siteA.kmipClientTls(), call);
        assertThat(other.resultReason()).contains(ResultReason.PERMISSION_DENIED);
        assertThat(other.resultMessage().orElseThrow()).contains("configured client certificate");
        // Another item than the one asserted: the assertion is bound to the payload's TTLV.
        RequestPayload.DonjonProxiedCall swapped = RequestPayload.DonjonProxiedCall.of(
                new RequestPayload.Destroy(Optional.of(id)).toTtlv(ProtocolVersion.V1_4), Operation.DESTROY,
                ProtocolVersion.V1_4, Optional.empty(), assertion);
        ResponseBatchItem tampered = proxied(peer, swapped);
        assertThat(tampered.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
        assertThat(tampered.resultMessage().orElseThrow()).contains("another request");
        assertThat(state(siteA, id)).isEqualTo(State.PRE_ACTIVE.code());

        ResponseBatchItem first = proxied(peer, call);
        assertThat(first.resultStatus()).as(first.resultMessage().orElse("")).isEqualTo(ResultStatus.SUCCESS);
        assertThat(state(siteA, id)).isEqualTo(State.ACTIVE.code());
        ResponseBatchItem again = proxied(peer, call);
        assertThat(again.resultReason()).contains(ResultReason.PERMISSION_DENIED);
        assertThat(again.resultMessage().orElseThrow()).contains("admitted already");
        assertThat(rest(siteA, "GET", "/v1/audit-events?object_id=" + id, null).body()).contains("mallory")
                .contains("proxy site-b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.4", "2.0"})
    void pykmipsProxyKmipClientChangesTheOwnersKeysThroughTheProxy(String version) throws Exception {
        DebianPackages.requirePythonModule("kmip.pie.client", "python3-pykmip");
        String revoked = createAtA("pykmip-revoked-" + version);
        String destroyed = createAtA("pykmip-destroyed-" + version);
        replicate(revoked, "site-b", siteB);
        replicate(destroyed, "site-b", siteB);
        Path script = root.resolve("pykmip_proxy_mode.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/pykmip_proxy_mode.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path log = root.resolve("pykmip-proxy-" + version + ".log");
        Path bDir = root.resolve("b");
        Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), script.toString(), DevMode.HOST,
                Integer.toString(siteB.kmipPort()), bDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(),
                bDir.resolve(DevMode.KMIP_CLIENT_KEY).toString(), siteB.caCertificate().toString(), version, revoked,
                destroyed).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("PyKMIP %s timed out: %s", version, output).isTrue();
        assertThat(process.exitValue()).as("PyKMIP %s failed: %s", version, output).isZero();
        List<String> steps = new java.util.ArrayList<>(List.of("activate", "revoke", "destroy", "refused-by-owner"));
        if (version.equals("2.0")) {
            steps.addFirst("set-attribute");
        }
        assertThat(output.lines().filter(line -> line.startsWith("ok ")).map(line -> line.substring(3)))
                .containsExactlyElementsOf(steps);

        assertThat(state(siteA, revoked)).isEqualTo(State.DEACTIVATED.code());
        assertThat(state(siteA, destroyed)).isEqualTo(State.DESTROYED.code());
        if (version.equals("2.0")) {
            try (KmipClient owner = kmip(siteA, siteA.kmipClientTls())) {
                assertThat(owner.call(new RequestPayload.GetAttributes(Optional.of(revoked),
                                List.of(new AttributeName.Standard(Tag.SENSITIVE))), ResponsePayload.GetAttributes.class)
                        .attributes().first(Tag.SENSITIVE)).contains(new Ttlv.BooleanItem(Tag.SENSITIVE.code(), true));
            }
        }
        assertThat(rest(siteA, "GET", "/v1/audit-events?object_id=" + revoked, null).body()).contains("proxy site-b");
    }

    private static ResponseBatchItem proxied(SSLContext tls, RequestPayload.DonjonProxiedCall call)
            throws IOException {
        try (KmipClient client = KmipClient.connect(KmipClient.Config.of(DevMode.HOST, siteA.kmipPort(), tls)
                .withProtocolVersion(ProtocolVersion.V2_1))) {
            return client.batch().add(call).send().getFirst();
        }
    }

    private static KmipClient kmip(TestServer server, SSLContext tls) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, server.kmipPort(), tls)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(40)));
    }

    private static Attribute group(String value) {
        return new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, value));
    }

    private static int state(TestServer server, String id) throws IOException, KmipOperationException {
        try (KmipClient client = kmip(server, server.kmipClientTls())) {
            return client.call(new RequestPayload.GetAttributes(Optional.of(id),
                            List.of(new AttributeName.Standard(Tag.STATE))), ResponsePayload.GetAttributes.class)
                    .attributes().first(Tag.STATE).map(t -> ((Ttlv.EnumerationItem) t).value()).orElse(-1);
        }
    }

    private static List<String> groups(TestServer server, String id) throws IOException, KmipOperationException {
        try (KmipClient client = kmip(server, server.kmipClientTls())) {
            return client.call(new RequestPayload.GetAttributes(Optional.of(id),
                            List.of(new AttributeName.Standard(Tag.OBJECT_GROUP))), ResponsePayload.GetAttributes.class)
                    .attributes().all(Tag.OBJECT_GROUP).stream().map(t -> ((Ttlv.TextItem) t).value()).toList();
        }
    }

    private static void replicate(String id, String to, TestServer at) throws Exception {
        HttpResponse<String> sealed = rest(siteA, "POST", "/v1/secrets/" + id + "/lockbox?to=" + to, "");
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        String lockbox = JSON.readTree(sealed.body()).get("lockbox").asText();
        HttpResponse<String> imported = rest(at, "POST", "/v1/lockboxes?replica=true",
                JSON.writeValueAsString(Map.of("lockbox", lockbox)));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    }

    /** A REST call as an admin of the dev project, where the KMIP dev client acts. */
    private static HttpResponse<String> rest(TestServer server, String method, String target, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + target))
                .header("X-Auth-Token", server.token("dev", Role.ADMIN))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newBuilder().sslContext(server.clientTls()).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String createAtA(String name) throws IOException, KmipOperationException {
        try (KmipClient owner = kmip(siteA, siteA.kmipClientTls())) {
            return owner.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of(name),
                    CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
        }
    }
}
