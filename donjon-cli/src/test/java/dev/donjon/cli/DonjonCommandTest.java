package dev.donjon.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees from the {@code donjon} command: results on stdout, failures as one line on stderr. */
class DonjonCommandTest {
    @TempDir
    Path directory;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String commandErrors() {
        return err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("donjon:"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = Donjon.run("server", "--dev", "--data-dir", directory.resolve("data").toString(),
                    "--port", Integer.toString(taken.getLocalPort()));
            assertThat(status).isEqualTo(1);
        }
        assertThat(commandErrors()).hasLineCount(1).contains("cannot listen").contains("Address already in use");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineAndANonZeroExit() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
        int status = Donjon.run("server", "--dev", "--data-dir", file.resolve("data").toString(), "--port", "0");
        assertThat(status).isEqualTo(1);
        assertThat(commandErrors()).hasLineCount(1).contains("cannot create data directory");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }

    @Test
    void productionModeRefusesToStartWithoutTls() throws Exception {
        Path config = Files.writeString(directory.resolve("donjon.yaml"), "data_dir: " + directory + "\n");
        assertThat(Donjon.run("server", "--config", config.toString())).isEqualTo(1);
        assertThat(commandErrors()).hasLineCount(1).contains("TLS is required");
    }

    @Test
    void tokensAreCreatedOnceListedWithoutTheirSecretAndRevoked() {
        String dataDir = directory.resolve("data").toString();
        assertThat(Donjon.run("token", "create", "--data-dir", dataDir, "--project", "p1", "--roles",
                "creator,observer", "--user", "alice")).isZero();
        String token = stdout().strip();
        assertThat(token).matches("djt_[0-9a-f]{16}_[A-Za-z0-9_-]+");
        String tokenId = token.split("_")[1];

        out.reset();
        assertThat(Donjon.run("token", "list", "--data-dir", dataDir)).isZero();
        assertThat(stdout()).contains(tokenId).contains("p1").contains("creator").contains("alice")
                .contains("active").doesNotContain(token);

        out.reset();
        assertThat(Donjon.run("token", "revoke", "--data-dir", dataDir, tokenId)).isZero();
        assertThat(Donjon.run("token", "list", "--data-dir", dataDir)).isZero();
        assertThat(stdout()).contains("revoked");
    }

    @Test
    void unknownRolesAreRejected() {
        int status = Donjon.run("token", "create", "--data-dir", directory.resolve("data").toString(),
                "--project", "p1", "--roles", "creator,superuser");
        assertThat(status).isEqualTo(1);
        assertThat(commandErrors()).contains("unknown role");
    }
}
