package dev.donjon.server.crypto;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A server's lockbox keys for tests, as an operator would make them with OpenSSL: a PEM private key and a self-signed
 * PEM certificate of its public half, in a directory.
 */
public final class LockboxKeys {
    private LockboxKeys() {
    }

    /** The files of one key: its private half and its certificate. */
    public record KeyFiles(Path privateKey, Path certificate) {
    }

    /** @param algorithm "EC" (P-256) or "RSA" (2048 bits) */
    public static KeyFiles make(Path directory, String name, String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))),
                            subject, pair.getPublic())
                            .build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA"
                                    : "SHA256withRSA").build(pair.getPrivate())));
            Files.createDirectories(directory);
            Path key = directory.resolve(name + "-key.pem");
            Path cert = directory.resolve(name + ".pem");
            Pem.writePrivateKey(key, pair.getPrivate());
            Files.writeString(cert, Pem.encode(certificate), StandardCharsets.US_ASCII);
            return new KeyFiles(key, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
