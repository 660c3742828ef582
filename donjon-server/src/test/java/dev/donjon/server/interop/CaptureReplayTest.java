package dev.donjon.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays Barbican's captured scenario ({@code ../shared/reference/barbican/capture.py}) against Donjon with
 * {@code scripts/capture-replay.py} and holds the result to docs/barbican-capture-differences.md: every exchange whose
 * answer differs from Barbican's must be listed there with its reason, and nothing listed there may have started to
 * match (the list would then be stale). The replay and the differences are left in
 * {@code target/capture-replay/} for reading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaptureReplayTest {
    private static final Pattern LISTED = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    private Path root;
    private Path reference;
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        if (!Files.exists(root.resolve("scripts/capture-replay.py"))) {
            root = root.getParent();
        }
        reference = root.resolveSibling("shared/reference/barbican");
        Assumptions.assumeTrue(Files.exists(reference.resolve("capture.py")),
                "Barbican's reference captures are not next to the repository (../shared/reference/barbican)");
        DebianPackages.require(DebianPackages.PYTHON, "python3");
        server = TestServer.sqlite(dataDir);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyDifferenceFromBarbicanIsDocumented() throws Exception {
        Path out = root.resolve("donjon-server/target/capture-replay");
        JsonNode summary = replay(out);

        Set<String> different = new LinkedHashSet<>();
        summary.get("different").forEach(title -> different.add(title.asText()));
        Set<String> documented = documented();
        assertThat(summary.get("compared").asInt()).isGreaterThan(200);
        assertThat(summary.get("missing")).as("exchanges Donjon's replay lacks").isEmpty();
        assertThat(different).as("undocumented differences (see %s)", out.resolve("differences.md"))
                .isSubsetOf(documented);
        assertThat(documented).as("documented differences that no longer differ").isSubsetOf(different);
    }

    private Set<String> documented() throws IOException {
        String doc = Files.readString(root.resolve("docs/barbican-capture-differences.md"), StandardCharsets.UTF_8);
        Set<String> titles = new LinkedHashSet<>();
        Matcher matcher = LISTED.matcher(doc);
        while (matcher.find()) {
            titles.add(matcher.group(1));
        }
        return titles;
    }

    private JsonNode replay(Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path stdout = out.resolve("summary.json");
        Path stderr = out.resolve("replay.log");
        List<String> command = new ArrayList<>(List.of(DebianPackages.PYTHON.toString(),
                root.resolve("scripts/capture-replay.py").toString(), reference.toString(), server.baseUrl(),
                server.caCertificate().toString(), out.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the capture replay did not finish in 120 s");
        }
        assertThat(process.exitValue()).as("capture replay failed: %s", Files.readString(stderr)).isZero();
        return new ObjectMapper().readTree(stdout.toFile());
    }
}
