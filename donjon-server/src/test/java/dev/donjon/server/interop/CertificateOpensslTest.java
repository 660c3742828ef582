package dev.donjon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with the real {@code openssl} binary: a key and request made by OpenSSL, certified through a Barbican
 * certificate order by a project's subordinate CA, verified by {@code openssl verify -crl_check_all} against the root,
 * with the CRLs fetched (without credentials) from the URLs the certificates name; then revoked, and refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateOpensslTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    private TestServer server;
    private HttpClient http;
    private final String project = "proj-" + UUID.randomUUID();

    @BeforeAll
    void start() {
        DebianPackages.require(OPENSSL, "openssl");
        server = TestServer.sqlite(dataDir);
        http = HttpClient.newBuilder().sslContext(server.clientTls()).build();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anIssuedCertificatePassesOpensslVerifyWithCrlsUntilItIsRevoked() throws Exception {
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", work.resolve("key.pem").toString(),
                "-subj", "/O=Example/CN=www.example.com", "-addext", "subjectAltName=DNS:www.example.com",
                "-out", work.resolve("req.pem").toString());

        JsonNode root = json(call("GET", "/v1/cas/preferred", null));
        String rootRef = root.get("ca_ref").asText();
        String subRef = json(call("POST", "/v1/cas", "{\"name\": \"web\", \"parent_ca_ref\": \"" + rootRef
                + "\", \"subject_dn\": \"CN=Example Web CA,O=Example\"}")).get("ca_ref").asText();
        String csr = Base64.getEncoder().encodeToString(Files.readAllBytes(work.resolve("req.pem")));
        String orderRef = json(call("POST", "/v1/orders", "{\"type\": \"certificate\", \"meta\": {\"request_type\": "
                + "\"simple-cmc\", \"request_data\": \"" + csr + "\", \"ca_id\": \""
                + subRef.substring(subRef.lastIndexOf('/') + 1) + "\"}}")).get("order_ref").asText();
        JsonNode container = json(call("GET", json(call("GET", orderRef, null)).get("container_ref").asText(), null));
        String certificateRef = null;
        for (JsonNode ref : container.get("secret_refs")) {
            if (ref.get("name").asText().equals("certificate")) {
                certificateRef = ref.get("secret_ref").asText();
            }
        }
        Path certificate = write("cert.pem", call("GET", certificateRef + "/payload", null));
        Path rootPem = write("root.pem", call("GET", rootRef + "/cacert", null));
        Path subPem = write("sub.pem", call("GET", subRef + "/cacert", null));

        String text = openssl("x509", "-in", certificate.toString(), "-noout", "-text");
        assertThat(text).contains("CA:FALSE", "Digital Signature, Key Encipherment",
                "TLS Web Server Authentication, TLS Web Client Authentication", "DNS:www.example.com",
                "X509v3 Authority Key Identifier", "X509v3 Subject Key Identifier", "X509v3 CRL Distribution Points");
        String crlUrl = text.lines().filter(line -> line.strip().startsWith("URI:") && line.contains("/crl"))
                .findFirst().orElseThrow().strip().substring("URI:".length());
        String rootCrlUrl = openssl("x509", "-in", subPem.toString(), "-noout", "-text").lines()
                .filter(line -> line.strip().startsWith("URI:") && line.contains("/crl"))
                .findFirst().orElseThrow().strip().substring("URI:".length());

        List<String> verify = List.of("verify", "-CAfile", rootPem.toString(), "-untrusted", subPem.toString(),
                "-crl_check_all", "-CRLfile", work.resolve("crls.pem").toString(), certificate.toString());
        fetchCrls(crlUrl, rootCrlUrl);
        assertThat(openssl(verify.toArray(String[]::new))).contains(certificate + ": OK");

        call("POST", subRef + "/revocations", "{\"certificate_ref\": \"" + certificateRef
                + "\", \"reason\": \"key_compromise\"}");
        fetchCrls(crlUrl, rootCrlUrl);
        Result refused = run(verify.toArray(String[]::new));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
    }

    /** Both CRLs, PEM, in one file, fetched anonymously from the certificates' distribution points. */
    private void fetchCrls(String... urls) throws Exception {
        StringBuilder pem = new StringBuilder();
        for (String url : urls) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            Path der = write("crl.der", response.body());
            pem.append(openssl("crl", "-inform", "DER", "-in", der.toString()));
        }
        Files.writeString(work.resolve("crls.pem"), pem);
    }

    private byte[] call(String method, String pathOrUrl, String body) throws Exception {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : server.baseUrl() + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("X-Project-Id", project).header("X-Roles", "admin").header("X-User-Id", "alice")
                .header("Accept", url.endsWith("/payload") ? "application/octet-stream" : "*/*");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("%s %s: %s", method, url,
                new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
        return response.body();
    }

    private static JsonNode json(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(work.resolve(name), content);
    }

    private record Result(int exitCode, String output) {
    }

    private String openssl(String... arguments) throws Exception {
        Result result = run(arguments);
        assertThat(result.exitCode()).as("openssl %s: %s", String.join(" ", arguments), result.output()).isZero();
        return result.output();
    }

    private Result run(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
