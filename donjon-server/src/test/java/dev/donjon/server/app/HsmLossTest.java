package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.KeyHierarchy;
import dev.donjon.server.crypto.SoftHsm;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.keys.WrappedKek;
import dev.donjon.server.interop.DebianPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HSM lost while the server runs, and back. The master keystore is a real SoftHSM2 token reached through a
 * forwarding PKCS#11 module (src/test/resources/pkcs11/switchable-module.c, compiled by the test) that answers
 * {@code CKR_DEVICE_REMOVED} while a switch file exists: SoftHSM2 cannot lose and regain a token inside one process,
 * and p11-kit's RPC module carries no AES-GCM. While the HSM is away, warm requests (KEK cached) are served, a KEK
 * cache miss (a new project's KEK, a cold node's unwrap) answers 503 with the reason and writes nothing; once it is
 * back the same requests succeed, with the same provider (SunPKCS11 recovers: the keystore logs in again).
 */
class HsmLossTest {
    private static final Path GCC = Path.of("/usr/bin/gcc");
    private static final Path PKCS11_HEADER = Path.of("/usr/include/p11-kit-1/p11-kit/pkcs11.h");

    @TempDir
    Path directory;

    @Test
    void aKekCacheMissAnswers503WithTheReasonWhileTheHsmIsAwayAndServiceResumesWhenItIsBack() throws Exception {
        SoftHsm hsm = SoftHsm.shared();
        Path switchFile = directory.resolve("hsm-down");
        Path module = compileSwitchableModule(switchFile);
        Path pin = Files.writeString(directory.resolve("pin"), SoftHsm.PIN + "\n");
        DonjonConfig.Pkcs11 pkcs11 = new DonjonConfig.Pkcs11(module, -1, hsm.label(), pin, null,
                "loss-" + System.nanoTime(), 4);
        Path dataDir = Files.createDirectories(directory.resolve("data"));
        try (TestServer server = TestServer.sqlite(dataDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(),
                dev.publicUrl(), dev.tls(), dev.behindTlsProxy(), dev.database(),
                new DonjonConfig.MasterKey(dev.masterKey().file(), true, pkcs11), dev.auth(), dev.limits(),
                dev.kmip(), dev.jobs(), dev.lockbox(), dev.kmipStore(), dev.notifications()))) {
            assertThat(server.server().node().masterKeystore().backend()).isEqualTo("pkcs11");
            HttpClient http = HttpClient.newBuilder().sslContext(server.clientTls()).build();
            String warm = server.token("warm", Role.ADMIN);
            String cold = server.token("cold", Role.ADMIN);
            String warmSecret = create(http, server, warm, 201);
            assertThat(payload(http, server, warm, warmSecret)).isEqualTo(200);
            PayloadBinding binding = new PayloadBinding(SecretId.parse(warmSecret).orElseThrow(),
                    new ProjectId("warm"), SecretType.OPAQUE);
            SealedPayload sealed = server.server().store().read(tx -> tx.secrets().payload(binding.id()))
                    .orElseThrow();

            Files.createFile(switchFile); // the HSM is gone
            try {
                assertThat(payload(http, server, warm, warmSecret)).as("a warm request never touches the HSM")
                        .isEqualTo(200);
                HttpResponse<String> refused = send(http, server, cold, "POST", "/v1/secrets", """
                        {"name": "cold", "payload": "Y29sZA==", "payload_content_type": "application/octet-stream",
                         "payload_content_encoding": "base64"}""");
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("The master keystore (HSM) is unavailable")
                        .contains("nothing was changed");
                Optional<WrappedKek> coldKek = server.server().store()
                        .read(tx -> tx.projectKeys().current(new ProjectId("cold")));
                assertThat(coldKek).as("no KEK row for the new project").isEmpty();
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(list(http, server, cold))
                        .get("total").asLong()).as("no secret row").isZero();
                // A node with a cold KEK cache (as after a restart): its unwrap is a miss, refused the same way.
                KeyHierarchy coldNode = new KeyHierarchy(server.server().node().masterKeystore(),
                        server.server().store(), new SecureRandom(), Clock.systemUTC());
                assertThatThrownBy(() -> coldNode.open(binding, sealed)).isInstanceOf(DomainException.Unavailable.class)
                        .hasMessageContaining("master keystore (HSM) is unavailable");
            } finally {
                Files.deleteIfExists(switchFile); // and back
            }

            String coldSecret = create(http, server, cold, 201);
            assertThat(payload(http, server, cold, coldSecret)).isEqualTo(200);
            KeyHierarchy coldNode = new KeyHierarchy(server.server().node().masterKeystore(),
                    server.server().store(), new SecureRandom(), Clock.systemUTC());
            assertThat(coldNode.open(binding, sealed)).isEqualTo("warm".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Builds the forwarding module in front of SoftHSM2, its switch at {@code switchFile}. */
    private Path compileSwitchableModule(Path switchFile) throws Exception {
        DebianPackages.require(GCC, "gcc");
        if (!Files.isRegularFile(PKCS11_HEADER)) {
            DebianPackages.require(PKCS11_HEADER, "libp11-kit-dev");
        }
        Path source = directory.resolve("switchable-module.c");
        try (InputStream in = HsmLossTest.class.getResourceAsStream("/pkcs11/switchable-module.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path module = directory.resolve("libswitchable-pkcs11.so");
        Process cc = new ProcessBuilder(List.of(GCC.toString(), "-shared", "-fPIC", "-O2", "-I/usr/include/p11-kit-1",
                "-DSWITCH_FILE=\"" + switchFile + "\"", "-DREAL_MODULE=\"" + SoftHsm.LIBRARY + "\"",
                "-o", module.toString(), source.toString(), "-ldl")).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cc.exitValue()).as(output).isZero();
        return module;
    }

    private static String create(HttpClient http, TestServer server, String token, int status) throws Exception {
        HttpResponse<String> created = send(http, server, token, "POST", "/v1/secrets", """
                {"name": "hsm", "payload": "d2FybQ==", "payload_content_type": "application/octet-stream",
                 "payload_content_encoding": "base64"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(status);
        String body = created.body();
        String ref = body.substring(body.indexOf("/v1/secrets/") + "/v1/secrets/".length());
        return ref.substring(0, 36);
    }

    private static int payload(HttpClient http, TestServer server, String token, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets/" + id + "/payload"))
                .header("X-Auth-Token", token).header("Accept", "application/octet-stream").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String list(HttpClient http, TestServer server, String token) throws Exception {
        return send(http, server, token, "GET", "/v1/secrets", null).body();
    }

    private static HttpResponse<String> send(HttpClient http, TestServer server, String token, String method,
                                             String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("X-Auth-Token", token).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
