package dev.donjon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code donjon audit ...} as an operator runs it on a node's data directory. */
class AuditCommandTest {
    @TempDir
    Path directory;

    @Test
    void verifyExportTailAndPublicKeyOnARealTrail() throws Exception {
        String dataDir = directory.resolve("data").toString();
        for (int i = 0; i < 3; i++) {
            DonjonRun.run("token", "create", "--data-dir", dataDir, "--project", "p" + i, "--roles", "admin")
                    .expect(0);
        }
        // Token commands no longer open a whole node; a node (the server's) makes the signing key and, on closing,
        // signs a checkpoint.
        try (dev.donjon.server.app.Node node = dev.donjon.server.app.Node.open(
                dev.donjon.server.app.DevMode.config(Path.of(dataDir), false, 0))) {
            assertThat(node.auditKey().keyId()).hasSize(32);
        }

        assertThat(DonjonRun.run("audit", "verify", "--data-dir", dataDir).expect(0).out())
                .contains("audit chain intact: 3 event(s)").contains("signed checkpoint(s) verified");

        List<String> tail = DonjonRun.run("audit", "tail", "--data-dir", dataDir, "-n", "2").expect(0).out().lines()
                .toList();
        assertThat(tail).hasSize(2);
        assertThat(tail.getLast()).contains("\"action\":\"token_create\"", "\"project\":\"p2\"", "\"hash\":");

        Path export = directory.resolve("trail.jsonl");
        assertThat(DonjonRun.run("audit", "export", "--data-dir", dataDir, "-o", export.toString()).expect(0).out())
                .as("an export to a file prints nothing on stdout").isEmpty();
        Path key = directory.resolve("audit.pem");
        Files.writeString(key, DonjonRun.run("audit", "public-key", "--data-dir", dataDir).expect(0).out());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(DonjonRun.run("audit", "verify", "--file", export.toString(), "--public-key", key.toString())
                .expect(0).out()).contains("intact: 3 event(s)");

        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.set(lines.size() - 2, lines.get(lines.size() - 2).replace("\"p1\"", "\"p9\""));
        Path tampered = directory.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        assertThat(DonjonRun.run("audit", "verify", "--file", tampered.toString()).expect(1).out())
                .contains("BROKEN at seq 2").contains("altered");

        Path cadf = directory.resolve("trail.cadf.jsonl");
        DonjonRun.run("audit", "export", "--data-dir", dataDir, "--format", "cadf", "-o", cadf.toString()).expect(0);
        assertThat(Files.readAllLines(cadf)).hasSize(3).allMatch(line -> line.contains("\"action\":\"create\""));
    }
}
