package dev.donjon.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /healthz} and {@code /readyz}, unauthenticated. A node whose database disappears under it (its PostgreSQL
 * database dropped) stays alive but reports itself not ready, with the database's reason.
 */
class ProbesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path dataDir;

    @Test
    void aNodeThatLosesItsDatabaseIsAliveButNotReadyAndSaysWhy() throws Exception {
        try (TestServer server = TestServer.start(dataDir, POSTGRES.jdbcUrl(), POSTGRES.username())) {
            HttpResponse<String> alive = get(server, "/healthz");
            assertThat(alive.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(server, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(ready.body());
            assertThat(report.get("status").asText()).isEqualTo("ready");
            assertThat(report.get("database").asText()).isEqualTo("ok");
            assertThat(report.get("kmip_connections").asText()).matches("\\d+/\\d+");

            String database = POSTGRES.jdbcUrl().substring(POSTGRES.jdbcUrl().lastIndexOf('/') + 1);
            try (Connection admin = DriverManager.getConnection(
                    POSTGRES.jdbcUrl().replace("/" + database, "/postgres"), POSTGRES.username(), null);
                 Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
            HttpResponse<String> notReady = get(server, "/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonNode failed = JSON.readTree(notReady.body());
            assertThat(failed.get("status").asText()).isEqualTo("not ready");
            assertThat(failed.get("database").asText()).startsWith("a read transaction failed: ")
                    .containsPattern("SQLSTATE [0-9A-Z]{5}");
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(TestServer server, String path) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls())
                .version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder().uri(URI.create(server.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
