package dev.donjon.server.crypto;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * TLS as Donjon speaks it everywhere: TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites only, certificates and
 * keys from PEM files.
 */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /** A server context and the parameters to apply to every connection. */
    public record ServerTls(SSLContext context, SSLParameters parameters) {
    }

    /** A server that presents {@code certificate} (a chain, leaf first) and does not ask clients for one. */
    public static ServerTls server(Path certificate, Path privateKey) {
        SSLContext context = context(serverKeyManagers(certificate, privateKey), null);
        return new ServerTls(context, parameters(context));
    }

    /** A server that requires a client certificate issued by one of {@code trustedClientCas}. */
    public static ServerTls mutual(Path certificate, Path privateKey, Path trustedClientCas) {
        SSLContext context = context(serverKeyManagers(certificate, privateKey), trustStore(trustedClientCas));
        SSLParameters parameters = parameters(context);
        parameters.setNeedClientAuth(true);
        return new ServerTls(context, parameters);
    }

    /**
     * A server that asks for a client certificate issued by one of {@code trustedClientCas} but also serves clients
     * that present none (the REST API, where certificates are one authenticator among others). A presented
     * certificate that does not verify still fails the handshake.
     */
    public static ServerTls optionalClient(Path certificate, Path privateKey, Path trustedClientCas) {
        return optionalClient(certificate, privateKey, List.of(trustedClientCas));
    }

    /**
     * As {@link #optionalClient(Path, Path, Path)}, trusting the certificates of several PEM files: CA bundles, and
     * the peers' own client certificates (proxy mode pins them: docs/replication.md).
     */
    public static ServerTls optionalClient(Path certificate, Path privateKey, List<Path> trustedClientCas) {
        SSLContext context = context(serverKeyManagers(certificate, privateKey), trustStore(trustedClientCas));
        SSLParameters parameters = parameters(context);
        parameters.setWantClientAuth(true);
        return new ServerTls(context, parameters);
    }

    /** A client that trusts only the CAs in {@code trustedCas}. */
    public static SSLContext client(Path trustedCas) {
        return context(null, trustStore(trustedCas));
    }

    /** A client that trusts {@code trustedCas} ({@code null}: the JDK's trust store) and presents its own certificate. */
    public static SSLContext client(Path trustedCas, Path certificate, Path privateKey) {
        return context(keyManagers(certificate, privateKey), trustedCas == null ? null : trustStore(trustedCas));
    }

    /**
     * As {@link #client(Path, Path, Path)}, presenting the certificate whichever CAs the server names as acceptable.
     * A server that pins this very certificate (proxy mode, docs/replication.md) names it, not its issuer, and the
     * JDK's own choice would then send none; the server's verification decides either way.
     */
    public static SSLContext clientPresenting(Path trustedCas, Path certificate, Path privateKey) {
        javax.net.ssl.KeyManager[] managers = keyManagers(certificate, privateKey).getKeyManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof javax.net.ssl.X509ExtendedKeyManager manager) {
                managers[i] = new PresentingKeyManager(manager);
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers, trustedCas == null ? null : trustStore(trustedCas).getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Chooses the client key as if the server had named no CAs. */
    private static final class PresentingKeyManager extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509ExtendedKeyManager delegate;

        PresentingKeyManager(javax.net.ssl.X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return delegate.getClientAliases(keyType, null);
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return delegate.chooseClientAlias(keyType, null, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                              javax.net.ssl.SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, null, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    static String[] protocols() {
        return PROTOCOLS.clone();
    }

    private static SSLParameters parameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
                .filter(TlsContexts::forwardSecretAead)
                .toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private static boolean forwardSecretAead(String suite) {
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
        return aead && (tls13 || suite.startsWith("TLS_ECDHE_"));
    }

    private static SSLContext context(KeyManagerFactory keys, TrustManagerFactory trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManagerFactory keyManagers(Path certificate, Path privateKey) {
        return keyManagers(certificate, Pem.readCertificates(certificate), privateKey, Pem.readPrivateKey(privateKey));
    }

    /**
     * A server's key managers, having signed once with an EC key as every handshake's CertificateVerify does: the JDK
     * builds its tables for the curve's generator on the first such signature (tens of milliseconds, interpreted).
     * Server contexts are built on a start-up thread beside the main thread (DonjonServer), so the first client's
     * handshake, on the path to a server's first answer, finds the tables built.
     */
    private static KeyManagerFactory serverKeyManagers(Path certificate, Path privateKey) {
        List<X509Certificate> chain = Pem.readCertificates(certificate);
        PrivateKey key = Pem.readPrivateKey(privateKey);
        KeyManagerFactory factory = keyManagers(certificate, chain, privateKey, key);
        if (key instanceof java.security.interfaces.ECPrivateKey) {
            try {
                java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSA");
                signature.initSign(key);
                signature.update(chain.getFirst().getEncoded());
                signature.sign();
            } catch (GeneralSecurityException leftToTheHandshake) {
                // A curve the JDK cannot sign with fails each handshake as it did before this warm-up, with the
                // handshake's own error; the warm-up only saves time.
            }
        }
        return factory;
    }

    private static KeyManagerFactory keyManagers(Path certificate, List<X509Certificate> chain, Path privateKey,
                                                 PrivateKey key) {
        try {
            // An in-memory store that only hands the key to the key manager. PKCS12 would encrypt the key when it is
            // put in and decrypt it when the key manager takes it out, 10,000 HMAC-SHA256 iterations each way: 7 % of
            // a server's start-up on its main thread, for nothing, since the store never leaves this method.
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setKeyEntry("donjon", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the key in " + privateKey + " does not fit the certificate in "
                    + certificate + ": " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustStore(Path trustedCas) {
        return trustStore(List.of(trustedCas));
    }

    private static TrustManagerFactory trustStore(List<Path> trustedCas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (Path file : trustedCas) {
                for (X509Certificate ca : Pem.readCertificates(file)) {
                    store.setCertificateEntry("ca-" + index++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot use " + trustedCas + " as trusted CAs: " + e.getMessage(), e);
        }
    }
}
