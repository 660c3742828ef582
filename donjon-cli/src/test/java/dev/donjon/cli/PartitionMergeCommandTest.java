package dev.donjon.cli;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.audit.AuditQuery;
import dev.donjon.server.domain.audit.ChainedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two Donjon servers in one process, each with its own SQLite database, KMIP listener and lockbox identity (site-a,
 * site-b): an export sealed for site-b opened there and refused when changed or addressed elsewhere, with nothing
 * stored; merges under each collision policy; a partition move after which the source holds no key material.
 */
class PartitionMergeCommandTest {
    @TempDir
    static Path directory;
    static TestServer siteA;
    static TestServer siteB;
    static Path configA;
    static Path configB;
    static Path configC;

    @BeforeAll
    static void start() throws Exception {
        Path keys = directory.resolve("keys");
        LockboxKeys.KeyFiles signA = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles encA = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles signB = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles encB = LockboxKeys.make(keys, "b-enc", "EC");
        LockboxKeys.KeyFiles signC = LockboxKeys.make(keys, "c-sign", "EC");
        LockboxKeys.KeyFiles encC = LockboxKeys.make(keys, "c-enc", "EC");
        DonjonConfig.Lockbox a = new DonjonConfig.Lockbox("site-a", signA.privateKey(), encA.privateKey(),
                Duration.ofMinutes(5), List.of(new DonjonConfig.LockboxPeer("site-b", signB.certificate(),
                encB.certificate()), new DonjonConfig.LockboxPeer("site-c", signC.certificate(), encC.certificate())));
        DonjonConfig.Lockbox b = new DonjonConfig.Lockbox("site-b", signB.privateKey(), encB.privateKey(),
                Duration.ofMinutes(5), List.of(new DonjonConfig.LockboxPeer("site-a", signA.certificate(),
                encA.certificate())));
        siteA = TestServer.sqlite(Files.createDirectories(directory.resolve("a")), config -> config.withLockbox(a));
        siteB = TestServer.sqlite(Files.createDirectories(directory.resolve("b")), config -> config.withLockbox(b));
        configA = lockboxConfig("a.yaml", "site-a", signA, encA, "site-b", signB, encB);
        configB = lockboxConfig("b.yaml", "site-b", signB, encB, "site-a", signA, encA);
        // site-c trusts site-a too, but the files below are sealed for site-b.
        configC = lockboxConfig("c.yaml", "site-c", signC, encC, "site-a", signA, encA);
    }

    @AfterAll
    static void stop() {
        for (TestServer server : new TestServer[] {siteA, siteB}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** A configuration file with only data_dir and the lockbox section, as an operator may keep for the CLI. */
    private static Path lockboxConfig(String file, String identity, LockboxKeys.KeyFiles sign,
                                      LockboxKeys.KeyFiles enc, String peer, LockboxKeys.KeyFiles peerSign,
                                      LockboxKeys.KeyFiles peerEnc) throws Exception {
        return Files.writeString(directory.resolve(file), String.join("\n",
                "data_dir: " + directory,
                "lockbox:",
                "  identity: " + identity,
                "  signing_key: " + sign.privateKey(),
                "  encryption_key: " + enc.privateKey(),
                "  peers:",
                "    - name: " + peer,
                "      signing_certificate: " + peerSign.certificate(),
                "      encryption_certificate: " + peerEnc.certificate(),
                ""));
    }

    private static List<String> peer(String role, TestServer server) {
        return List.of("--" + role, "127.0.0.1:" + server.kmipPort(), "--" + role + "-cert",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(), "--" + role + "-key",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_KEY).toString(), "--" + role + "-ca",
                server.caCertificate().toString());
    }

    private static List<String> kmip(TestServer server) {
        return List.of("--kmip", "127.0.0.1:" + server.kmipPort(), "--cert",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(), "--key",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_KEY).toString(), "--ca",
                server.caCertificate().toString());
    }

    private static KmipClient client(TestServer server) throws Exception {
        return KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(), server.kmipClientTls())
                .withProtocolVersion(ProtocolVersion.V2_1));
    }

    private static List<String> keys(TestServer server, String... names) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KmipClient kmip = client(server)) {
            for (String name : names) {
                ids.add(kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of(name),
                        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
            }
        }
        return ids;
    }

    private static byte[] material(KmipClient kmip, String id) throws Exception {
        Ttlv value = kmip.get(id).managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_VALUE, Ttlv.Structure.class).orElseThrow().find(Tag.KEY_MATERIAL).orElseThrow();
        return ((Ttlv.BytesItem) value).value();
    }

    private static Attributes attributes(KmipClient kmip, String id) throws Exception {
        return kmip.call(new RequestPayload.GetAttributes(Optional.of(id), List.of()),
                ResponsePayload.GetAttributes.class).attributes();
    }

    private static List<String> located(TestServer server, String name) throws Exception {
        try (KmipClient kmip = client(server)) {
            return kmip.call(RequestPayload.Locate.byAttributes(Attributes.of(
                    dev.donjon.kmip.message.Attribute.name(name))), ResponsePayload.Locate.class).uniqueIdentifiers();
        }
    }

    /** The details of the transfer summaries the server recorded. */
    private static List<String> summaries(TestServer server) {
        return audit(server, null, Action.TRANSFER_SUMMARY).stream().map(event -> event.event().detail()).toList();
    }

    private static List<String> column(String output, int index) {
        return output.lines().map(line -> line.split(" ")[index]).toList();
    }

    /** Every audit event of the object at the server, of any project. */
    private static List<ChainedEvent> audit(TestServer server, String objectId, Action action) {
        CallContext auditor = new CallContext(new Principal("auditor", new ProjectId("audit"),
                Set.of(Role.SERVICE_ADMIN), AuthMethod.API_TOKEN), "audit-" + objectId);
        return server.server().node().auditEvents().find(auditor, new AuditQuery(null, objectId, action, null, 0,
                100)).items();
    }

    @Test
    void aSealedExportOpensOnlyAtItsRecipientAndNothingIsStoredFromAChangedOrMisaddressedOne() throws Exception {
        List<String> ids = keys(siteA, "sealed-1", "sealed-2");
        byte[] first;
        Attributes before;
        try (KmipClient kmip = client(siteA)) {
            kmip.activate(ids.getFirst());
            first = material(kmip, ids.getFirst());
            before = attributes(kmip, ids.getFirst());
        }
        Path sealed = directory.resolve("sealed.jws");
        run(0, concat(List.of("export", sealed.toString(), "--name", "sealed-*", "--seal-for", "site-b",
                "--lockbox-config", configA.toString()), kmip(siteA)));
        String text = Files.readString(sealed);
        assertThat(text).doesNotContain("format").doesNotContain("sealed-1").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

        // One character changed in the middle (the encrypted contents): the signature no longer verifies.
        int middle = text.length() / 2;
        Path changed = Files.writeString(directory.resolve("changed.jws"), text.substring(0, middle)
                + (text.charAt(middle) == 'A' ? 'B' : 'A') + text.substring(middle + 1));
        assertThat(runErr(2, concat(List.of("import", changed.toString(), "--lockbox-config", configB.toString()),
                kmip(siteB)))).contains("sealed export refused", "signature does not verify");
        // Opened with another server's configuration (site-c trusts site-a): addressed to site-b.
        assertThat(runErr(2, concat(List.of("import", sealed.toString(), "--lockbox-config", configC.toString()),
                kmip(siteB)))).contains("addressed to 'site-b', this server is 'site-c'");
        // Too old for the reader's limit.
        Thread.sleep(1100);
        assertThat(runErr(2, concat(List.of("import", sealed.toString(), "--lockbox-config", configB.toString(),
                "--max-age", "1"), kmip(siteB)))).contains("more than 1 s ago");
        assertThat(located(siteB, "sealed-*")).isEmpty();

        String imported = run(0, concat(List.of("import", sealed.toString(), "--lockbox-config",
                configB.toString()), kmip(siteB)));
        assertThat(column(imported, 1)).containsOnly("imported");
        assertThat(column(imported, 2)).containsExactlyInAnyOrderElementsOf(ids);
        try (KmipClient kmip = client(siteB)) {
            assertThat(material(kmip, ids.getFirst())).isEqualTo(first);
            Attributes after = attributes(kmip, ids.getFirst());
            // Server-set attributes travel: identifier, state, dates, digest.
            for (Tag tag : List.of(Tag.UNIQUE_IDENTIFIER, Tag.STATE, Tag.INITIAL_DATE, Tag.ACTIVATION_DATE,
                    Tag.LAST_CHANGE_DATE, Tag.DIGEST, Tag.NAME, Tag.CRYPTOGRAPHIC_USAGE_MASK)) {
                assertThat(after.first(tag)).as(tag.name()).isEqualTo(before.first(tag));
            }
        }

        // The same file again is a replay, whatever the collision policy would do: refused, nothing stored (no copy
        // kept beside, nothing replaced: the Last Change Date stays).
        Attributes imported1;
        try (KmipClient kmip = client(siteB)) {
            imported1 = attributes(kmip, ids.getFirst());
        }
        for (String policy : List.of("fail", "replace", "keep-both")) {
            assertThat(runErr(2, concat(List.of("import", sealed.toString(), "--lockbox-config", configB.toString(),
                    "--on-collision", policy), kmip(siteB))))
                    .contains("sealed export refused: " + sealed + " (export ")
                    .contains("from 'site-a') was imported at this server already; nothing was stored");
        }
        assertThat(located(siteB, "sealed-*")).hasSize(2);
        try (KmipClient kmip = client(siteB)) {
            assertThat(attributes(kmip, ids.getFirst()).first(Tag.LAST_CHANGE_DATE))
                    .isEqualTo(imported1.first(Tag.LAST_CHANGE_DATE));
            // Still refused after the imported object was destroyed there: the receipt outlives it.
            kmip.destroy(ids.getLast());
        }
        String again = runErr(2, concat(List.of("import", sealed.toString(), "--lockbox-config", configB.toString(),
                "--on-collision", "replace"), kmip(siteB)));
        assertThat(again).contains("was imported at this server already");
    }

    @Test
    void aMergeFollowsEachCollisionPolicyAndIsAuditedWithItsSource() throws Exception {
        List<String> ids = keys(siteA, "merge-1", "merge-2");
        String taken = keys(siteB, "merge-3").getFirst();
        String third = keys(siteA, "merge-3").getFirst();
        List<String> all = List.of(ids.get(0), ids.get(1), third);

        // The first merge: two new objects, and a name site-b already has.
        String merged = run(1, concat(List.of("merge", "--name", "merge-*"), peer("from", siteA), peer("to", siteB)));
        assertThat(merged.lines()).contains(ids.get(0) + " imported " + ids.get(0),
                ids.get(1) + " imported " + ids.get(1));
        assertThat(merged).contains(third + " failed: NonUniqueNameAttribute");
        List<ChainedEvent> created = audit(siteB, ids.getFirst(), Action.SECRET_CREATE);
        assertThat(created).singleElement().satisfies(event -> assertThat(event.event().detail())
                .startsWith("transfer: merge from 127.0.0.1:" + siteA.kmipPort() + " batch "));
        // One summary event at each end: the batch (that of each object's creation event), the peers, the counts.
        String batch = created.getFirst().event().detail().substring(created.getFirst().event().detail()
                .lastIndexOf(' ') + 1);
        String summary = "merge batch " + batch + " from 127.0.0.1:" + siteA.kmipPort() + " to 127.0.0.1:"
                + siteB.kmipPort() + ", policy fail: 3 objects {failed=1, imported=2}";
        assertThat(summaries(siteB)).contains("destination of " + summary);
        assertThat(summaries(siteA)).contains("source of " + summary);

        // Again, every identifier or name is taken: fail, replace, keep both.
        String failed = run(1, concat(List.of("merge", "--name", "merge-*"), peer("from", siteA), peer("to", siteB)));
        assertThat(failed.lines()).hasSize(3).allMatch(line -> line.contains(" failed: "));
        String replaced = run(1, concat(List.of("merge", "--name", "merge-*", "--on-collision", "replace"),
                peer("from", siteA), peer("to", siteB)));
        assertThat(replaced.lines()).contains(ids.get(0) + " replaced " + ids.get(0),
                ids.get(1) + " replaced " + ids.get(1));
        // Replace is by identifier: the name site-b's own object holds still fails.
        assertThat(replaced).contains(third + " failed: NonUniqueNameAttribute");
        String kept = run(0, concat(List.of("merge", "--name", "merge-*", "--on-collision", "keep-both"),
                peer("from", siteA), peer("to", siteB)));
        assertThat(column(kept, 1)).containsOnly("kept-both");
        assertThat(column(kept, 0)).containsExactlyInAnyOrderElementsOf(all);
        try (KmipClient a = client(siteA); KmipClient b = client(siteB)) {
            for (String line : kept.lines().toList()) {
                String origin = line.split(" ")[0];
                String copy = line.split(" ")[2];
                assertThat(copy).isNotIn(all).isNotEqualTo(taken);
                assertThat(material(b, copy)).isEqualTo(material(a, origin));
                assertThat(attributes(b, copy).list()).anyMatch(attribute -> attribute.name()
                        .equals(ObjectImport.ORIGIN) && ((Ttlv.TextItem) attribute.value()).value()
                        .equals("127.0.0.1:" + siteA.kmipPort() + "/" + origin));
            }
            // site-b's own merge-3 is untouched.
            assertThat(material(b, taken)).isNotEqualTo(material(a, third));
        }
    }

    @Test
    void aPartitionMoveLeavesTheKeysAtTheDestinationOnly() throws Exception {
        List<String> ids = new ArrayList<>();
        String elsewhere;
        byte[] active;
        try (KmipClient kmip = client(siteA)) {
            for (String[] key : new String[][] {{"move-1", "shop-7"}, {"move-2", "shop-7"}, {"move-3", "shop-8"}}) {
                ids.add(kmip.call(new RequestPayload.Create(dev.donjon.kmip.enums.ObjectType.SYMMETRIC_KEY,
                        Attributes.symmetricKey(CryptographicAlgorithm.AES, 256)
                                .with(dev.donjon.kmip.message.Attribute.name(key[0]))
                                .with(Tag.OBJECT_GROUP, new Ttlv.TextItem(Tag.OBJECT_GROUP, key[1]))),
                        ResponsePayload.Create.class).uniqueIdentifier());
            }
            elsewhere = ids.removeLast();
            kmip.activate(ids.getFirst());
            active = material(kmip, ids.getFirst());
        }
        // The selection is a Locate: the name and the group together.
        String moved = run(0, concat(List.of("partition", "move", "--name", "move-*", "--group", "*p-7"),
                peer("from", siteA), peer("to", siteB)));
        assertThat(moved.lines()).containsExactlyInAnyOrder(ids.get(0) + " imported,moved " + ids.get(0),
                ids.get(1) + " imported,moved " + ids.get(1));
        String summary = " from 127.0.0.1:" + siteA.kmipPort() + " to 127.0.0.1:" + siteB.kmipPort()
                + ", policy fail: 2 objects {imported,moved=2}";
        assertThat(summaries(siteA)).anyMatch(detail -> detail.startsWith("source of partition move batch ")
                && detail.endsWith(summary));
        assertThat(summaries(siteB)).anyMatch(detail -> detail.startsWith("destination of partition move batch ")
                && detail.endsWith(summary));

        assertThat(located(siteA, "move-*")).containsExactly(elsewhere);
        assertThat(located(siteB, "move-*")).containsExactlyInAnyOrderElementsOf(ids);
        try (KmipClient a = client(siteA); KmipClient b = client(siteB)) {
            assertThat(material(b, ids.getFirst())).isEqualTo(active);
            assertThat(attributes(b, ids.getFirst()).first(Tag.STATE)).contains(
                    new Ttlv.EnumerationItem(Tag.STATE.code(), 2));
            // The source keeps a destroyed stub saying where the object went, and no key material.
            Attributes stub = attributes(a, ids.getFirst());
            assertThat(stub.first(Tag.STATE)).contains(new Ttlv.EnumerationItem(Tag.STATE.code(), 5));
            assertThat(stub.list()).anyMatch(attribute -> attribute.name().equals(PartitionCommand.Move.MOVED_TO)
                    && ((Ttlv.TextItem) attribute.value()).value().startsWith("moved to 127.0.0.1:"
                    + siteB.kmipPort() + " as " + ids.getFirst()));
            KmipOperationException gone = catchThrowableOfType(KmipOperationException.class,
                    () -> a.get(ids.getFirst()));
            assertThat(gone).isNotNull();
        }
        assertThat(audit(siteB, ids.getFirst(), Action.SECRET_CREATE)).singleElement().satisfies(event ->
                assertThat(event.event().detail()).startsWith("transfer: partition move from 127.0.0.1:"
                        + siteA.kmipPort()));
        assertThat(audit(siteA, ids.getFirst(), Action.SECRET_METADATA_WRITE)).isNotEmpty();
    }

    private static String[] concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray(String[]::new);
    }

    /** Runs the command, expecting {@code status}; returns its standard output. */
    private static String run(int status, String... args) {
        return DonjonRun.run(args).expect(status).out();
    }

    /** Runs the command, expecting {@code status}; returns its standard error. */
    private static String runErr(int status, String... args) {
        return DonjonRun.run(args).expect(status).err();
    }
}
