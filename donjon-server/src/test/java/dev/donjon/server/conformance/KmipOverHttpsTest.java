package dev.donjon.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.TtlvJson;
import dev.donjon.kmip.TtlvLimits;
import dev.donjon.kmip.TtlvXml;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.kmipserver.KmipHttpBinding.Encoding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KMIP over HTTPS ({@code POST /kmip}, KMIP Additional Message Encodings 1.0): the same server, policy and store as
 * port 5696, one message per request in TTLV, XML or JSON, the caller authenticated by an API token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipOverHttpsTest {
    private static final String PROJECT = "kmip-over-https";
    private static final String CREATE_AES_256 = request("""
            <Operation type="Enumeration" value="Create"/>
            <RequestPayload>
              <ObjectType type="Enumeration" value="SymmetricKey"/>
              <Attributes>
                <CryptographicAlgorithm type="Enumeration" value="AES"/>
                <CryptographicLength type="Integer" value="256"/>
                <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>
                <Name>
                  <NameValue type="TextString" value="created-over-https"/>
                  <NameType type="Enumeration" value="UninterpretedTextString"/>
                </Name>
              </Attributes>
            </RequestPayload>
            """);

    private TestServer server;
    private HttpClient http;
    private String token;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = TestServer.sqlite(dataDir);
        http = HttpClient.newBuilder().sslContext(server.clientTls()).connectTimeout(Duration.ofSeconds(10)).build();
        token = server.token(PROJECT, Role.ADMIN);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyClaimedCasePassesOverHttps(Encoding encoding) throws IOException {
        Path vectors = VectorFile.locate();
        if (vectors == null) {
            assertThat(System.getenv("CI")).as("../shared/reference/kmip/vectors must exist under CI=true")
                    .isNotEqualTo("true");
            return;
        }
        Set<String> claimed = VectorFile.claimed();
        KmipConformance runner = new KmipConformance(Clock.systemUTC());
        List<String> failures = VectorFile.all(vectors).stream()
                .filter(vector -> claimed.contains(vector.name()))
                .map(vector -> {
                    // One project per profile and version: a case may find what an earlier case of its profile
                    // stored (SASED-M-3 locates SASED-M-2's objects), and nothing of other profiles.
                    String caseToken = server.token(PROJECT + "-" + encoding + "-" + vector.profile() + "-"
                            + vector.version(), Role.ADMIN);
                    return runner.run(vector, request -> exchange(caseToken, encoding, request));
                })
                .filter(result -> result.outcome() != KmipConformance.Outcome.PASSED)
                .map(result -> result.vector().name() + ": " + result.summary())
                .toList();
        assertThat(failures).as("claimed cases failing over HTTPS in " + encoding).isEmpty();
    }

    @Test
    void aKeyCreatedOverHttpsIsASecretOfTheCallersProject() throws Exception {
        HttpResponse<String> created = post(token, Encoding.XML.mediaType(), CREATE_AES_256);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(created.body()).contains("<ResultStatus type=\"Enumeration\" value=\"Success\"/>");
        String id = uniqueIdentifier(created.body());

        HttpResponse<String> secret = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets/" + id))
                .header("X-Auth-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(secret.statusCode()).isEqualTo(200);
        assertThat(secret.body()).contains("\"name\":\"created-over-https\"").contains("\"bit_length\":256");

        String otherProject = server.token("another-project", Role.ADMIN);
        HttpResponse<String> foreign = post(otherProject, Encoding.XML.mediaType(), get(id));
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.body()).contains("value=\"OperationFailed\"").contains("value=\"ObjectNotFound\"");
    }

    @Test
    void theAuditTrailNamesTheHttpCredentialAndSourceAsTheTlsDoorNamesTheCertificate() throws Exception {
        String id = uniqueIdentifier(post(token, Encoding.XML.mediaType(),
                CREATE_AES_256.replace("created-over-https", "audited-over-https")).body());

        HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/v1/audit-events?action=secret_create&object_id=" + id)).header("X-Auth-Token", token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(events.statusCode()).isEqualTo(200);
        JsonNode actor = new ObjectMapper().readTree(events.body()).get("audit_events").get(0).get("actor");
        assertThat(actor.get("auth_method").asText()).isEqualTo("api_token");
        assertThat(actor.get("credential").asText()).startsWith("token:");
        assertThat(token).contains(actor.get("credential").asText().substring("token:".length()));
        assertThat(actor.get("source").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void aRequestWithAnUnknownTokenIsRefusedBeforeKmipSeesIt() throws Exception {
        HttpResponse<String> response = post("not-a-token", Encoding.XML.mediaType(), CREATE_AES_256);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("ResponseMessage");
    }

    @Test
    void aContentTypeThatNamesNoKmipEncodingIs415() throws Exception {
        HttpResponse<String> response = post(token, "text/plain", CREATE_AES_256);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("application/octet-stream (TTLV), text/xml or application/json")
                .contains("'text/plain'");
    }

    @Test
    void aMessageLargerThanTheRestBodyLimitButWithinTheKmipLimitIsServed() throws Exception {
        String large = CREATE_AES_256.replace("created-over-https", "large-over-https")
                .replace("<Name>", "<ObjectGroup type=\"TextString\" value=\"" + "g".repeat(40_000) + "\"/>\n<Name>");

        HttpResponse<String> response = post(token, Encoding.XML.mediaType(), large);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<ResultStatus type=\"Enumeration\" value=\"Success\"/>");
    }

    @Test
    void aMalformedMessageGetsAnInvalidMessageResponseInItsOwnEncoding() throws Exception {
        HttpResponse<String> response = post(token, Encoding.XML.mediaType(), "<RequestMessage><RequestHeader>");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.body()).contains("value=\"OperationFailed\"").contains("value=\"InvalidMessage\"");
    }

    @Test
    void anOversizedMessageIsRefusedWithoutBeingProcessed() throws Exception {
        // Above kmip.max_message_bytes (1 MiB in the test server), below the transport's own ceiling.
        String huge = CREATE_AES_256.replace("created-over-https", "x".repeat(3 << 19));

        HttpResponse<String> response = post(token, Encoding.XML.mediaType(), huge);

        assertThat(response.statusCode()).isEqualTo(413);
        HttpResponse<String> located = post(token, Encoding.XML.mediaType(), locateByName("x".repeat(16)));
        assertThat(located.body()).doesNotContain("UniqueIdentifier");
    }

    private Ttlv exchange(String caseToken, Encoding encoding, Ttlv request) throws IOException, TtlvException {
        byte[] body = switch (encoding) {
            case TTLV -> TtlvBinary.encode(request);
            case XML -> TtlvXml.encode(request).getBytes(StandardCharsets.UTF_8);
            case JSON -> TtlvJson.encode(request).getBytes(StandardCharsets.UTF_8);
        };
        HttpResponse<byte[]> response = send(caseToken, encoding.mediaType(), HttpRequest.BodyPublishers.ofByteArray(body),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + new String(response.body(),
                    StandardCharsets.UTF_8));
        }
        return switch (encoding) {
            case TTLV -> TtlvBinary.decode(response.body(), TtlvLimits.DEFAULT);
            case XML -> TtlvXml.decode(new String(response.body(), StandardCharsets.UTF_8));
            case JSON -> TtlvJson.decode(new String(response.body(), StandardCharsets.UTF_8));
        };
    }

    private HttpResponse<String> post(String authToken, String contentType, String body) throws IOException {
        return send(authToken, contentType, HttpRequest.BodyPublishers.ofString(body),
                HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String authToken, String contentType, HttpRequest.BodyPublisher body,
                                     HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/kmip"))
                    .header("X-Auth-Token", authToken).header("Content-Type", contentType).POST(body).build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String uniqueIdentifier(String responseXml) {
        Matcher matcher = Pattern.compile("<UniqueIdentifier type=\"TextString\" value=\"([^\"]+)\"/>")
                .matcher(responseXml);
        assertThat(matcher.find()).as("a Unique Identifier in " + responseXml).isTrue();
        return matcher.group(1);
    }

    private static String get(String id) {
        return request("""
                <Operation type="Enumeration" value="Get"/>
                <RequestPayload>
                  <UniqueIdentifier type="TextString" value="%s"/>
                </RequestPayload>
                """.formatted(id));
    }

    private static String locateByName(String name) {
        return request("""
                <Operation type="Enumeration" value="Locate"/>
                <RequestPayload>
                  <Attributes>
                    <Name>
                      <NameValue type="TextString" value="%s*"/>
                      <NameType type="Enumeration" value="UninterpretedTextString"/>
                    </Name>
                  </Attributes>
                </RequestPayload>
                """.formatted(name));
    }

    private static String request(String batchItem) {
        return """
                <RequestMessage>
                  <RequestHeader>
                    <ProtocolVersion>
                      <ProtocolVersionMajor type="Integer" value="2"/>
                      <ProtocolVersionMinor type="Integer" value="1"/>
                    </ProtocolVersion>
                    <BatchCount type="Integer" value="1"/>
                  </RequestHeader>
                  <BatchItem>
                %s  </BatchItem>
                </RequestMessage>
                """.formatted(batchItem);
    }
}
