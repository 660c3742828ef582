package dev.donjon.server.app;

import dev.donjon.server.domain.access.Role;
import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes over one PostgreSQL database: a token revoked on one stops working there at once, and on the other, which
 * had it cached as valid, within a few seconds (the revocation version it polls), not after its 30 s cache.
 */
class TokenRevocationAcrossNodesTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void aRevocationReachesTheOtherNodeWithinSeconds() throws Exception {
        try (TestServer revoking = TestServer.start(first, POSTGRES.jdbcUrl(), POSTGRES.username())) {
            Files.copy(first.resolve("master-keys"), second.resolve("master-keys"), StandardCopyOption.COPY_ATTRIBUTES);
            try (TestServer other = TestServer.start(second, POSTGRES.jdbcUrl(), POSTGRES.username())) {
                String token = revoking.token("project-r", Role.ADMIN);
                assertThat(status(revoking, token)).isEqualTo(200);
                assertThat(status(other, token)).as("cached as valid on the other node").isEqualTo(200);

                String id = token.substring("djt_".length(), token.indexOf('_', "djt_".length()));
                revoking.server().tokens().revoke(id);
                assertThat(status(revoking, token)).as("on the revoking node, at once").isEqualTo(401);

                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                int seen = status(other, token);
                while (seen != 401 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    seen = status(other, token);
                }
                assertThat(seen).as("on the other node, well before the 30 s cache expires").isEqualTo(401);
            }
        }
    }

    private static int status(TestServer server, String token) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(server.clientTls())
                .version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder().uri(URI.create(server.baseUrl() + "/v1/secrets"))
                    .header("X-Auth-Token", token).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
