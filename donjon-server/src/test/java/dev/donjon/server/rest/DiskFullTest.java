package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full file system under a serving SQLite node (a real tmpfs of a few megabytes, mounted for the test): writes fail
 * with Barbican's opaque 500 and never half-way, {@code /readyz} names the cause (the log too), and once space is back
 * every secret stored before is served whole and writes work again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullTest {
    private static final long FILE_SYSTEM_BYTES = 4L << 20;

    @TempDir
    static Path scratch;

    private Path mount;
    private TestServer server;

    @BeforeAll
    void mountASmallFileSystem() throws Exception {
        mount = Files.createDirectories(scratch.resolve("small"));
        String problem = run("mount", "-t", "tmpfs", "-o", "size=" + FILE_SYSTEM_BYTES, "tmpfs", mount.toString());
        if (problem != null) {
            String message = "cannot mount a small tmpfs to fill (needs root): " + problem;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the fault must be reproduced)");
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        server = TestServer.sqlite(mount.resolve("data"));
    }

    @AfterAll
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void writesFailClearlyAndNothingStoredIsLost() throws Exception {
        ApiClient api = new ApiClient(server.baseUrl(), server.clientTls())
                .withHeader("X-Auth-Token", server.token("disk", Role.CREATOR));
        String payload = "x".repeat(15_000);
        List<String> stored = new ArrayList<>();
        ApiClient.Response refused = null;
        for (int i = 0; i < 2_000 && refused == null; i++) {
            ApiClient.Response created = api.post("/v1/secrets")
                    .json("{\"name\": \"s" + i + "\", \"payload\": \"" + payload + "\", "
                            + "\"payload_content_type\": \"text/plain\"}").send();
            if (created.status() == 201) {
                stored.add(created.json().get("secret_ref").asText());
            } else {
                refused = created;
            }
        }
        assertThat(refused).as("a 4 MB file system must fill up").isNotNull();
        assertThat(stored).as("secrets stored before the disk filled").isNotEmpty();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
        assertThat(refused.text()).doesNotContain(payload.substring(0, 100)).doesNotContainIgnoringCase("sqlite");

        ApiClient.Response ready = api.get("/readyz").send();
        assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
        assertThat(ready.text()).contains("the last write failed").contains("database or disk is full");

        // A read must write its audit event before it answers (the trail never misses a success): with no space it
        // fails closed. SQLite may still fit the small event into WAL frames the refused write left behind (a
        // rolled-back transaction's frames are overwritten, not appended): then the read may succeed, but only with
        // its event durable in the trail, checked once space is back.
        ApiClient.Response readWhileFull = api.get(stored.getFirst() + "/payload").accept("text/plain").send();
        assertThat(readWhileFull.status()).as(readWhileFull.toString()).isIn(200, 500);

        // Space comes back (the file system grown): everything acknowledged before is served whole, nothing was
        // committed half-way, writes succeed and the node is ready again.
        assertThat(run("mount", "-o", "remount,size=" + (4 * FILE_SYSTEM_BYTES), mount.toString())).isNull();
        if (readWhileFull.status() == 200) {
            String id = stored.getFirst().substring(stored.getFirst().lastIndexOf('/') + 1);
            long events = server.server().node().store().read(tx -> tx.audit().find(new AuditQuery(
                    new ProjectId("disk"), id, Action.SECRET_READ_PAYLOAD, AuditEvent.Outcome.SUCCESS, 0, 10)))
                    .total();
            assertThat(events).as("the read answered while the disk was full is in the audit trail").isEqualTo(1);
        }
        for (String secret : List.of(stored.getFirst(), stored.getLast())) {
            ApiClient.Response read = api.get(secret + "/payload").accept("text/plain").send();
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text().equals(payload)).as("payload of " + secret + " served whole").isTrue();
        }
        ApiClient.Response listed = api.get("/v1/secrets?limit=1").send();
        assertThat(listed.json().get("total").asInt()).isEqualTo(stored.size());
        ApiClient.Response again = api.post("/v1/secrets")
                .json("{\"payload\": \"after\", \"payload_content_type\": \"text/plain\"}").send();
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(api.get("/readyz").send().status()).isEqualTo(200);
    }

    /** @return null on success, else what the command said */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return process.waitFor() == 0 ? null : String.join(" ", command) + ": " + output.strip();
    }
}
