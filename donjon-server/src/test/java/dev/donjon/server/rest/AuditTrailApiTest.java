package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.audit.AuditArchive;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.audit.ChainVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail seen through a real server: reads over REST and KMIP are recorded with the caller's credential and
 * address, denials too, and {@code GET /v1/audit-events} shows each reader what its role allows.
 */
class AuditTrailApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static ApiClient admin;
    static String adminToken;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir);
        adminToken = server.token("audited", Role.ADMIN);
        admin = new ApiClient(server.baseUrl(), server.clientTls()).withHeader("X-Auth-Token", adminToken);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient as(String project, Role... roles) {
        return new ApiClient(server.baseUrl(), server.clientTls()).withHeader("X-Auth-Token",
                server.token(project, roles));
    }

    @Test
    void aPayloadReadIsRecordedWithItsCredentialAndAddressAndNeverItsPayloadOrToken() {
        String ref = admin.post("/v1/secrets").json("{\"payload\": \"c2VjcmV0LXZhbHVl\", "
                + "\"payload_content_type\": \"application/octet-stream\", \"payload_content_encoding\": \"base64\"}")
                .send().json().get("secret_ref").asText();
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        assertThat(admin.get("/v1/secrets/" + id + "/payload").accept("application/octet-stream").send().status())
                .isEqualTo(200);

        ApiClient.Response listed = admin.get("/v1/audit-events?object_id=" + id).send();
        assertThat(listed.status()).isEqualTo(200);
        JsonNode events = listed.json().get("audit_events");
        assertThat(listed.json().get("total").asLong()).isEqualTo(2);
        JsonNode read = events.get(0);
        assertThat(read.get("action").asText()).isEqualTo("secret_read_payload");
        assertThat(read.get("outcome").asText()).isEqualTo("success");
        assertThat(read.get("object").asText()).isEqualTo(id);
        assertThat(read.get("request_id").asText()).startsWith("req-");
        assertThat(read.get("time").asText()).endsWith("Z");
        assertThat(read.get("actor").get("project").asText()).isEqualTo("audited");
        assertThat(read.get("actor").get("auth_method").asText()).isEqualTo("api_token");
        assertThat(read.get("actor").get("credential").asText())
                .isEqualTo("token:" + adminToken.split("_")[1]);
        assertThat(read.get("actor").get("source").asText()).isEqualTo("127.0.0.1");
        assertThat(events.get(1).get("action").asText()).isEqualTo("secret_create");
        assertThat(listed.text()).doesNotContain("c2VjcmV0LXZhbHVl").doesNotContain(adminToken);

        ChainVerifier.Report report = AuditArchive.verify(server.server().node().store(), null);
        assertThat(report.intact()).as(report.describe()).isTrue();
    }

    @Test
    void aKmipGetIsRecordedWithTheClientCertificate() throws Exception {
        String id;
        try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                server.kmipClientTls()))) {
            id = kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                    CryptographicUsageMask.ENCRYPT);
            kmip.get(id);
        }
        JsonNode events = as("dev", Role.ADMIN).get("/v1/audit-events?object_id=" + id).send().json()
                .get("audit_events");
        assertThat(events.get(0).get("action").asText()).isEqualTo("secret_read_payload");
        assertThat(events.get(0).get("actor").get("auth_method").asText()).isEqualTo("client_certificate");
        assertThat(events.get(0).get("actor").get("credential").asText()).matches("cert-sha256:[0-9a-f]{64}");
        assertThat(events.get(0).get("actor").get("source").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void readersSeeWhatTheirRoleAllowsAndOthersAreRefusedAndAudited() {
        as("other-project", Role.ADMIN).post("/v1/secrets").json("{\"name\": \"elsewhere\"}").send();
        ApiClient observer = as("audited", Role.OBSERVER);
        assertThat(observer.get("/v1/audit-events").send().status()).isEqualTo(403);

        JsonNode auditor = as("audited", Role.AUDIT).get("/v1/audit-events?limit=1000").send().json();
        List<String> projects = new ArrayList<>();
        auditor.get("audit_events").forEach(e -> projects.add(e.get("actor").get("project").asText()));
        assertThat(projects).isNotEmpty().containsOnly("audited");

        JsonNode all = as("ops", Role.SERVICE_ADMIN).get("/v1/audit-events?limit=1000").send().json();
        List<String> everyProject = new ArrayList<>();
        all.get("audit_events").forEach(e -> everyProject.add(e.get("actor").get("project").asText()));
        assertThat(everyProject).contains("audited", "other-project");

        JsonNode denials = admin.get("/v1/audit-events?action=audit_read&outcome=denied").send().json();
        assertThat(denials.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(denials.get("audit_events").get(0).get("reason").asText()).isEqualTo("role not permitted");

        // Reading the trail adds events: page through a filter those reads do not match.
        ApiClient ops = as("ops", Role.SERVICE_ADMIN);
        JsonNode created = ops.get("/v1/audit-events?action=token_create&limit=1000").send().json();
        JsonNode page = ops.get("/v1/audit-events?action=token_create&limit=1&offset=1").send().json();
        assertThat(page.get("audit_events")).hasSize(1);
        assertThat(page.get("total").asLong()).isEqualTo(created.get("total").asLong());
        assertThat(page.get("audit_events").get(0).get("seq").asLong())
                .isEqualTo(created.get("audit_events").get(1).get("seq").asLong());
        assertThat(admin.get("/v1/audit-events?outcome=maybe").send().status()).isEqualTo(400);
    }
}
