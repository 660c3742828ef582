package dev.donjon.server.kmipserver;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.auth.ClientIdentities;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code server --dev} sets up for KMIP. */
class KmipDevModeTest {
    @Test
    void devModeListensOnLoopbackWithAClientCertificateMappedToTheDevProject(@TempDir Path dataDir)
            throws Exception {
        DonjonConfig.Kmip kmip = DevMode.config(dataDir, false, 9311).kmip();
        assertThat(kmip.enabled()).isTrue();
        assertThat(kmip.listen()).isEqualTo(new DonjonConfig.Listen("127.0.0.1", 5696));
        assertThat(kmip.identities()).containsExactly(new DonjonConfig.KmipIdentity(DevMode.KMIP_CLIENT_NAME, "dev",
                java.util.List.of("admin")));
        Path certificate = dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE);
        Path key = dataDir.resolve(DevMode.KMIP_CLIENT_KEY);
        assertThat(ClientIdentities.commonName(Pem.readCertificates(certificate).getFirst()))
                .contains(DevMode.KMIP_CLIENT_NAME);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));

        // A second start keeps the credential; an ephemeral API port gets an ephemeral KMIP port.
        byte[] before = Files.readAllBytes(certificate);
        DonjonConfig again = DevMode.config(dataDir, false, 0);
        assertThat(Files.readAllBytes(certificate)).isEqualTo(before);
        assertThat(again.kmip().listen().port()).isZero();

        try (DonjonServer server = DonjonServer.start(again)) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            DevMode.printWelcome(new PrintStream(text, true, StandardCharsets.UTF_8), again, server, "token");
            assertThat(text.toString(StandardCharsets.UTF_8))
                    .contains("KMIP           : 127.0.0.1:" + server.kmipPort())
                    .contains(certificate.toAbsolutePath().toString()).contains(key.toAbsolutePath().toString());
        }
    }
}
