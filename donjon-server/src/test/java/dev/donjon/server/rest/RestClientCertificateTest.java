package dev.donjon.server.rest;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS on the REST API ({@code auth.client_certificates: true}), over real TLS: the certificate KMIP accepts
 * (the dev client, admin of the dev project through {@code kmip.identities}) authenticates REST requests too; a
 * client without a certificate is still served and judged by its token; a certificate of the right CA that maps to
 * no identity is 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestClientCertificateTest {
    @TempDir
    static Path dataDir;

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(dataDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(),
                dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(true, false).withRestClientCertificates(true), dev.limits(), dev.kmip()));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theKmipClientCertificateActsOnRestInItsMappedProject() {
        ApiClient withCertificate = new ApiClient(server.baseUrl(), server.kmipClientTls());
        ApiClient.Response created = withCertificate.post("/v1/secrets")
                .json("{\"payload\": \"mtls\", \"payload_content_type\": \"text/plain\"}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = created.json().get("secret_ref").asText();
        assertThat(withCertificate.get(secret).accept("application/json").send().json().get("creator_id").asText())
                .isEqualTo(DevMode.KMIP_CLIENT_NAME);
        assertThat(withCertificate.get(secret + "/payload").accept("text/plain").send().text()).isEqualTo("mtls");
        // The same secret from another project's token: the certificate's project owns it.
        ApiClient stranger = new ApiClient(server.baseUrl(), server.clientTls())
                .withHeader("X-Auth-Token", server.token("another", dev.donjon.server.domain.access.Role.ADMIN));
        assertThat(stranger.get(secret).send().status()).isEqualTo(403);
    }

    @Test
    void withoutACertificateTheTokenDecides() {
        ApiClient plain = new ApiClient(server.baseUrl(), server.clientTls());
        assertThat(plain.get("/v1/secrets").send().status()).isEqualTo(401);
        assertThat(plain.withHeader("X-Auth-Token", server.token("p", dev.donjon.server.domain.access.Role.OBSERVER))
                .get("/v1/secrets").send().status()).isEqualTo(200);
    }

    @Test
    void aCertificateOfTheCaThatMapsToNoIdentityIs401() {
        DevPki.issueClient(dataDir, "nobody-" + System.nanoTime(),
                dataDir.resolve("nobody.pem"), dataDir.resolve("nobody-key.pem"));
        ApiClient client = new ApiClient(server.baseUrl(), TlsContexts.client(server.caCertificate(),
                dataDir.resolve("nobody.pem"), dataDir.resolve("nobody-key.pem")));
        ApiClient.Response response = client.get("/v1/secrets").send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("description").asText()).contains("maps to no identity");
    }
}
