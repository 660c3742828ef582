package dev.donjon.cli;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees from the {@code donjon} command: results on stdout, failures as one line on stderr. */
class DonjonCommandTest {
    @TempDir
    Path directory;

    private static String commandErrors(DonjonRun.Result run) {
        return run.err().lines().filter(line -> line.startsWith("donjon:")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit() throws Exception {
        DonjonRun.Result run;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            run = DonjonRun.run("server", "--dev", "--data-dir", directory.resolve("data").toString(),
                    "--port", Integer.toString(taken.getLocalPort())).expect(1);
        }
        assertThat(commandErrors(run)).hasLineCount(1).contains("cannot listen").contains("Address already in use");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineAndANonZeroExit() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");
        DonjonRun.Result run = DonjonRun.run("server", "--dev", "--data-dir", file.resolve("data").toString(),
                "--port", "0").expect(1);
        assertThat(commandErrors(run)).hasLineCount(1).contains("cannot create data directory");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void productionModeRefusesToStartWithoutTls() throws Exception {
        Path config = Files.writeString(directory.resolve("donjon.yaml"), "data_dir: " + directory + "\n");
        assertThat(commandErrors(DonjonRun.run("server", "--config", config.toString()).expect(1))).hasLineCount(1)
                .contains("TLS is required");
    }

    @Test
    void tokensAreCreatedOnceListedWithoutTheirSecretAndRevoked() {
        String dataDir = directory.resolve("data").toString();
        String token = DonjonRun.run("token", "create", "--data-dir", dataDir, "--project", "p1", "--roles",
                "creator,observer", "--user", "alice").expect(0).out().strip();
        assertThat(token).matches("djt_[0-9a-f]{16}_[A-Za-z0-9_-]+");
        String tokenId = token.split("_")[1];

        assertThat(DonjonRun.run("token", "list", "--data-dir", dataDir).expect(0).out()).contains(tokenId)
                .contains("p1").contains("creator").contains("alice")
                .contains("active").doesNotContain(token);

        assertThat(DonjonRun.run("token", "revoke", "--data-dir", dataDir, tokenId).expect(0).out())
                .contains("revoked");
        assertThat(DonjonRun.run("token", "list", "--data-dir", dataDir).expect(0).out()).contains("revoked");
    }

    @Test
    void notificationsStatusShowsTheOutboxOfTheNodesDatabase() {
        String dataDir = directory.resolve("data").toString();
        assertThat(DonjonRun.run("notifications", "status", "--data-dir", dataDir).expect(0).out())
                .contains("notifications: disabled in this configuration")
                .contains("outbox: 0 notification(s) waiting")
                .contains("relay: none has ever run against this database")
                .doesNotContain("broker:");
    }

    @Test
    void aKmipClientCertificateActsInItsProjectWithItsRoles() throws Exception {
        Path dataDir = directory.resolve("data");
        assertThat(commandErrors(DonjonRun.run("kmip", "client-cert", "--data-dir", dataDir.toString(), "--project",
                "p7", "--roles", "creator").expect(1))).contains("no dev CA");

        DevMode.config(dataDir, false, 0);
        String issued = DonjonRun.run("kmip", "client-cert", "--data-dir", dataDir.toString(), "--project", "p7",
                "--roles", "creator").expect(0).out();
        Path certificate = Path.of(field(issued, "certificate"));
        Path key = Path.of(field(issued, "private key"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        try (DonjonServer server = DonjonServer.start(DevMode.config(dataDir, false, 0));
             KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                     TlsContexts.client(dataDir.resolve("ca.pem"), certificate, key)))) {
            String id = kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                    CryptographicUsageMask.ENCRYPT);
            HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.client(dataDir.resolve("ca.pem")))
                    .build();
            assertThat(status(http, server, "p7", id)).isEqualTo(200);
            // Another project's key: 403, as Barbican answers for another project's secret (issue 8).
            assertThat(status(http, server, "dev", id)).isEqualTo(403);
        }
    }

    private static String field(String output, String label) {
        return output.lines().filter(line -> line.startsWith(label)).findFirst().orElseThrow()
                .replaceFirst("^[^:]+:\\s*", "");
    }

    private static int status(HttpClient http, DonjonServer server, String project, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.publicUrl() + "/v1/secrets/" + id))
                .header("X-Project-Id", project).header("X-Roles", "admin").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void unknownRolesAreRejected() {
        DonjonRun.Result run = DonjonRun.run("token", "create", "--data-dir", directory.resolve("data").toString(),
                "--project", "p1", "--roles", "creator,superuser").expect(1);
        assertThat(commandErrors(run)).contains("unknown role");
    }
}
