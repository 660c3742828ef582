package dev.donjon.server.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} (Prometheus text, unauthenticated) counts REST requests by route template and status, KMIP
 * operations by operation and result, the listeners' connections, the database pool and the JVM; the access log has
 * one line per request with its request id, which the response returns and the audit event holds, and neither the
 * token nor the payload.
 */
class MetricsAndAccessLogTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir);
        client = HttpClient.newBuilder().sslContext(server.clientTls()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void metricsCountRequestsByRouteAndKmipOperationsAndShowPoolsConnectionsAndJvm() throws Exception {
        String token = server.token("metrics-project", Role.ADMIN);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"c2VjcmV0\",\"payload_content_type\":"
                        + "\"application/octet-stream\",\"payload_content_encoding\":\"base64\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*/v1/secrets/([0-9a-f-]+).*", "$1");
        assertThat(send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets/" + id))
                .header("X-Auth-Token", token).GET()).statusCode()).isEqualTo(200);
        try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                server.kmipClientTls()))) {
            assertThat(kmip.discoverVersions(List.of())).isNotEmpty();
        }

        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        String text = scrape.body();
        assertThat(text)
                .containsPattern("donjon_http_server_requests_seconds_count\\{method=\"POST\",outcome=\"success\","
                        + "route=\"/v1/secrets\",status=\"201\"} 1")
                .containsPattern("donjon_http_server_requests_seconds_count\\{method=\"GET\",outcome=\"success\","
                        + "route=\"/v1/secrets/\\{id}\",status=\"200\"} 1")
                .contains("donjon_http_server_requests_seconds_bucket{")
                .containsPattern("donjon_kmip_operations_seconds_count\\{operation=\"DISCOVER_VERSIONS\","
                        + "result=\"SUCCESS\"} 1")
                .containsPattern("donjon_connections\\{listener=\"rest\"} [1-9]")
                .contains("donjon_connections{listener=\"kmip\"}")
                .contains("hikaricp_connections_active{")
                .contains("jvm_memory_used_bytes{")
                .contains("process_files_open_files ")
                .containsPattern("donjon_tls_handshakes_total\\{listener=\"rest\",stage=\"begun\"} [1-9]")
                .containsPattern("donjon_tls_handshakes_total\\{listener=\"kmip\",stage=\"completed\"} [1-9]")
                .containsPattern("cache_gets_total\\{cache=\"kek\",result=\"miss\"} [0-9]")
                .containsPattern("cache_gets_total\\{cache=\"kek\",result=\"hit\"} [1-9]")
                .containsPattern("donjon_store_commits_total [1-9]")
                .containsPattern("donjon_store_committed_writes_total [1-9]")
                .contains("donjon_store_write_queue ")
                .containsPattern("donjon_audit_batches_total [1-9]")
                .containsPattern("donjon_audit_events_total [1-9]")
                .contains("donjon_audit_queue ");
        assertThat(text).doesNotContain(id).doesNotContain(token);
    }

    @Test
    void theAccessLogHasOneLinePerRequestWithTheRequestIdAndNoSecrets() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("donjon.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        try {
            String token = server.token("access-project", Role.ADMIN);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                    .header("X-Auth-Token", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"payload\":\"dG9wc2VjcmV0\","
                            + "\"payload_content_type\":\"application/octet-stream\","
                            + "\"payload_content_encoding\":\"base64\"}")));
            assertThat(created.statusCode()).isEqualTo(201);
            String requestId = created.headers().firstValue("x-openstack-request-id").orElseThrow();
            String id = created.body().replaceAll(".*/v1/secrets/([0-9a-f-]+).*", "$1");
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                    .header("X-Auth-Token", "not-a-token").GET());
            assertThat(refused.statusCode()).isEqualTo(401);

            List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0)).startsWith("request_id=" + requestId + " principal=user-access-project "
                    + "method=POST route=/v1/secrets status=201 duration_ms=");
            assertThat(messages.get(1)).contains(" principal=- method=GET route=unmatched status=401 ");
            // The same request id names the request's audit event.
            List<AuditEvent> audit = server.server().store().read(tx -> tx.audit().tail(50));
            assertThat(audit)
                    .anyMatch(event -> requestId.equals(event.requestId()) && id.equals(event.objectId()));
            assertThat(String.join("\n", messages)).doesNotContain(token).doesNotContain("not-a-token")
                    .doesNotContain("dG9wc2VjcmV0").doesNotContain(id);
        } finally {
            access.detachAppender(lines);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
