package dev.donjon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's python3-barbicanclient and python3-castellan, unmodified, log in to the real Keystone with a password
 * through keystoneauth, find Donjon in the catalog (registered as the {@code key-manager} service) and store, read
 * and delete a secret each with the Keystone token, which Donjon validates against Keystone. The script is
 * {@code src/test/resources/interop/keystone_clients.py}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeystoneClientsInteropTest {
    private KeystoneServer keystone;
    private TestServer server;
    private Path script;

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        DebianPackages.requirePythonModule("barbicanclient.client", "python3-barbicanclient");
        DebianPackages.requirePythonModule("castellan.key_manager.barbican_key_manager", "python3-castellan");
        keystone = KeystoneServer.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String serviceProject = keystone.createProject("service-" + suffix);
        KeystoneServer.User service = keystone.createUser("donjon-" + suffix);
        keystone.grant(service, serviceProject, "service");
        server = TestServer.sqlite(dataDir.resolve("server"), dev -> new DonjonConfig(dev.dataDir(), dev.listen(),
                dev.publicUrl(), dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(),
                new DonjonConfig.Auth(true, false).withKeystone(new DonjonConfig.Keystone(keystone.url(),
                        service.name(), service.password(), "service-" + suffix, "Default", null,
                        DonjonConfig.Keystone.DEFAULT_CACHE_BOUND, Duration.ofSeconds(30), 1000)),
                dev.limits(), dev.kmip()));
        keystone.registerEndpoint("key-manager", "barbican", server.baseUrl());
        script = dataDir.resolve("keystone_clients.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/keystone_clients.py")) {
            Files.copy(in, script);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void barbicanclientAndCastellanLogInThroughKeystoneAndFindDonjonInTheCatalog() throws Exception {
        String project = keystone.createProject("clients-" + UUID.randomUUID().toString().substring(0, 8));
        KeystoneServer.User user = keystone.createUser("client-" + UUID.randomUUID().toString().substring(0, 8));
        keystone.grant(user, project, "creator");

        JsonNode seen = run(keystone.url() + "/v3", user.name(), user.password(), project);

        assertThat(seen.get("catalog_endpoint").asText()).isEqualTo(server.baseUrl());
        assertThat(seen.get("barbicanclient_get").asText()).isEqualTo("barbicanclient payload");
        assertThat(seen.get("barbicanclient_after_delete").asInt()).isEqualTo(404);
        assertThat(seen.get("castellan_get").asText()).isEqualTo("castellan payload");
        assertThat(seen.get("castellan_after_delete").asText()).isEqualTo("ManagedObjectNotFoundError");
    }

    private JsonNode run(String authUrl, String username, String password, String project) throws Exception {
        Path stdout = Files.createTempFile("keystone-clients", ".out");
        Path stderr = Files.createTempFile("keystone-clients", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(DebianPackages.PYTHON.toString(), script.toString(),
                    authUrl, username, password, project, server.caCertificate().toString()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("OS_") || name.endsWith("_proxy")
                    || name.endsWith("_PROXY"));
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("keystone_clients.py did not finish in 180 s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("keystone_clients.py failed: %s", err).isZero();
            return new ObjectMapper().readTree(Files.readString(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
