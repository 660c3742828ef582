package dev.donjon.server.kmipserver;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.interop.DebianPackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's PyKMIP ProxyKmipClient, unmodified, at every protocol version it speaks (1.0 to 2.0), against one Donjon
 * server over mutual TLS: create, register, get, get attributes, locate, activate, encrypt/decrypt (AES-CBC both
 * ways, AES-GCM one way: PyKMIP 0.10 carries no tag), sign/verify, derive (PBKDF2), revoke, destroy. The script is
 * {@code src/test/resources/interop/pykmip_versions.py}; at 1.0–1.4 {@code pykmip_templates.py} also uses Templates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipPyKmipVersionsTest {
    private KmipTestServer server;
    private Path dataDir;
    private Path script;
    private Path templates;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        DebianPackages.requirePythonModule("kmip.pie.client", "python3-pykmip");
        this.dataDir = dataDir;
        server = KmipTestServer.start(dataDir, 1 << 20);
        script = dataDir.resolve("pykmip_versions.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/pykmip_versions.py")) {
            Files.write(script, in.readAllBytes());
        }
        templates = dataDir.resolve("pykmip_templates.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/pykmip_templates.py")) {
            Files.write(templates, in.readAllBytes());
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4", "2.0"})
    void proxyKmipClientWorksAtEveryVersionItSpeaks(String version) throws Exception {
        assertThat(run(script, "pykmip-", version)).containsExactlyElementsOf(List.of("create", "register", "get",
                "get-attributes", "locate", "activate", "encrypt-decrypt", "sign-verify", "derive", "revoke", "destroy"));
    }

    /**
     * Templates, which KMIP 1.0–1.4 define (deprecated from 1.3) and 2.0 removed: PyKMIP's KMIPProxy registers, locates
     * and gets one, and Create and Create Key Pair take their attributes from it ({@code pykmip_templates.py}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4"})
    void templatesServePyKmipAtEvery1xVersion(String version) throws Exception {
        assertThat(run(templates, "pykmip-templates-", version)).containsExactlyElementsOf(List.of("register", "locate",
                "get", "create", "create-key-pair", "unknown-template"));
    }

    /** The steps the script at {@code version} reported "ok", once it exited 0. */
    private List<String> run(Path python, String logPrefix, String version) throws Exception {
        Path log = dataDir.resolve(logPrefix + version + ".log");
        Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), python.toString(), "127.0.0.1",
                Integer.toString(server.kmipPort()), dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(),
                dataDir.resolve(DevMode.KMIP_CLIENT_KEY).toString(), dataDir.resolve(DevPki.CA_CERTIFICATE).toString(),
                version).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("PyKMIP %s timed out: %s", version, output).isTrue();
        assertThat(process.exitValue()).as("PyKMIP %s failed: %s", version, output).isZero();
        return output.lines().filter(line -> line.startsWith("ok ")).map(line -> line.substring(3)).toList();
    }
}
