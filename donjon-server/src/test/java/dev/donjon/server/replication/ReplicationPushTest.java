package dev.donjon.server.replication;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.ReplicatingServerProcess;
import dev.donjon.server.app.ReplicatingServerProcess.Site;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-to-server replication with three Donjon servers as separate processes, each with its own SQLite database and
 * each the others' push peer (docs/replication.md): site-a owns what it creates and pushes every change over KMIP
 * mutual TLS to site-b and site-c. A replica killed with SIGKILL while changes are pushed, the owner killed right after
 * acknowledging writes, and a replica cut off (SIGSTOP: its port accepts, nothing answers) while writes go on: each time
 * the replicas converge, and every key site-a acknowledged is at both, with its material and attributes. Destroy and
 * attribute deletion reach the replicas; promotion tells the old owner, which then follows the new one.
 */
class ReplicationPushTest {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    @TempDir
    static Path directory;
    static Path keys;
    static Site siteA;
    static Site siteB;
    static Site siteC;
    static ReplicatingServerProcess a;
    static ReplicatingServerProcess b;
    static ReplicatingServerProcess c;

    @BeforeAll
    static void start() throws Exception {
        keys = directory.resolve("keys");
        // Fixed KMIP ports, so that a restarted site is found again; -Ddonjon.replication.test.port moves them.
        int port = Integer.getInteger("donjon.replication.test.port", 27101);
        siteA = new Site("site-a", directory.resolve("a"), port);
        siteB = new Site("site-b", directory.resolve("b"), port + 1);
        siteC = new Site("site-c", directory.resolve("c"), port + 2);
        ReplicatingServerProcess.prepare(keys, List.of(siteA, siteB, siteC));
        a = start(siteA);
        b = start(siteB);
        c = start(siteC);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ReplicatingServerProcess server : new ReplicatingServerProcess[]{a, b, c}) {
            if (server != null) {
                resume(server);
                server.close();
            }
        }
    }

    private static ReplicatingServerProcess start(Site site) throws Exception {
        List<Site> peers = new ArrayList<>(List.of(siteA, siteB, siteC));
        peers.remove(site);
        return ReplicatingServerProcess.start(site, keys, peers);
    }

    @Test
    void replicasConvergeAfterKillsOfEitherSide() throws Exception {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        create(acknowledged, 10);
        String grouped = acknowledged.keySet().iterator().next();
        try (KmipClient owner = kmip(siteA)) {
            owner.call(new RequestPayload.AddAttribute(Optional.of(grouped), group("first")),
                    ResponsePayload.AddAttribute.class);
            owner.call(new RequestPayload.AddAttribute(Optional.of(grouped), group("second")),
                    ResponsePayload.AddAttribute.class);
            owner.activate(grouped);
        }
        awaitReplicated(acknowledged);
        assertThat(groups(siteB, grouped)).containsExactly("first", "second");

        // A replica dies while changes are being pushed to it.
        Thread writer = new Thread(() -> create(acknowledged, 20));
        writer.start();
        Thread.sleep(300);
        b.kill();
        writer.join();
        b = start(siteB);
        awaitReplicated(acknowledged);

        // The owner dies right after acknowledging writes, before it could push them all.
        create(acknowledged, 10);
        a.kill();
        a = start(siteA);
        awaitReplicated(acknowledged);

        // A replica is read-only; the refusal names the owner.
        try (KmipClient replica = kmip(siteB)) {
            assertThatThrownBy(() -> replica.destroy(grouped)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("owned by 'site-a'");
        }
    }

    @Test
    void aReplicaCutOffCatchesUpWithWhatWasWrittenMeanwhile() throws Exception {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        create(acknowledged, 3);
        awaitReplicated(acknowledged);
        pause(c);
        try {
            create(acknowledged, 15);
            awaitAt(siteB, acknowledged);
        } finally {
            resume(c);
        }
        awaitReplicated(acknowledged);
    }

    @Test
    void destroyAndAttributeDeletionReachTheReplicas() throws Exception {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        create(acknowledged, 2);
        List<String> ids = List.copyOf(acknowledged.keySet());
        String grouped = ids.get(0);
        String destroyed = ids.get(1);
        try (KmipClient owner = kmip(siteA)) {
            owner.call(new RequestPayload.AddAttribute(Optional.of(grouped), group("kept")),
                    ResponsePayload.AddAttribute.class);
            owner.call(new RequestPayload.AddAttribute(Optional.of(grouped), group("dropped")),
                    ResponsePayload.AddAttribute.class);
        }
        awaitReplicated(acknowledged);
        assertThat(groups(siteC, grouped)).containsExactly("kept", "dropped");

        try (KmipClient owner = kmip(siteA)) {
            owner.call(new RequestPayload.DeleteAttribute(Optional.of(grouped),
                    Optional.of(new AttributeName.Standard(Tag.OBJECT_GROUP)), Optional.of(1), Optional.empty()),
                    ResponsePayload.DeleteAttribute.class);
            owner.destroy(destroyed);
        }
        for (Site replica : List.of(siteB, siteC)) {
            await(() -> groups(replica, grouped).equals(List.of("kept"))
                    && state(replica, destroyed) == State.DESTROYED.code());
            try (KmipClient client = kmip(replica)) {
                assertThatThrownBy(() -> client.get(destroyed)).isInstanceOf(KmipOperationException.class);
            }
        }
    }

    @Test
    void promotionTellsTheOldOwnerWhichThenFollowsTheNewOne() throws Exception {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        create(acknowledged, 2);
        awaitReplicated(acknowledged);
        List<String> ids = List.copyOf(acknowledged.keySet());
        String moved = ids.get(0);

        HttpResponse<String> promoted = promote(b, moved, false);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.body()).contains("\"previous_owner\":\"site-a\"").contains("\"owner_told\":true");
        try (KmipClient oldOwner = kmip(siteA)) {
            assertThatThrownBy(() -> oldOwner.activate(moved)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("owned by 'site-b'");
        }
        try (KmipClient newOwner = kmip(siteB)) {
            newOwner.call(new RequestPayload.AddAttribute(Optional.of(moved), group("from-b")),
                    ResponsePayload.AddAttribute.class);
        }
        for (Site follower : List.of(siteA, siteC)) {
            await(() -> groups(follower, moved).equals(List.of("from-b")));
        }
        try (KmipClient replica = kmip(siteC)) {
            assertThatThrownBy(() -> replica.activate(moved)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("owned by 'site-b'");
        }

        // An owner that cannot be reached is not overruled unless forced; once back, it follows the new owner.
        String forced = ids.get(1);
        a.kill();
        try {
            HttpResponse<String> refused = promote(c, forced, false);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("'site-a' cannot be reached");
            HttpResponse<String> done = promote(c, forced, true);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).contains("\"owner_told\":false");
        } finally {
            a = start(siteA);
        }
        try (KmipClient newOwner = kmip(siteC)) {
            newOwner.call(new RequestPayload.AddAttribute(Optional.of(forced), group("from-c")),
                    ResponsePayload.AddAttribute.class);
        }
        await(() -> groups(siteA, forced).equals(List.of("from-c")) && groups(siteB, forced).equals(List.of("from-c")));
        try (KmipClient oldOwner = kmip(siteA)) {
            assertThatThrownBy(() -> oldOwner.activate(forced)).isInstanceOf(KmipOperationException.class)
                    .hasMessageContaining("owned by 'site-c'");
        }
    }

    /** Creates {@code count} AES keys at site-a, recording each one site-a acknowledged with its material. */
    private static void create(Map<String, String> acknowledged, int count) {
        try (KmipClient owner = kmip(siteA)) {
            for (int i = 0; i < count; i++) {
                String id = owner.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
                synchronized (acknowledged) {
                    acknowledged.put(id, material(owner, id));
                }
            }
        } catch (IOException | KmipOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReplicated(Map<String, String> acknowledged) throws Exception {
        awaitAt(siteB, acknowledged);
        awaitAt(siteC, acknowledged);
    }

    /** Until every acknowledged key is at {@code site} with the owner's material. */
    private static void awaitAt(Site site, Map<String, String> acknowledged) throws Exception {
        Map<String, String> expected;
        synchronized (acknowledged) {
            expected = new LinkedHashMap<>(acknowledged);
        }
        await(() -> {
            try (KmipClient replica = kmip(site)) {
                for (Map.Entry<String, String> key : expected.entrySet()) {
                    if (!key.getValue().equals(material(replica, key.getKey()))) {
                        return false;
                    }
                }
                return true;
            }
        });
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException | KmipOperationException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replicas did not converge within " + CONVERGE, last);
    }

    private static String material(KmipClient client, String id) throws IOException, KmipOperationException {
        try {
            return HexFormat.of().formatHex(TtlvBinary.encode(client.get(id).managedObject()));
        } catch (KmipOperationException e) {
            return "missing: " + e.getMessage();
        }
    }

    private static Attribute group(String value) {
        return new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, value));
    }

    private static List<String> groups(Site site, String id) throws IOException, KmipOperationException {
        try (KmipClient client = kmip(site)) {
            return client.call(new RequestPayload.GetAttributes(Optional.of(id),
                            List.of(new AttributeName.Standard(Tag.OBJECT_GROUP))), ResponsePayload.GetAttributes.class)
                    .attributes().all(Tag.OBJECT_GROUP).stream().map(t -> ((Ttlv.TextItem) t).value()).toList();
        }
    }

    private static int state(Site site, String id) throws IOException, KmipOperationException {
        try (KmipClient client = kmip(site)) {
            return client.call(new RequestPayload.GetAttributes(Optional.of(id),
                            List.of(new AttributeName.Standard(Tag.STATE))), ResponsePayload.GetAttributes.class)
                    .attributes().first(Tag.STATE).map(t -> ((Ttlv.EnumerationItem) t).value()).orElse(-1);
        }
    }

    private static KmipClient kmip(Site site) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, site.kmipPort(),
                        TlsContexts.client(site.dataDir().resolve(DevPki.CA_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                site.dataDir().resolve(DevMode.KMIP_CLIENT_KEY)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    private static HttpResponse<String> promote(ReplicatingServerProcess server, String id, boolean force)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TlsContexts.client(server.dataDir().resolve(DevPki.CA_CERTIFICATE))).build();
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets/" + id + "/promote"
                        + (force ? "?force=true" : "")))
                .header("X-Auth-Token", server.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGSTOP: the process holds its port, accepts connections and answers nothing, as behind a partition. */
    private static void pause(ReplicatingServerProcess server) throws Exception {
        signal(server, "-STOP");
    }

    private static void resume(ReplicatingServerProcess server) throws Exception {
        signal(server, "-CONT");
    }

    private static void signal(ReplicatingServerProcess server, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
