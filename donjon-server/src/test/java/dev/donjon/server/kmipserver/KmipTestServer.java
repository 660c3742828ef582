package dev.donjon.server.kmipserver;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Donjon server in dev mode with KMIP on an ephemeral loopback port, plus a second client identity ("other", in
 * project "other") to prove project isolation, and a certificate from the same CA that maps to nobody.
 */
final class KmipTestServer implements AutoCloseable {
    static final String OTHER_CN = "kmip-test-other";
    static final String UNMAPPED_CN = "kmip-test-unmapped";

    private final DonjonServer server;
    private final Path dataDir;

    private KmipTestServer(DonjonServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static KmipTestServer start(Path dataDir, int maxMessageBytes) {
        return start(dataDir, maxMessageBytes, java.time.Duration.ofSeconds(30));
    }

    static KmipTestServer start(Path dataDir, int maxMessageBytes, java.time.Duration idleTimeout) {
        return start(dataDir, maxMessageBytes, idleTimeout, DevMode.config(dataDir, false, 0).database());
    }

    /** On the given database (the dev configuration's is SQLite in the data directory). */
    static KmipTestServer start(Path dataDir, String databaseUrl, String databaseUser) {
        return start(dataDir, 64 * 1024, java.time.Duration.ofSeconds(30),
                new DonjonConfig.Database(databaseUrl, databaseUser, null, 8));
    }

    private static KmipTestServer start(Path dataDir, int maxMessageBytes, java.time.Duration idleTimeout,
                                        DonjonConfig.Database database) {
        DonjonConfig dev = DevMode.config(dataDir, false, 0);
        DevPki.issueClient(dataDir, OTHER_CN, dataDir.resolve("other.pem"), dataDir.resolve("other-key.pem"));
        DevPki.issueClient(dataDir, UNMAPPED_CN, dataDir.resolve("unmapped.pem"), dataDir.resolve("unmapped-key.pem"));
        DonjonConfig.Kmip kmip = dev.kmip();
        List<DonjonConfig.KmipIdentity> identities = new ArrayList<>(kmip.identities());
        identities.add(new DonjonConfig.KmipIdentity(OTHER_CN, "other", List.of("admin")));
        DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                dev.behindTlsProxy(), database, dev.masterKey(), dev.auth(), dev.limits(),
                new DonjonConfig.Kmip(true, kmip.listen(), kmip.certificate(), kmip.privateKey(), kmip.clientCas(),
                        identities, maxMessageBytes, idleTimeout));
        return new KmipTestServer(DonjonServer.start(config), dataDir);
    }

    /** The newest audit events, newest last. */
    java.util.List<dev.donjon.server.domain.audit.AuditEvent> audit(int count) {
        return server.store().read(tx -> tx.audit().tail(count));
    }

    /** The server's store, for a test that runs a lifecycle job at a time of its choosing. */
    dev.donjon.server.domain.port.Store store() {
        return server.store();
    }

    int kmipPort() {
        return server.kmipPort();
    }

    String restUrl() {
        return server.publicUrl();
    }

    Path restTlsCa() {
        return dataDir.resolve(DevPki.CA_CERTIFICATE);
    }

    SSLContext restTls() {
        return TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE));
    }

    /** A TLS client context presenting the dev admin certificate. */
    SSLContext devClient() {
        return client(DevMode.KMIP_CLIENT_CERTIFICATE, DevMode.KMIP_CLIENT_KEY);
    }

    SSLContext otherClient() {
        return client("other.pem", "other-key.pem");
    }

    SSLContext unmappedClient() {
        return client("unmapped.pem", "unmapped-key.pem");
    }

    /** Trusts the dev CA but presents no certificate. */
    SSLContext anonymousClient() {
        return TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE));
    }

    private SSLContext client(String certificate, String key) {
        return TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE), dataDir.resolve(certificate),
                dataDir.resolve(key));
    }

    @Override
    public void close() {
        server.close();
    }
}
