package dev.donjon.server.replication;

import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.ReplicatingServerProcess;
import dev.donjon.server.app.ReplicatingServerProcess.Site;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeding a push peer configured after the owner has objects (docs/replication.md): two Donjon servers as separate
 * processes, each with its own SQLite. site-a creates 700 keys with no push peer; it is restarted with site-b as a push
 * peer (site-b still down, so the seed waits), site-b starts, and site-a sends it every key it owns in pages. site-a is
 * killed with SIGKILL part-way (site-b holds some of the keys, site-a's database records how far the seed got and no
 * cursor yet), restarted, and writes go on while the seed resumes: site-b ends with every key, with its material,
 * without {@code donjon replication sync}, and site-a then follows the log with a cursor for site-b.
 */
class ReplicationSeedTest {
    private static final Duration CONVERGE = Duration.ofSeconds(180);
    private static final int KEYS = 700;
    @TempDir
    Path directory;
    private ReplicatingServerProcess a;
    private ReplicatingServerProcess b;

    @AfterEach
    void stop() throws Exception {
        for (ReplicatingServerProcess server : new ReplicatingServerProcess[]{a, b}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aPeerAddedAfterObjectsExistIsSeededAndARestartMidSeedResumes() throws Exception {
        Path keys = directory.resolve("keys");
        int port = Integer.getInteger("donjon.replication.seed.port", 21150);
        Site siteA = new Site("site-a", directory.resolve("a"), port);
        Site siteB = new Site("site-b", directory.resolve("b"), port + 1);
        ReplicatingServerProcess.prepare(keys, List.of(siteA, siteB));

        a = ReplicatingServerProcess.start(siteA, keys, List.of());
        Map<String, String> acknowledged = new LinkedHashMap<>();
        create(siteA, acknowledged, KEYS);
        a.close();

        // site-a now pushes to site-b, which is not up yet: the seed begins and waits for it.
        a = ReplicatingServerProcess.start(siteA, keys, List.of(siteB));
        b = ReplicatingServerProcess.start(siteB, keys, List.of(siteA));
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        int held = 0;
        // Counted in site-b's database (its own reads, not KMIP): cheap enough to catch the seed part-way.
        while (System.nanoTime() < deadline) {
            try (Connection db = sqlite(siteB); ResultSet rows = db.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM replication_applied WHERE origin = 'site-a'")) {
                held = rows.next() ? rows.getInt(1) : 0;
            } catch (SQLException e) {
                held = 0; // not migrated yet
            }
            if (held >= 300) {
                break;
            }
            Thread.sleep(10);
        }
        a.kill();
        assertThat(held).as("keys at site-b when site-a was killed").isBetween(300, KEYS - 1);
        try (Connection db = sqlite(siteA)) {
            assertThat(seedPosition(db)).as("site-a's stored seed position").isPresent().get().asString()
                    .isNotEmpty();
            assertThat(hasCursor(db)).isFalse();
        }

        a = ReplicatingServerProcess.start(siteA, keys, List.of(siteB));
        create(siteA, acknowledged, 20);
        awaitAt(siteB, acknowledged);
        try (Connection db = sqlite(siteA)) {
            assertThat(seedPosition(db)).isEmpty();
            assertThat(hasCursor(db)).isTrue();
        }
    }

    private static Connection sqlite(Site site) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + site.dataDir().resolve("donjon.db"));
    }

    private static Optional<String> seedPosition(Connection db) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(
                "SELECT after_id FROM replication_seeds WHERE peer = 'site-b'")) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    private static boolean hasCursor(Connection db) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(
                "SELECT 1 FROM replication_cursors WHERE peer = 'site-b'")) {
            return rows.next();
        }
    }

    private static void create(Site site, Map<String, String> acknowledged, int count)
            throws IOException, KmipOperationException {
        try (KmipClient owner = kmip(site)) {
            for (int i = 0; i < count; i++) {
                String id = owner.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
                acknowledged.put(id, material(owner, id));
            }
        }
    }

    /** How many of the acknowledged keys {@code site} holds with the owner's material. */
    private static int countAt(Site site, Map<String, String> acknowledged) throws IOException {
        int held = 0;
        try (KmipClient replica = kmip(site)) {
            for (Map.Entry<String, String> key : acknowledged.entrySet()) {
                if (key.getValue().equals(material(replica, key.getKey()))) {
                    held++;
                }
            }
        } catch (KmipOperationException e) {
            throw new IOException(e);
        }
        return held;
    }

    private static void awaitAt(Site site, Map<String, String> acknowledged) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        int held = 0;
        while (System.nanoTime() < deadline) {
            held = countAt(site, acknowledged);
            if (held == acknowledged.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(site.name() + " holds " + held + " of " + acknowledged.size() + " keys after "
                + CONVERGE);
    }

    private static String material(KmipClient client, String id) throws IOException, KmipOperationException {
        try {
            return HexFormat.of().formatHex(TtlvBinary.encode(client.get(id).managedObject()));
        } catch (KmipOperationException e) {
            return "missing: " + e.getMessage();
        }
    }

    private static KmipClient kmip(Site site) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, site.kmipPort(),
                        TlsContexts.client(site.dataDir().resolve(DevPki.CA_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_KEY)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }
}
