package dev.donjon.cli;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.Node;
import dev.donjon.server.crypto.MasterKeyRotation;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code donjon master-key status|rotate|retire} as an operator runs them on a node's data directory, around the
 * re-wrap job a serving node runs: the status follows the job, the old version is refused until nothing (no KEK, no
 * audit signing key) is wrapped by it, and a node still opens, and opens every payload, once it is retired.
 */
class MasterKeyCommandTest {
    private static final int PROJECTS = 3;

    @TempDir
    Path directory;

    private static String run(int expectedExit, String... args) {
        DonjonRun.Result run = DonjonRun.run(args).expect(expectedExit);
        return run.out() + run.err();
    }

    @Test
    void rotateFollowTheJobThenRetireTheOldVersion() {
        Path dataDir = directory.resolve("data");
        String data = dataDir.toString();
        Map<PayloadBinding, SealedPayload> sealed = new LinkedHashMap<>();
        try (Node node = Node.open(DevMode.config(dataDir, false, 0))) {
            for (int i = 0; i < PROJECTS; i++) {
                PayloadBinding binding = new PayloadBinding(SecretId.random(), new ProjectId("mk-" + i),
                        SecretType.OPAQUE);
                sealed.put(binding, node.keyHierarchy().seal(binding, ("payload " + i).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(node.auditKey().keyId()).isNotEmpty();
        }
        assertThat(run(0, "master-key", "status", "--data-dir", data))
                .contains("master key versions: [1] (current 1)")
                .contains("project KEKs per master key version: v1=" + PROJECTS)
                .contains("audit signing keys per master key version: v1=1");

        assertThat(run(0, "master-key", "rotate", "--data-dir", data)).contains("master key version 2 created");
        assertThat(run(0, "master-key", "status", "--data-dir", data))
                .contains("master key versions: [1, 2] (current 2)")
                .contains("re-wrap: 0/" + PROJECTS + " KEKs on version 2 (0%), in progress")
                .doesNotContain("can be retired");
        assertThat(run(1, "master-key", "retire", "--data-dir", data, "1"))
                .contains("donjon: master key version 1 still wraps " + (PROJECTS + 1) + " project KEK(s) or audit "
                        + "key(s)");
        assertThat(run(1, "master-key", "retire", "--data-dir", data, "2")).contains("is the current one");

        // What a serving node's background job does; the command itself never re-wraps.
        try (Node node = Node.open(DevMode.config(dataDir, false, 0));
             MasterKeyRotation job = new MasterKeyRotation(node.masterKeystore(), node.store(),
                     node.store().jobLeases(), node.clock(), "test-node", Duration.ofSeconds(15))) {
            assertThat(job.runOnce()).isEqualTo(PROJECTS);
        }
        assertThat(run(0, "master-key", "status", "--data-dir", data))
                .contains("audit signing keys per master key version: v2=1")
                .contains("re-wrap: " + PROJECTS + "/" + PROJECTS + " KEKs on version 2 (100%), done; job last ran on "
                        + "test-node")
                .contains("version 1 wraps nothing: it can be retired (donjon master-key retire 1)");

        assertThat(run(0, "master-key", "retire", "--data-dir", data, "1")).contains("master key version 1 retired");
        assertThat(run(0, "master-key", "status", "--data-dir", data)).contains("master key versions: [2] (current 2)");

        // A node opens (its audit signing key unwraps) and opens every payload sealed before the rotation.
        try (Node node = Node.open(DevMode.config(dataDir, false, 0))) {
            int i = 0;
            for (Map.Entry<PayloadBinding, SealedPayload> entry : sealed.entrySet()) {
                assertThat(new String(node.keyHierarchy().open(entry.getKey(), entry.getValue()),
                        StandardCharsets.UTF_8)).isEqualTo("payload " + i++);
            }
        }
    }
}
