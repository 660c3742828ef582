package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth.foreign_objects_as_missing: true}: another project's secret, container or ACL answers exactly like a
 * missing one (404, same body), for operators who want the two indistinguishable. Barbican's 403 is the default and
 * is tested in SecretsApiContract and BarbicanApiContract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignObjectsAsMissingTest {
    @TempDir
    static Path dataDir;

    private TestServer server;
    private ApiClient api;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(dataDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(),
                dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(dev.auth().apiTokens(), dev.auth().trustedHeaders(), true), dev.limits(),
                dev.kmip()));
        api = new ApiClient(server.baseUrl(), server.clientTls());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiClient project() {
        return api.withHeader("X-Project-Id", "proj-" + UUID.randomUUID());
    }

    @Test
    void anotherProjectsObjectsAnswerExactlyAsMissingOnes() {
        ApiClient owner = project();
        ApiClient stranger = project();
        String secret = owner.post("/v1/secrets").json("{\"payload\": \"p\", \"payload_content_type\": \"text/plain\"}")
                .send().json().get("secret_ref").asText();
        String container = owner.post("/v1/containers").json("{\"type\": \"generic\", \"secret_refs\": "
                + "[{\"name\": \"k\", \"secret_ref\": \"" + secret + "\"}]}").send().json().get("container_ref")
                .asText();
        String missingSecret = server.baseUrl() + "/v1/secrets/" + UUID.randomUUID();
        String missingContainer = server.baseUrl() + "/v1/containers/" + UUID.randomUUID();

        for (List<String> pair : List.of(List.of(secret, missingSecret), List.of(secret + "/acl", missingSecret + "/acl"),
                List.of(secret + "/metadata", missingSecret + "/metadata"),
                List.of(container, missingContainer), List.of(container + "/acl", missingContainer + "/acl"))) {
            ApiClient.Response foreign = stranger.get(pair.get(0)).send();
            ApiClient.Response missing = stranger.get(pair.get(1)).send();
            assertThat(foreign.status()).as(pair.get(0)).isEqualTo(404);
            assertThat(foreign.body()).as(pair.get(0)).isEqualTo(missing.body());
        }
        assertThat(stranger.delete(secret).send().status()).isEqualTo(404);
        assertThat(owner.get(secret).send().status()).isEqualTo(200);
    }
}
