package dev.donjon.server.replication;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.replication.InProcessReplicationSites.TillSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.donjon.server.replication.InProcessReplicationSites.create;
import static dev.donjon.server.replication.InProcessReplicationSites.group;
import static dev.donjon.server.replication.InProcessReplicationSites.kmip;
import static dev.donjon.server.replication.InProcessReplicationSites.material;
import static dev.donjon.server.replication.InProcessReplicationSites.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push peer subscribed to part of the owner's objects (lockbox.peers[].push.groups, docs/replication.md): two Donjon
 * servers, each with its own SQLite and KMIP listener, site-a pushing to the edge site-b only the keys of Object Group
 * "tills". Keys of that group reach the edge with their material, also when a key joins the group later; the others
 * never do, although site-a's cursor for the edge moves past every change; a key moved out of the group is removed
 * from the edge.
 */
class ReplicationSubscriptionTest {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    @TempDir
    Path directory;

    @Test
    void anEdgeReceivesOnlyTheGroupsItSubscribesTo() throws Exception {
        try (TillSites sites = new TillSites(directory,
                Integer.getInteger("donjon.replication.subscription.port", 21170))) {
            sites.startA();
            sites.startB();
            subscribe(sites.a, sites.b, sites.portA);
        }
    }

    private static void subscribe(Path a, Path b, int port) throws Exception {
        List<String> tills = new ArrayList<>();
        List<String> others = new ArrayList<>();
        String joinsLater;
        try (KmipClient owner = kmip(a, port)) {
            for (int i = 0; i < 3; i++) {
                String till = create(owner);
                group(owner, till, "tills");
                tills.add(till);
                String other = create(owner);
                group(owner, other, "head-office");
                others.add(other);
            }
            others.add(create(owner));
            joinsLater = create(owner);
            for (String id : tills) {
                awaitAt(b, port + 1, id, material(owner, id));
            }
            // The last change: once it is at the edge, site-a's cursor for the edge is past every change of the
            // others (the cursor moves in log order), which were passed over rather than sent.
            group(owner, joinsLater, "tills");
            awaitAt(b, port + 1, joinsLater, material(owner, joinsLater));
            // A key moved to another group leaves the subscription, and so the edge.
            String leaves = tills.removeFirst();
            owner.call(new RequestPayload.ModifyAttribute(Optional.of(leaves), Optional.empty(),
                            new Attribute(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, "head-office"))),
                    ResponsePayload.ModifyAttribute.class);
            awaitGone(b, port + 1, leaves);
            others.add(leaves);
            try (KmipClient edge = kmip(b, port + 1)) {
                for (String id : tills) {
                    assertThat(material(edge, id)).as("a key still in the group").isEqualTo(material(owner, id));
                }
            }
        }
        assertThat(scalar(a, "SELECT refused FROM replication_cursors WHERE peer = 'site-b'"))
                .as("changes the edge refused").isZero();
        try (KmipClient edge = kmip(b, port + 1)) {
            for (String id : others) {
                assertThat(material(edge, id)).as("a key outside the subscription at the edge").startsWith("missing");
            }
        }
    }

    private static void awaitAt(Path site, int port, String id, String material) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        String held = null;
        while (System.nanoTime() < deadline) {
            try (KmipClient replica = kmip(site, port)) {
                held = material(replica, id);
                if (held.equals(material)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " did not reach the edge within " + CONVERGE + ": " + held);
    }

    private static void awaitGone(Path site, int port, String id) throws Exception {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        String held = null;
        while (System.nanoTime() < deadline) {
            try (KmipClient replica = kmip(site, port)) {
                held = material(replica, id);
                if (held.startsWith("missing")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " left the subscription but is still at the edge after " + CONVERGE);
    }

}
