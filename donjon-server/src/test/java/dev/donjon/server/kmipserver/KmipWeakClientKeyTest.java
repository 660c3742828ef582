package dev.donjon.server.kmipserver;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.Pem;
import dev.donjon.server.crypto.TlsContexts;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client certificate that the trusted CA signed but whose key is RSA-1024, for the configured dev client's very
 * name, is refused and the refusal audited; the same name with the dev client's P-256 key is served.
 */
class KmipWeakClientKeyTest {
    @TempDir
    Path dataDir;

    @Test
    void anRsa1024ClientCertificateIsRefusedEvenFromTheTrustedCa() throws Exception {
        try (TestServer server = TestServer.sqlite(dataDir)) {
            Path certificate = dataDir.resolve("weak.pem");
            Path key = dataDir.resolve("weak-key.pem");
            issueRsa(1024, DevMode.KMIP_CLIENT_NAME, certificate, key);
            KmipClient.Config weak = KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                            TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE), certificate, key))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
            assertThatThrownBy(() -> {
                try (KmipClient client = KmipClient.connect(weak)) {
                    client.discoverVersions(List.of());
                }
            }).isInstanceOf(java.io.IOException.class);

            try (KmipClient client = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                    server.kmipClientTls()))) {
                assertThat(client.discoverVersions(List.of())).isNotEmpty();
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("donjon.db"));
             Statement query = db.createStatement();
             ResultSet refusals = query.executeQuery("SELECT detail FROM audit_events WHERE action = 'AUTHENTICATE'"
                     + " AND outcome = 'FAILED' AND method = 'CLIENT_CERTIFICATE'")) {
            assertThat(refusals.next()).isTrue();
            assertThat(refusals.getString(1)).isEqualTo(
                    "client certificate key too weak: RSA 1024 bits, at least 2048 required");
        }
    }

    private void issueRsa(int bits, String commonName, Path certificateFile, Path keyFile) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate ca = Pem.readCertificates(dataDir.resolve(DevPki.CA_CERTIFICATE)).getFirst();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + commonName), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(
                        Pem.readPrivateKey(dataDir.resolve(DevPki.CA_KEY)))));
        Files.writeString(certificateFile, Pem.encode(certificate), StandardCharsets.US_ASCII);
        Pem.writePrivateKey(keyFile, keys.getPrivate());
    }
}
