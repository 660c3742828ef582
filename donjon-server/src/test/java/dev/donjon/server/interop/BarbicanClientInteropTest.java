package dev.donjon.server.interop;

import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's python3-barbicanclient CLI, unmodified, against a running Donjon over HTTPS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BarbicanClientInteropTest {
    private static final Path BARBICAN = Path.of("/usr/bin/barbican");
    private final String project = "interop-" + UUID.randomUUID();
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        DebianPackages.require(BARBICAN, "python3-barbicanclient");
        server = TestServer.sqlite(dataDir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void storesListsGetsAndDeletesSecrets() throws Exception {
        String ref = barbican("secret", "store", "--name", "db-password", "--payload", "correct horse battery",
                "--payload-content-type", "text/plain", "-f", "value", "-c", "Secret href").strip();
        assertThat(ref).startsWith(server.baseUrl() + "/v1/secrets/");

        assertThat(barbican("secret", "list", "-f", "value", "-c", "Secret href", "-c", "Name"))
                .contains(ref).contains("db-password");
        assertThat(barbican("secret", "get", ref, "--payload", "-f", "value").strip())
                .isEqualTo("correct horse battery");
        assertThat(barbican("secret", "get", ref, "-f", "value", "-c", "Name", "-c", "Content types"))
                .contains("db-password").contains("text/plain");

        barbican("secret", "delete", ref);
        assertThat(barbican("secret", "list", "-f", "value")).doesNotContain(ref);
        Result missing = run("secret", "get", ref);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("Not Found");
    }

    @Test
    void storesBinaryPayloadsWithBase64Encoding() throws Exception {
        String ref = barbican("secret", "store", "--name", "key", "--payload", "AAECAwQFBgcICQ==",
                "--payload-content-type", "application/octet-stream", "--payload-content-encoding", "base64",
                "--secret-type", "symmetric", "--algorithm", "aes", "--bit-length", "80",
                "-f", "value", "-c", "Secret href").strip();
        assertThat(barbican("secret", "get", ref, "-f", "value", "-c", "Secret type", "-c", "Algorithm",
                "-c", "Bit length")).contains("symmetric").contains("aes").contains("80");
        barbican("secret", "delete", ref);
    }

    private String barbican(String... arguments) throws Exception {
        Result result = run(arguments);
        assertThat(result.exitCode()).as("barbican %s failed: %s", String.join(" ", arguments), result.stderr())
                .isZero();
        return result.stdout();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DebianPackages.PYTHON.toString(), BARBICAN.toString(),
                "--no-auth", "--endpoint", server.baseUrl(), "--os-project-id", project));
        command.addAll(List.of(arguments));
        Path stdout = Files.createTempFile("barbican", ".out");
        Path stderr = Files.createTempFile("barbican", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("REQUESTS_CA_BUNDLE", server.caCertificate().toString());
            environment.remove("OS_AUTH_URL");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("barbican " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
