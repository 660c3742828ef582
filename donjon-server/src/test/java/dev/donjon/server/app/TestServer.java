package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A real Donjon server for tests: HTTPS and KMIP on ephemeral loopback ports, dev PKI and master key in
 * {@code dataDir}, the database the test chooses, API tokens and trusted headers both enabled.
 */
public final class TestServer implements AutoCloseable {
    private final DonjonServer server;
    private final Path dataDir;

    private TestServer(DonjonServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** @param databaseUrl a JDBC URL, or {@code null} for SQLite in {@code dataDir} */
    public static TestServer start(Path dataDir, String databaseUrl, String databaseUser) {
        return start(dataDir, databaseUrl, databaseUser, false);
    }

    /**
     * As {@code donjon server --dev --http}: plain HTTP, for peer suites that cannot be pointed at a private CA.
     *
     * @param databaseUrl a JDBC URL, or {@code null} for SQLite in {@code dataDir}
     */
    public static TestServer startPlainHttp(Path dataDir, String databaseUrl, String databaseUser) {
        return start(dataDir, databaseUrl, databaseUser, true);
    }

    /** As {@link #startPlainHttp(Path, String, String)}, with the authenticators {@code auth} makes of dev's. */
    public static TestServer startPlainHttp(Path dataDir, String databaseUrl, String databaseUser,
                                            UnaryOperator<DonjonConfig.Auth> auth) {
        return start(dataDir, databaseUrl, databaseUser, true, auth);
    }

    private static TestServer start(Path dataDir, String databaseUrl, String databaseUser, boolean plainHttp) {
        return start(dataDir, databaseUrl, databaseUser, plainHttp, UnaryOperator.identity());
    }

    private static TestServer start(Path dataDir, String databaseUrl, String databaseUser, boolean plainHttp,
                                    UnaryOperator<DonjonConfig.Auth> auth) {
        DonjonConfig dev = DevMode.config(dataDir, plainHttp, 0);
        DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                dev.behindTlsProxy(), databaseUrl == null ? dev.database()
                : new DonjonConfig.Database(databaseUrl, databaseUser, null, 8), dev.masterKey(),
                auth.apply(dev.auth()), dev.limits(), dev.kmip());
        return new TestServer(DonjonServer.start(config), dataDir);
    }

    public static TestServer sqlite(Path dataDir) {
        return start(dataDir, null, null);
    }

    /** On SQLite over HTTPS, with the dev configuration changed by {@code adjust} (e.g. another policy setting). */
    public static TestServer sqlite(Path dataDir, UnaryOperator<DonjonConfig> adjust) {
        return new TestServer(DonjonServer.start(adjust.apply(DevMode.config(dataDir, false, 0))), dataDir);
    }

    /** e.g. {@code https://127.0.0.1:40123}, without a trailing slash */
    public String baseUrl() {
        return server.publicUrl();
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public int kmipPort() {
        return server.kmipPort();
    }

    /** A client context presenting the dev KMIP client's certificate: admin of the dev project. */
    public SSLContext kmipClientTls() {
        return TlsContexts.client(caCertificate(), dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                dataDir.resolve(DevMode.KMIP_CLIENT_KEY));
    }

    public Path caCertificate() {
        return dataDir.resolve(DevPki.CA_CERTIFICATE);
    }

    /** A client context that trusts this server's dev CA. */
    public SSLContext clientTls() {
        return TlsContexts.client(caCertificate());
    }

    /** Issues an API token (the {@code X-Auth-Token} value) for {@code project} with {@code roles}. */
    public String token(String project, Role... roles) {
        return server.tokens().issue(new ProjectId(project), Set.of(roles), "user-" + project, "test").token();
    }

    public DonjonServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
