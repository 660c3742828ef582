package dev.donjon.server.kmipserver;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.interop.DebianPackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's python3-pykmip ProxyKmipClient, unmodified, against Donjon's KMIP server over mutual TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipPyKmipInteropTest {
    private KmipTestServer server;
    private Path dataDir;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        DebianPackages.requirePythonModule("kmip.pie.client", "python3-pykmip");
        this.dataDir = dataDir;
        server = KmipTestServer.start(dataDir, 1 << 20);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void createsRegistersGetsLocatesActivatesEncryptsSignsRevokesAndDestroys() throws Exception {
        Path script = dataDir.resolve("pykmip_client.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/pykmip_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path log = dataDir.resolve("pykmip.log");
        Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), script.toString(), "127.0.0.1",
                Integer.toString(server.kmipPort()), dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(),
                dataDir.resolve(DevMode.KMIP_CLIENT_KEY).toString(), dataDir.resolve(DevPki.CA_CERTIFICATE).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("PyKMIP timed out: %s", output).isTrue();
        assertThat(process.exitValue()).as("PyKMIP failed: %s", output).isZero();
        assertThat(output.lines().filter(line -> line.startsWith("ok ")).map(line -> line.substring(3)).toList())
                .containsExactlyElementsOf(List.of("create", "register", "get", "locate", "activate",
                        "encrypt-decrypt", "sign", "revoke", "destroy"));
    }
}
