package dev.donjon.server.replication;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.crypto.TlsContexts;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Replicating Donjon servers in the test's own JVM, each a dev server (its own SQLite and PKI) with a KMIP listener on
 * a fixed port and a lockbox identity: the configuration, and what the tests do to and read from such a site.
 */
final class InProcessReplicationSites {
    private InProcessReplicationSites() {
    }

    /**
     * Makes the dev PKI of site-a (on {@code a}) and site-b (on {@code b}) and their lockbox key pairs in {@code keys};
     * returns site-a's push to site-b, its KMIP on {@code portB}, subscribed to Object Group "tills".
     */
    private static DonjonConfig.ReplicationPush prepareTills(Path keys, Path a, Path b, int portB) {
        for (String site : List.of("site-a", "site-b")) {
            DevMode.config(site.equals("site-a") ? a : b, false, 0);
            LockboxKeys.make(keys, site + "-sign", "EC");
            LockboxKeys.make(keys, site + "-enc", "EC");
        }
        return new DonjonConfig.ReplicationPush(DevMode.HOST, portB, b.resolve(DevPki.CA_CERTIFICATE),
                b.resolve(DevMode.KMIP_CLIENT_CERTIFICATE), b.resolve(DevMode.KMIP_CLIENT_KEY), List.of(),
                List.of("tills"));
    }

    /**
     * site-a owning what it creates (KMIP on {@code port}) and pushing Object Group "tills" to site-b (KMIP on
     * {@code port + 1}), each on its own directory under the test's; the servers this started are stopped on close.
     */
    static final class TillSites implements AutoCloseable {
        final Path keys;
        final Path a;
        final Path b;
        final int portA;
        final int portB;
        private final DonjonConfig configA;
        private final DonjonConfig configB;
        private final List<DonjonServer> running = new ArrayList<>();
        private DonjonServer siteB;

        TillSites(Path directory, int port) {
            keys = directory.resolve("keys");
            a = directory.resolve("a");
            b = directory.resolve("b");
            portA = port;
            portB = port + 1;
            DonjonConfig.ReplicationPush toB = prepareTills(keys, a, b, portB);
            configA = config(a, "site-a", portA, keys, new DonjonConfig.LockboxPeer("site-b",
                    keys.resolve("site-b-sign.pem"), keys.resolve("site-b-enc.pem"), null, null, false, toB));
            configB = config(b, "site-b", portB, keys, new DonjonConfig.LockboxPeer("site-a",
                    keys.resolve("site-a-sign.pem"), keys.resolve("site-a-enc.pem")));
        }

        void startA() {
            running.add(DonjonServer.start(configA));
        }

        /** Starts site-b, or starts it again after {@link #stopB()}. */
        DonjonServer startB() {
            siteB = DonjonServer.start(configB);
            running.add(siteB);
            return siteB;
        }

        void stopB() {
            running.remove(siteB);
            siteB.close();
        }

        @Override
        public void close() {
            running.forEach(DonjonServer::close);
        }
    }

    /** A dev server on {@code dataDir} named {@code name}, KMIP on {@code kmipPort}, with one lockbox peer. */
    private static DonjonConfig config(Path dataDir, String name, int kmipPort, Path keys, DonjonConfig.LockboxPeer peer) {
        DonjonConfig dev = DevMode.config(dataDir, false, 0);
        DonjonConfig.Kmip kmip = dev.kmip();
        return new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(), dev.behindTlsProxy(),
                dev.database(), dev.masterKey(), dev.auth(), dev.limits(),
                new DonjonConfig.Kmip(true, new DonjonConfig.Listen(DevMode.HOST, kmipPort), kmip.certificate(),
                        kmip.privateKey(), kmip.clientCas(), kmip.identities(), kmip.maxMessageBytes(),
                        kmip.idleTimeout(), kmip.leaseTime()),
                dev.jobs(), new DonjonConfig.Lockbox(name, keys.resolve(name + "-sign-key.pem"),
                keys.resolve(name + "-enc-key.pem"), Duration.ofMinutes(5), List.of(peer)), dev.kmipStore(),
                dev.notifications());
    }

    /** Creates an AES-256 key; its identifier. */
    static String create(KmipClient owner) throws IOException, KmipOperationException {
        return owner.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
    }

    /** Adds Object Group {@code group} to the object. */
    static void group(KmipClient owner, String id, String group) throws IOException, KmipOperationException {
        owner.call(new RequestPayload.AddAttribute(Optional.of(id),
                        new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, group))),
                ResponsePayload.AddAttribute.class);
    }

    /** The first column of the first row of {@code query} on the site's database, 0 when there is no row. */
    static long scalar(Path site, String query) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + site.resolve("donjon.db"));
             ResultSet rows = db.createStatement().executeQuery(query)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** The object's managed object as hex TTLV, or "missing: " and why the Get failed. */
    static String material(KmipClient client, String id) throws IOException {
        try {
            return HexFormat.of().formatHex(TtlvBinary.encode(client.get(id).managedObject()));
        } catch (KmipOperationException e) {
            return "missing: " + e.getMessage();
        }
    }

    /** A KMIP client of the site, with its dev KMIP client certificate. */
    static KmipClient kmip(Path site, int port) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, port,
                        TlsContexts.client(site.resolve(DevPki.CA_CERTIFICATE),
                                site.resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                site.resolve(DevMode.KMIP_CLIENT_KEY)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }
}
