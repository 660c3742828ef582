package dev.donjon.server.crypto;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The development PKI of {@code server --dev}: a CA private to one data directory, a server certificate for loopback
 * names signed by it, and client certificates on request. Keys are ECDSA P-256: cheap handshakes, accepted by every
 * client Donjon talks to.
 */
public final class DevPki {
    public static final String CA_CERTIFICATE = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String SERVER_CERTIFICATE = "server.pem";
    public static final String SERVER_KEY = "server-key.pem";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevPki() {
    }

    /** Where the PEM files of one directory's PKI are. */
    public record Material(Path caCertificate, Path serverCertificate, Path serverKey) {
    }

    /** A client's certificate and key files. */
    public record ClientCredential(Path certificate, Path privateKey) {
    }

    /**
     * Creates the CA and server certificate in {@code directory} unless they exist; an existing server certificate
     * that expires within a day is replaced.
     *
     * @param extraHostNames DNS names or IP addresses to add to the server certificate besides the loopback ones
     */
    public static Material ensure(Path directory, List<String> extraHostNames) {
        try {
            Files.createDirectories(directory);
            Path caCertificate = directory.resolve(CA_CERTIFICATE);
            Path caKey = directory.resolve(CA_KEY);
            Path serverCertificate = directory.resolve(SERVER_CERTIFICATE);
            Path serverKey = directory.resolve(SERVER_KEY);
            if (!Files.exists(caCertificate) || !Files.exists(caKey)) {
                KeyPair ca = newKeyPair();
                X500Name name = new X500Name("CN=Donjon development CA " + Long.toHexString(RANDOM.nextLong()));
                X509Certificate certificate = sign(name, ca.getPublic(), name, ca.getPrivate(), CA_LIFETIME,
                        Role.CA, List.of());
                Pem.writePrivateKey(caKey, ca.getPrivate());
                Files.writeString(caCertificate, Pem.encode(certificate), StandardCharsets.US_ASCII);
                Files.deleteIfExists(serverCertificate);
            }
            if (!Files.exists(serverCertificate) || !Files.exists(serverKey) || expiresSoon(serverCertificate)) {
                List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
                names.addAll(extraHostNames);
                KeyPair server = newKeyPair();
                X509Certificate certificate = signedByCa(directory, new X500Name("CN=localhost"), server,
                        Role.SERVER, names);
                Pem.writePrivateKey(serverKey, server.getPrivate());
                Files.writeString(serverCertificate, Pem.encode(certificate), StandardCharsets.US_ASCII);
            }
            return new Material(caCertificate, serverCertificate, serverKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev PKI in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Issues a client certificate with {@code commonName} from the directory's CA. */
    public static ClientCredential issueClient(Path directory, String commonName, Path certificateFile,
                                               Path keyFile) {
        try {
            KeyPair client = newKeyPair();
            X509Certificate certificate = signedByCa(directory, new X500Name(new org.bouncycastle.asn1.x500.RDN[]{
                    new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.CN,
                            new org.bouncycastle.asn1.DERUTF8String(commonName))}), client, Role.CLIENT, List.of());
            Pem.writePrivateKey(keyFile, client.getPrivate());
            Files.writeString(certificateFile, Pem.encode(certificate), StandardCharsets.US_ASCII);
            return new ClientCredential(certificateFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a client certificate: " + e.getMessage(), e);
        }
    }

    private enum Role { CA, SERVER, CLIENT }

    private static X509Certificate signedByCa(Path directory, X500Name subject, KeyPair subjectKeys, Role role,
                                              List<String> names) {
        X509Certificate ca = Pem.readCertificates(directory.resolve(CA_CERTIFICATE)).getFirst();
        PrivateKey caKey = Pem.readPrivateKey(directory.resolve(CA_KEY));
        return sign(subject, subjectKeys.getPublic(), X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                caKey, LEAF_LIFETIME, role, names);
    }

    private static X509Certificate sign(X500Name subject, java.security.PublicKey subjectKey, X500Name issuer,
                                        PrivateKey issuerKey, Duration lifetime, Role role, List<String> names) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(159, RANDOM), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(lifetime)), subject, subjectKey);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey));
            switch (role) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case SERVER, CLIENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            role == Role.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                }
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.stream().map(DevPki::generalName).toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String name) {
        boolean ip = name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    private static boolean expiresSoon(Path certificate) {
        X509Certificate leaf = Pem.readCertificates(certificate).getFirst();
        return leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(1)));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 unavailable", e);
        }
    }
}
