package dev.donjon.server.config;

import java.nio.file.Path;

/**
 * Everything a Donjon node needs to start. Built from YAML with {@code DONJON_*} environment overrides
 * ({@link ConfigLoader}), or by {@code server --dev} from a data directory.
 *
 * @param publicUrl base of every link in responses; {@code null} means the address the server listens on
 * @param tls       server certificate and key, or {@code null} to serve plain HTTP
 */
public record DonjonConfig(
        Path dataDir,
        Listen listen,
        String publicUrl,
        Tls tls,
        boolean behindTlsProxy,
        Database database,
        MasterKey masterKey,
        Auth auth,
        Limits limits) {

    public record Listen(String host, int port) {
    }

    public record Tls(Path certificate, Path privateKey) {
    }

    /** @param url a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL */
    public record Database(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                    + ", poolSize=" + poolSize + "]";
        }
    }

    /** @param file the software master key file; the environment variable DONJON_MASTER_KEY takes precedence */
    public record MasterKey(Path file) {
    }

    /** Which authenticators run. Trusted headers are never on unless configured. */
    public record Auth(boolean apiTokens, boolean trustedHeaders) {
    }

    /**
     * @param maxSecretBytes  the largest payload accepted (Barbican's {@code max_allowed_secret_in_bytes})
     * @param maxRequestBytes the largest request body accepted; larger bodies get 413
     */
    public record Limits(int maxSecretBytes, int maxRequestBytes) {
        public static final Limits BARBICAN = new Limits(20_000, 25_000);
    }

    /** The base URL links are built from. */
    public String effectivePublicUrl(int boundPort) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl;
        }
        String host = listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        return (tls == null ? "http" : "https") + "://" + host + ":" + boundPort;
    }
}
