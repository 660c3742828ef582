package dev.donjon.server.replication;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.replication.InProcessReplicationSites.TillSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.donjon.server.replication.InProcessReplicationSites.create;
import static dev.donjon.server.replication.InProcessReplicationSites.group;
import static dev.donjon.server.replication.InProcessReplicationSites.kmip;
import static dev.donjon.server.replication.InProcessReplicationSites.material;
import static dev.donjon.server.replication.InProcessReplicationSites.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica catching up applies a batch's upserts a group per transaction (LockboxService.applyBatch,
 * docs/replication.md): two Donjon servers, each with its own SQLite and KMIP listener, site-a pushing the keys of
 * Object Group "tills" to site-b. While site-b is down, site-a writes 60 keys and, between them, moves into the group a
 * key whose identifier site-b holds as a local object of its own. Back up, site-b receives all of it in one batch: the
 * 60 keys arrive with their material, the clash is refused and reported on its own (site-b's own key stays as it was,
 * site-a counts one refused change), and the whole catch-up took far fewer commits than changes.
 */
class ReplicationBatchApplyTest {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final int KEYS = 60;
    @TempDir
    Path directory;

    @Test
    void aCatchUpBatchCommitsInGroupsAndAClashInsideAGroupRefusesOnlyItself() throws Exception {
        try (TillSites sites = new TillSites(directory, Integer.getInteger("donjon.replication.batch.port", 21190))) {
            catchUp(sites);
        }
    }

    private static void catchUp(TillSites sites) throws Exception {
        Path a = sites.a;
        Path b = sites.b;
        int port = sites.portA;
        sites.startB();
        sites.startA();
        Map<String, String> tills = new LinkedHashMap<>();
        String clash;
        String local;
        try (KmipClient owner = kmip(a, port)) {
            clash = create(owner);
            // site-b's own key under the same identifier, with other material: a replica cannot replace it.
            try (KmipClient edge = kmip(b, port + 1)) {
                edge.call(new RequestPayload.Import(clash, ObjectType.SYMMETRIC_KEY, Optional.empty(),
                        Optional.empty(), Attributes.symmetricKey(CryptographicAlgorithm.AES, 256),
                        aesKey(new byte[32])), ResponsePayload.Import.class);
                local = material(edge, clash);
            }
            sites.stopB();
            for (int i = 0; i < KEYS; i++) {
                if (i == KEYS / 3) {
                    group(owner, clash, "tills");
                }
                String id = create(owner);
                group(owner, id, "tills");
                tills.put(id, material(owner, id));
            }
        }
        assertThat(materialAt(a, port, clash)).isNotEqualTo(local);

        DonjonServer serverB = sites.startB();
        // Converged, read from the databases (a KMIP Get at site-b would be audited: a commit of its own).
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while ((scalar(b, "SELECT count(*) FROM replication_applied WHERE origin = 'site-a'") < KEYS
                || scalar(a, "SELECT refused FROM replication_cursors WHERE peer = 'site-b'") == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // Every commit site-b made since it came back, its own start-up's included: one per change would be 61 or more.
        double commits = commits(b, serverB);
        assertThat(scalar(a, "SELECT refused FROM replication_cursors WHERE peer = 'site-b'"))
                .as("changes site-b refused").isEqualTo(1);
        assertThat(scalar(b, "SELECT count(*) FROM audit_events WHERE detail LIKE '%replication change % from site-a"
                + " refused%' AND object_id = '" + clash + "'")).as("site-b's audit of the refusal").isEqualTo(1);
        try (KmipClient edge = kmip(b, port + 1)) {
            for (Map.Entry<String, String> till : tills.entrySet()) {
                assertThat(material(edge, till.getKey())).as("%s at site-b", till.getKey()).isEqualTo(till.getValue());
            }
            assertThat(material(edge, clash)).as("site-b's own key under the clashing identifier").isEqualTo(local);
        }
        assertThat(commits).as("site-b's commits for %d changes", KEYS + 1).isLessThan(KEYS / 2.0);
    }

    /** The server's count of SQLite commits since it started, from its /metrics. */
    private static double commits(Path site, DonjonServer server) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TlsContexts.client(site.resolve(DevPki.CA_CERTIFICATE)))
                .build();
        URI scrape = URI.create("https://" + DevMode.HOST + ":" + server.port() + "/metrics");
        String metrics = client.send(HttpRequest.newBuilder(scrape).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher commits = Pattern.compile("(?m)^donjon_store_commits_total (\\S+)$").matcher(metrics);
        assertThat(commits.find()).as("donjon_store_commits_total in /metrics").isTrue();
        return Double.parseDouble(commits.group(1));
    }

    private static Structure aesKey(byte[] material) {
        return new Structure(Tag.SYMMETRIC_KEY, new Structure(Tag.KEY_BLOCK,
                new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW),
                new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material)),
                new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, material.length * 8)));
    }

    private static String materialAt(Path site, int port, String id) throws IOException {
        try (KmipClient client = kmip(site, port)) {
            return material(client, id);
        }
    }
}
