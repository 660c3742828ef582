package dev.donjon.server.replication;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.NetworkNamespaces;
import dev.donjon.server.app.ReplicatingServerProcess;
import dev.donjon.server.app.ReplicatingServerProcess.Site;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication across a real network partition: three Donjon servers as three hosts (each its own network namespace,
 * address and SQLite database; {@link NetworkNamespaces}), site-a owning what it creates and pushing every change to
 * site-b and site-c over KMIP mutual TLS on their own addresses. site-c is cut off (nftables drops every packet on its
 * interface: the owner's connections to it go silent, as in a failed link, rather than being refused) while site-a
 * goes on writing: creates, attribute additions and a deletion, an activation, destroys. site-b must keep up
 * meanwhile, site-c must not see any of it; after the partition heals site-c must hold exactly what site-a holds
 * (nothing missing, nothing extra, same state, attributes and material). How long site-b took to see each write
 * before and during the partition is measured and printed (a timed assertion would fail on a loaded machine).
 */
class ReplicationPartitionNetnsTest {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    /** Longer than the sender's connect (3 s) and read (10 s) timeouts: the owner hits both while site-c is away. */
    private static final Duration PARTITION = Duration.ofSeconds(20);
    private static final int KMIP_PORT = 5696;

    @TempDir
    static Path directory;
    static NetworkNamespaces hosts;
    static Site siteA;
    static Site siteB;
    static Site siteC;
    static ReplicatingServerProcess a;
    static ReplicatingServerProcess b;
    static ReplicatingServerProcess c;

    @BeforeAll
    static void start() throws Exception {
        hosts = NetworkNamespaces.create("a", "b", "c");
        try {
            siteA = site("site-a", "a");
            siteB = site("site-b", "b");
            siteC = site("site-c", "c");
            Path keys = directory.resolve("keys");
            ReplicatingServerProcess.prepare(keys, List.of(siteA, siteB, siteC));
            // Started together: each start is mostly waiting for a JVM to warm up.
            try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<ReplicatingServerProcess> startA = starts.submit(() ->
                        ReplicatingServerProcess.start(siteA, keys, List.of(siteB, siteC)));
                Future<ReplicatingServerProcess> startB = starts.submit(() ->
                        ReplicatingServerProcess.start(siteB, keys, List.of(siteA, siteC)));
                Future<ReplicatingServerProcess> startC = starts.submit(() ->
                        ReplicatingServerProcess.start(siteC, keys, List.of(siteA, siteB)));
                a = started(startA);
                b = started(startB);
                c = started(startC);
            }
            assertThat(List.of(a, b, c)).as("all three servers started").doesNotContainNull();
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    /** The started server, or {@code null} (the failure printed) so that the others are still closed. */
    private static ReplicatingServerProcess started(Future<ReplicatingServerProcess> start) throws InterruptedException {
        try {
            return start.get();
        } catch (ExecutionException e) {
            e.getCause().printStackTrace();
            return null;
        }
    }

    private static Site site(String name, String host) {
        return new Site(name, directory.resolve(host), hosts.address(host), KMIP_PORT, hosts.namespace(host));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ReplicatingServerProcess server : new ReplicatingServerProcess[]{a, b, c}) {
                if (server != null) {
                    server.close();
                }
            }
        } finally {
            if (hosts != null) {
                hosts.close();
            }
        }
    }

    @Test
    void aPartitionedReplicaConvergesWithNothingMissingAndNothingExtra() throws Exception {
        List<String> before = new ArrayList<>();
        List<Long> lagBefore = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(createAndTimeAt(b, lagBefore));
        }
        awaitSame(c);

        hosts.partition("c");
        long partitioned = System.nanoTime();
        List<String> during = new ArrayList<>();
        List<Long> lagDuring = new ArrayList<>();
        try (KmipClient owner = kmip(a)) {
            // Changes to objects site-c holds, and objects it never saw, one of them destroyed before it could.
            owner.call(new RequestPayload.AddAttribute(Optional.of(before.get(0)), group("during-1")),
                    ResponsePayload.AddAttribute.class);
            owner.call(new RequestPayload.AddAttribute(Optional.of(before.get(0)), group("during-2")),
                    ResponsePayload.AddAttribute.class);
            owner.call(new RequestPayload.AddAttribute(Optional.of(before.get(1)), group("dropped")),
                    ResponsePayload.AddAttribute.class);
            owner.call(new RequestPayload.DeleteAttribute(Optional.of(before.get(1)),
                            Optional.of(new AttributeName.Standard(Tag.OBJECT_GROUP)), Optional.of(0), Optional.empty()),
                    ResponsePayload.DeleteAttribute.class);
            owner.activate(before.get(2));
            owner.destroy(before.get(3));
        }
        while (System.nanoTime() - partitioned < PARTITION.toNanos() || during.size() < 4) {
            during.add(createAndTimeAt(b, lagDuring));
        }
        try (KmipClient owner = kmip(a)) {
            owner.activate(during.get(0));
            owner.destroy(during.get(1));
        }
        awaitSame(b);
        Map<String, String> atC = snapshot(c);
        assertThat(atC.keySet()).as("site-c saw nothing of what was written while it was cut off")
                .doesNotContainAnyElementsOf(during);
        assertThat(atC.get(before.get(3))).as("site-c still holds the key destroyed meanwhile").doesNotContain("state 6");

        hosts.heal("c");
        long healed = System.nanoTime();
        awaitSame(c);
        long catchUp = System.nanoTime() - healed;

        assertThat(snapshot(c)).as("site-c holds exactly what site-a holds").isEqualTo(snapshot(a));
        assertThat(snapshot(b)).as("site-b holds exactly what site-a holds").isEqualTo(snapshot(a));
        System.out.printf("netns partition: site-b lag per write before %s ms, during site-c's partition %s ms "
                        + "(%d writes in %d s); site-c caught up in %d ms after the partition healed%n",
                summary(lagBefore), summary(lagDuring), during.size(),
                (healed - partitioned) / 1_000_000_000, catchUp / 1_000_000);
    }

    /** Creates a key at site-a and waits until {@code replica} serves it, recording how long that took. */
    private static String createAndTimeAt(ReplicatingServerProcess replica, List<Long> lags) throws Exception {
        String id;
        String material;
        try (KmipClient owner = kmip(a)) {
            id = owner.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.empty(),
                    CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
            material = material(owner, id);
        }
        long acknowledged = System.nanoTime();
        try (KmipClient client = kmip(replica)) {
            long deadline = acknowledged + CONVERGE.toNanos();
            while (!material.equals(material(client, id))) {
                assertThat(System.nanoTime()).as(id + " reaches " + replica.dataDir()).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        lags.add((System.nanoTime() - acknowledged) / 1_000_000);
        return id;
    }

    private static String summary(List<Long> lags) {
        List<Long> sorted = lags.stream().sorted().toList();
        return "p50 " + sorted.get(sorted.size() / 2) + " max " + sorted.getLast() + " " + lags;
    }

    /** Until {@code replica} holds what site-a holds. */
    private static void awaitSame(ReplicatingServerProcess replica) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Map<String, String> expected = snapshot(a);
        Map<String, String> actual = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                actual = snapshot(replica);
                if (actual.equals(expected)) {
                    return;
                }
            } catch (IOException e) {
                // The replica's answer did not come in time: ask again.
            }
            Thread.sleep(200);
        }
        assertThat(actual).as("what " + replica.dataDir() + " holds, " + CONVERGE + " after site-a's last write")
                .isEqualTo(expected);
    }

    /**
     * Every object the server's dev project holds (KMIP Locate without criteria), each as its state, object groups
     * and key material (none once destroyed).
     */
    private static Map<String, String> snapshot(ReplicatingServerProcess server) throws Exception {
        Map<String, String> objects = new TreeMap<>();
        try (KmipClient client = kmip(server)) {
            List<String> ids = client.call(RequestPayload.Locate.byAttributes(new Attributes(List.of())),
                    ResponsePayload.Locate.class).uniqueIdentifiers();
            for (String id : ids) {
                Attributes attributes = client.call(new RequestPayload.GetAttributes(Optional.of(id),
                                List.of(new AttributeName.Standard(Tag.STATE),
                                        new AttributeName.Standard(Tag.OBJECT_GROUP))),
                        ResponsePayload.GetAttributes.class).attributes();
                int state = attributes.first(Tag.STATE).map(t -> ((Ttlv.EnumerationItem) t).value()).orElse(-1);
                List<String> groups = attributes.all(Tag.OBJECT_GROUP).stream()
                        .map(t -> ((Ttlv.TextItem) t).value()).toList();
                objects.put(id, "state " + state + " groups " + groups + " " + material(client, id));
            }
        }
        return objects;
    }

    private static String material(KmipClient client, String id) throws IOException {
        try {
            return HexFormat.of().formatHex(TtlvBinary.encode(client.get(id).managedObject()));
        } catch (KmipOperationException e) {
            return "no material (" + e.reason() + ")";
        }
    }

    private static Attribute group(String value) {
        return new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, value));
    }

    private static KmipClient kmip(ReplicatingServerProcess server) throws IOException {
        return KmipClient.connect(KmipClient.Config.of(DevMode.HOST, server.kmipPort(),
                        TlsContexts.client(server.dataDir().resolve(DevPki.CA_CERTIFICATE),
                                server.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                server.dataDir().resolve(DevMode.KMIP_CLIENT_KEY)))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }
}
