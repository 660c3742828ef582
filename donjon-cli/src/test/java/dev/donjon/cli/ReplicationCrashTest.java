package dev.donjon.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Donjon servers as separate processes, each with its own SQLite database: site-a owns the secrets, site-b holds
 * replicas made by {@code donjon replication sync}. Either process is killed with SIGKILL (during a sync, and between
 * syncs) and started again on its data; the next sync converges: every secret site-a acknowledged is at site-a and,
 * with its payload, at site-b, where writes are refused naming the owner.
 */
class ReplicationCrashTest {
    @TempDir
    static Path directory;
    static LockboxSites sites;

    @BeforeAll
    static void start() throws Exception {
        sites = LockboxSites.start(directory);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    void replicasConvergeAfterEitherSideIsKilled() throws Exception {
        Map<String, String> payloads = new LinkedHashMap<>();
        store(payloads, 30);

        // site-b dies while a sync is applying lockboxes: the sync fails, nothing half-applied stays behind. Not
        // through DonjonRun: its capture swaps the process-wide System.out/err, and this run goes on beside the test
        // thread.
        Thread sync = new Thread(() -> Donjon.run("replication", "sync", "--profile", "a", "--to", "site-b",
                "--target-profile", "b"));
        sync.start();
        Thread.sleep(400);
        sites.b.kill();
        sync.join();
        sites.b.start();
        store(payloads, 5);
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b"))
                .contains("replicated " + payloads.size() + ", refused 0");
        assertReplicated(payloads);

        // site-a dies: what it acknowledged is still there after the restart, and the next sync carries it on.
        sites.a.kill();
        sites.a.start();
        store(payloads, 1);
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b"))
                .contains("replicated " + payloads.size() + ", refused 0");
        assertReplicated(payloads);
        payloads.forEach((id, payload) ->
                assertThat(run(0, "secret", "get", id, "--payload", "--profile", "a")).isEqualTo(payload));

        String id = payloads.keySet().iterator().next();
        DonjonRun.Result delete = DonjonRun.run("secret", "delete", id, "--profile", "b");
        assertThat(delete.exit()).isNotZero();
        assertThat(delete.err()).contains("read-only replica owned by 'site-a'");
    }

    private static void store(Map<String, String> payloads, int count) {
        for (int i = 0; i < count; i++) {
            String payload = "payload-" + payloads.size();
            String id = run(0, "secret", "store", "--profile", "a", "--payload", payload, "-f", "value").lines()
                    .findFirst().orElseThrow();
            payloads.put(id, payload);
        }
    }

    private static void assertReplicated(Map<String, String> payloads) {
        payloads.forEach((id, payload) ->
                assertThat(run(0, "secret", "get", id, "--payload", "--profile", "b")).as(id).isEqualTo(payload));
    }

    private static String run(int status, String... args) {
        return DonjonRun.run(args).expect(status).out();
    }
}
