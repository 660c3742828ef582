package dev.donjon.cli;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.TlsContexts;
import dev.donjon.server.interop.PyKmipServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code donjon export} and {@code donjon import} between a real Donjon server (its KMIP listener, dev client
 * certificate) and Debian's python3-pykmip server: Donjon's objects exported with their server-set attributes,
 * imported back under each collision policy, registered into PyKMIP, and PyKMIP's objects brought into Donjon by
 * Locate, Get and Get Attributes with the same key material.
 */
class ExportImportCommandTest {
    @TempDir
    static Path directory;
    static TestServer server;
    static PyKmipServer device;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(Files.createDirectories(directory.resolve("server")));
        device = PyKmipServer.start(Files.createDirectories(directory.resolve("pykmip")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private static List<String> donjon() {
        return List.of("--kmip", "127.0.0.1:" + server.kmipPort(), "--cert",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_CERTIFICATE).toString(), "--key",
                server.dataDir().resolve(DevMode.KMIP_CLIENT_KEY).toString(), "--ca",
                server.caCertificate().toString());
    }

    private static List<String> pykmip() {
        return List.of("--kmip", "127.0.0.1:" + device.port(), "--cert", device.clientCertificate().toString(),
                "--key", device.clientKey().toString(), "--ca", device.caCertificate().toString());
    }

    private static KmipClient donjonClient() throws Exception {
        return KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(), server.kmipClientTls())
                .withProtocolVersion(ProtocolVersion.V2_1));
    }

    private static KmipClient pykmipClient() throws Exception {
        return KmipClient.connect(KmipClient.Config.of("127.0.0.1", device.port(),
                TlsContexts.client(device.caCertificate(), device.clientCertificate(), device.clientKey())));
    }

    private static byte[] material(ResponsePayload.Get get) {
        Ttlv value = get.managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class).orElseThrow()
                .find(Tag.KEY_VALUE, Ttlv.Structure.class).orElseThrow().find(Tag.KEY_MATERIAL).orElseThrow();
        return ((Ttlv.BytesItem) value).value();
    }

    private static List<String> column(String output, int index) {
        return output.lines().map(line -> line.split(" ")[index]).toList();
    }

    @Test
    void objectsTravelBetweenDonjonAndPyKmipWithTheirAttributesAndEachCollisionPolicy() throws Exception {
        List<String> ids = new ArrayList<>();
        try (KmipClient kmip = donjonClient()) {
            for (int i = 1; i <= 3; i++) {
                ids.add(kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of("bulk-" + i),
                        CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
            }
            kmip.activate(ids.getFirst());
        }

        Path file = directory.resolve("bulk.json");
        String exported = run(0, concat(List.of("export", file.toString(), "--name", "bulk-*"), donjon()));
        assertThat(column(exported, 0)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        TransferFile.Contents contents = TransferFile.read(file);
        assertThat(contents.objects()).hasSize(3);
        String json = Files.readString(file);
        for (String serverSet : List.of("\"UniqueIdentifier\"", "\"State\"", "\"InitialDate\"", "\"LastChangeDate\"",
                "\"Digest\"", "\"ActivationDate\"")) {
            assertThat(json).as(serverSet).contains(serverSet);
        }

        // Back into the same server: every identifier is taken.
        String failed = run(1, concat(List.of("import", file.toString()), donjon()));
        assertThat(failed.lines()).hasSize(3).allMatch(line -> line.contains(" failed: ObjectAlreadyExists"));
        String replaced = run(0, concat(List.of("import", file.toString(), "--on-collision", "replace"), donjon()));
        assertThat(column(replaced, 1)).containsOnly("replaced");
        assertThat(column(replaced, 2)).containsExactlyInAnyOrderElementsOf(ids);
        String kept = run(0, concat(List.of("import", file.toString(), "--on-collision", "keep-both"), donjon()));
        assertThat(column(kept, 1)).containsOnly("kept-both");
        try (KmipClient kmip = donjonClient()) {
            for (String line : kept.lines().toList()) {
                String origin = line.split(" ")[0];
                String copy = line.split(" ")[2];
                assertThat(copy).isNotIn(ids);
                assertThat(material(kmip.get(copy))).isEqualTo(material(kmip.get(origin)));
                ResponsePayload.Export attributes = kmip.call(new RequestPayload.Export(Optional.of(copy),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        ResponsePayload.Export.class);
                assertThat(attributes.attributes().list()).anyMatch(a -> a.name().equals(ObjectImport.ORIGIN)
                        && ((Ttlv.TextItem) a.value()).value().endsWith("/" + origin));
            }
            // The replaced first key kept its Active state and Activation Date.
            assertThat(kmip.call(new RequestPayload.GetAttributes(Optional.of(ids.getFirst()), List.of()),
                    ResponsePayload.GetAttributes.class).attributes().first(Tag.STATE).orElseThrow())
                    .isEqualTo(new Ttlv.EnumerationItem(Tag.STATE.code(), 2));
        }

        // Into PyKMIP's server by Register, and out of it by Locate, Get and Get Attributes.
        String registered = run(0, concat(List.of("import", file.toString()), pykmip()));
        assertThat(column(registered, 1)).containsOnly("registered");
        Path fromPykmip = directory.resolve("from-pykmip.json");
        run(0, concat(List.of("export", fromPykmip.toString()), pykmip()));
        assertThat(TransferFile.read(fromPykmip).objects()).hasSizeGreaterThanOrEqualTo(3);
        // Their names are taken by the originals: the default policy fails them, keep-both renames them.
        assertThat(run(1, concat(List.of("import", fromPykmip.toString()), donjon())))
                .contains("failed: NonUniqueNameAttribute");
        String imported = run(0, concat(List.of("import", fromPykmip.toString(), "--on-collision", "keep-both"),
                donjon()));
        try (KmipClient kmip = donjonClient(); KmipClient foreign = pykmipClient()) {
            for (String line : registered.lines().toList()) {
                String origin = line.split(" ")[0];
                String remote = line.split(" ")[2];
                assertThat(material(foreign.get(remote))).isEqualTo(material(kmip.get(origin)));
                String back = imported.lines().filter(l -> l.startsWith(remote + " kept-both ")).findFirst()
                        .orElseThrow().split(" ")[2];
                assertThat(material(kmip.get(back))).isEqualTo(material(kmip.get(origin)));
            }
        }
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    /** Runs the command, expecting {@code status}; returns its standard output. */
    private static String run(int status, String... args) {
        return DonjonRun.run(args).expect(status).out();
    }
}
