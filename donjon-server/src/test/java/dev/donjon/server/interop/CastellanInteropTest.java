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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's python3-castellan, the key-manager library of Nova, Cinder and Glance, unmodified, against a running
 * Donjon over HTTPS. The script is in {@code src/test/resources/interop/castellan_donjon.py}; its keystoneauth plugin
 * sends the trusted identity headers the test server accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CastellanInteropTest {
    private TestServer server;
    private Path script;

    @BeforeAll
    void start(@TempDir Path dataDir) throws IOException {
        DebianPackages.requirePythonModule("castellan.key_manager.barbican_key_manager", "python3-castellan");
        server = TestServer.sqlite(dataDir);
        script = dataDir.resolve("castellan_donjon.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/castellan_donjon.py")) {
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
    void createsStoresGetsListsAndDeletesKeys() throws Exception {
        JsonNode seen = runScript("castellan-" + UUID.randomUUID());

        assertThat(seen.get("create_key").toString()).isEqualTo("{\"algorithm\":\"AES\",\"bits\":256,"
                + "\"bytes\":32,\"class\":\"SymmetricKey\",\"name\":\"castellan-key\"}");
        assertThat(seen.get("create_key_pair").toString())
                .isEqualTo("{\"algorithm\":\"RSA\",\"bits\":2048,\"distinct\":true,"
                        + "\"private\":\"PrivateKey\",\"public\":\"PublicKey\",\"public_bits\":2048}");
        assertThat(seen.get("store_symmetric").toString())
                .isEqualTo("{\"bits\":128,\"name\":\"stored-key\",\"roundtrip\":true}");
        assertThat(seen.get("store_passphrase").toString())
                .isEqualTo("{\"class\":\"Passphrase\",\"roundtrip\":true}");
        assertThat(seen.get("list").get("all").asBoolean()).isTrue();
        assertThat(seen.get("list").get("count").asInt()).isEqualTo(5);
        assertThat(seen.get("list_symmetric").toString()).isEqualTo("[\"SymmetricKey\",\"SymmetricKey\"]");
        assertThat(seen.get("get_after_delete").asText()).isEqualTo("ManagedObjectNotFoundError");
        assertThat(seen.get("list_after_delete").asBoolean()).isTrue();
    }

    private JsonNode runScript(String project) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("castellan", ".out");
        Path stderr = Files.createTempFile("castellan", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(DebianPackages.PYTHON.toString(), script.toString(),
                    server.baseUrl(), server.caCertificate().toString(), project))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().remove("OS_AUTH_URL");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("castellan script did not finish in 120 s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("castellan script failed: %s", err).isZero();
            return new ObjectMapper().readTree(Files.readString(stdout, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
