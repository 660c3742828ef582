package dev.donjon.server.app;

import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The dev KMIP client certificate is kept while the CA and it are the files recorded when it was issued, and checked
 * by its signature (then re-issued if the current CA did not sign it) whenever either file differs from the record.
 */
class DevClientCertificateRecordTest {
    @Test
    void aRecordedCertificateIsKeptWithoutChangingAnyFile(@TempDir Path dataDir) throws Exception {
        DevMode.config(dataDir, false, 0);
        Path record = dataDir.resolve(DevClientCertificateRecord.FILE);
        assertThat(record).exists();
        byte[] certificate = Files.readAllBytes(client(dataDir));
        byte[] recorded = Files.readAllBytes(record);

        DevMode.config(dataDir, false, 0);

        assertThat(Files.readAllBytes(client(dataDir))).isEqualTo(certificate);
        assertThat(Files.readAllBytes(record)).isEqualTo(recorded);
        assertThat(new DevClientCertificateRecord(dataDir, client(dataDir), ca(dataDir)).matches()).isTrue();
    }

    @Test
    void aForeignCertificateInPlaceOfTheClientsIsReplacedByOneTheDevCaSigned(@TempDir Path dataDir,
                                                                            @TempDir Path elsewhere) throws Exception {
        DevMode.config(dataDir, false, 0);
        DevPki.ensure(elsewhere, List.of());
        DevPki.issueClient(elsewhere, DevMode.KMIP_CLIENT_NAME, elsewhere.resolve("foreign.pem"),
                elsewhere.resolve("foreign-key.pem"));
        Files.copy(elsewhere.resolve("foreign.pem"), client(dataDir),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(new DevClientCertificateRecord(dataDir, client(dataDir), ca(dataDir)).matches()).isFalse();

        DevMode.config(dataDir, false, 0);

        assertThat(Files.readAllBytes(client(dataDir)))
                .isNotEqualTo(Files.readAllBytes(elsewhere.resolve("foreign.pem")));
        assertSignedByTheDevCa(dataDir);
        assertThat(new DevClientCertificateRecord(dataDir, client(dataDir), ca(dataDir)).matches()).isTrue();
    }

    @Test
    void aNewCaGetsANewClientCertificate(@TempDir Path dataDir) throws Exception {
        DevMode.config(dataDir, false, 0);
        byte[] first = Files.readAllBytes(client(dataDir));
        Files.delete(ca(dataDir));
        Files.delete(dataDir.resolve(DevPki.CA_KEY));

        DevMode.config(dataDir, false, 0);

        assertThat(Files.readAllBytes(client(dataDir))).isNotEqualTo(first);
        assertSignedByTheDevCa(dataDir);
    }

    @Test
    void aDataDirectoryWithoutARecordKeepsItsVerifiedCertificateAndGetsOne(@TempDir Path dataDir) throws Exception {
        DevMode.config(dataDir, false, 0);
        byte[] certificate = Files.readAllBytes(client(dataDir));
        Files.delete(dataDir.resolve(DevClientCertificateRecord.FILE));

        DevMode.config(dataDir, false, 0);

        assertThat(Files.readAllBytes(client(dataDir))).isEqualTo(certificate);
        assertThat(new DevClientCertificateRecord(dataDir, client(dataDir), ca(dataDir)).matches()).isTrue();
    }

    @Test
    void aMissingKeyGetsANewCertificateEvenWhenTheRecordMatches(@TempDir Path dataDir) throws Exception {
        DevMode.config(dataDir, false, 0);
        byte[] certificate = Files.readAllBytes(client(dataDir));
        Files.delete(dataDir.resolve(DevMode.KMIP_CLIENT_KEY));

        DevMode.config(dataDir, false, 0);

        assertThat(dataDir.resolve(DevMode.KMIP_CLIENT_KEY)).exists();
        assertThat(Files.readAllBytes(client(dataDir))).isNotEqualTo(certificate);
        assertSignedByTheDevCa(dataDir);
    }

    private static void assertSignedByTheDevCa(Path dataDir) {
        X509Certificate certificate = Pem.readCertificates(client(dataDir)).getFirst();
        X509Certificate ca = Pem.readCertificates(ca(dataDir)).getFirst();
        assertThatCode(() -> certificate.verify(ca.getPublicKey())).doesNotThrowAnyException();
    }

    private static Path client(Path dataDir) {
        return dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE);
    }

    private static Path ca(Path dataDir) {
        return dataDir.resolve(DevPki.CA_CERTIFICATE);
    }
}
