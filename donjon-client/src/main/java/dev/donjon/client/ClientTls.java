package dev.donjon.client;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

/**
 * TLS contexts from PEM files, as Donjon's dev mode writes them: the CA to trust, and for KMIP's mutual TLS a client
 * certificate with its unencrypted PKCS#8 key (RSA or EC).
 */
public final class ClientTls {
    private static final char[] NO_PASSWORD = new char[0];

    private ClientTls() {
    }

    /** Trusts the CAs in {@code caPem} (the JDK's trust store when {@code null}). */
    public static SSLContext trusting(Path caPem) {
        return context(null, caPem);
    }

    /** Trusts {@code caPem} and presents {@code certificatePem} with {@code keyPem}. */
    public static SSLContext mutual(Path caPem, Path certificatePem, Path keyPem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            Collection<? extends Certificate> chain = certificates(certificatePem);
            store.setKeyEntry("client", privateKey(keyPem), NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            return context(keys, caPem);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use " + certificatePem + " and " + keyPem + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyManagerFactory keys, Path caPem) {
        try {
            TrustManagerFactory trust = null;
            if (caPem != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int index = 0;
                for (Certificate ca : certificates(caPem)) {
                    store.setCertificateEntry("ca-" + index++, ca);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust " + caPem + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException,
            GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (all.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return all;
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int start = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(pem + " holds no unencrypted PKCS#8 private key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + 27, end));
        try {
            GeneralSecurityException last = null;
            for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException wrongAlgorithm) {
                    last = wrongAlgorithm;
                }
            }
            throw last;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
