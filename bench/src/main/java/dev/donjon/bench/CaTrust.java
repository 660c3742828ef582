package dev.donjon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS client contexts that trust exactly the given CA certificates; peer and host name are always verified. */
final class CaTrust {
    private static final char[] NO_PASSWORD = new char[0];

    private CaTrust() {
    }

    /** Trusts every certificate in a PEM (or DER) file, e.g. the dev server's {@code ca.pem}. */
    public static SSLContext fromPem(Path file) {
        return context(file, null, null);
    }

    /** Trusts the CAs in {@code caFile} and presents a client certificate, as KMIP servers require. */
    public static SSLContext withClientCertificate(Path caFile, Path certificateFile, Path pkcs8KeyFile) {
        return context(caFile, certificateFile, pkcs8KeyFile);
    }

    /** The JDK's default trust store, for servers with a publicly trusted certificate. */
    public static SSLContext jdkDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new BenchException("no default TLS context: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(Path caFile, Path certificateFile, Path keyFile) {
        Collection<? extends Certificate> cas = certificates(caFile, "CA certificate");
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : cas) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            KeyManagerFactory kmf = null;
            if (certificateFile != null) {
                KeyStore identity = KeyStore.getInstance("PKCS12");
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey(keyFile), NO_PASSWORD,
                        certificates(certificateFile, "client certificate").toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new BenchException("cannot set up TLS from " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file, String what) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new BenchException("cannot read " + what + " " + file + ": " + reason, e);
        }
        if (certificates.isEmpty()) {
            throw new BenchException("no certificate in " + file);
        }
        return certificates;
    }

    /** An unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), EC or RSA. */
    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BenchException("cannot read private key " + file + ": " + e.getMessage(), e);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new BenchException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[]{"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the PEM label does not say which algorithm it holds
            }
        }
        throw new BenchException(file + " holds no EC, RSA or Ed25519 private key");
    }
}
