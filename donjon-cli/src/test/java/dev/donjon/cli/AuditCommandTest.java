package dev.donjon.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code donjon audit ...} as an operator runs it on a node's data directory. */
class AuditCommandTest {
    @TempDir
    Path directory;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
    }

    private String stdout() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Test
    void verifyExportTailAndPublicKeyOnARealTrail() throws Exception {
        String dataDir = directory.resolve("data").toString();
        for (int i = 0; i < 3; i++) {
            assertThat(Donjon.run("token", "create", "--data-dir", dataDir, "--project", "p" + i, "--roles",
                    "admin")).isZero();
        }
        stdout();
        // Token commands no longer open a whole node; a node (the server's) makes the signing key and, on closing,
        // signs a checkpoint.
        try (dev.donjon.server.app.Node node = dev.donjon.server.app.Node.open(
                dev.donjon.server.app.DevMode.config(Path.of(dataDir), false, 0))) {
            assertThat(node.auditKey().keyId()).hasSize(32);
        }

        assertThat(Donjon.run("audit", "verify", "--data-dir", dataDir)).isZero();
        assertThat(stdout()).contains("audit chain intact: 3 event(s)").contains("signed checkpoint(s) verified");

        assertThat(Donjon.run("audit", "tail", "--data-dir", dataDir, "-n", "2")).isZero();
        List<String> tail = stdout().lines().toList();
        assertThat(tail).hasSize(2);
        assertThat(tail.getLast()).contains("\"action\":\"token_create\"", "\"project\":\"p2\"", "\"hash\":");

        Path export = directory.resolve("trail.jsonl");
        assertThat(Donjon.run("audit", "export", "--data-dir", dataDir, "-o", export.toString())).isZero();
        Path key = directory.resolve("audit.pem");
        assertThat(Donjon.run("audit", "public-key", "--data-dir", dataDir)).isZero();
        Files.writeString(key, stdout());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Donjon.run("audit", "verify", "--file", export.toString(), "--public-key", key.toString()))
                .isZero();
        assertThat(stdout()).contains("intact: 3 event(s)");

        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.set(lines.size() - 2, lines.get(lines.size() - 2).replace("\"p1\"", "\"p9\""));
        Path tampered = directory.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        assertThat(Donjon.run("audit", "verify", "--file", tampered.toString())).isEqualTo(1);
        assertThat(stdout()).contains("BROKEN at seq 2").contains("altered");

        Path cadf = directory.resolve("trail.cadf.jsonl");
        assertThat(Donjon.run("audit", "export", "--data-dir", dataDir, "--format", "cadf", "-o", cadf.toString()))
                .isZero();
        assertThat(Files.readAllLines(cadf)).hasSize(3).allMatch(line -> line.contains("\"action\":\"create\""));
    }
}
