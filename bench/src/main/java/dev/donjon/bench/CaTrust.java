package dev.donjon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS client contexts that trust exactly the given CA certificates; peer and host name are always verified. */
final class CaTrust {
    private CaTrust() {
    }

    /** Trusts every certificate in a PEM (or DER) file, e.g. the dev server's {@code ca.pem}. */
    public static SSLContext fromPem(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            String reason = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new BenchException("cannot read CA certificate " + file + ": " + reason, e);
        }
        if (certificates.isEmpty()) {
            throw new BenchException("no certificate in " + file);
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new BenchException("cannot build a trust store from " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JDK's default trust store, for servers with a publicly trusted certificate. */
    public static SSLContext jdkDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new BenchException("no default TLS context: " + e.getMessage(), e);
        }
    }
}
