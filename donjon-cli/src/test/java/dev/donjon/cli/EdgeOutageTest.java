package dev.donjon.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An owner (site-a) and an edge (site-b) as separate processes, each with its own SQLite database. The edge holds
 * edge copies with a lease made by {@code donjon replication sync --lease}: with site-a's process stopped it serves
 * them until the lease ends, then refuses naming site-a; once site-a is back a sync renews them (now with a usage
 * allocation, which runs out and stays spent across a SIGKILL of the edge), and {@code donjon replication report}
 * carries the uses back to site-a, idempotently.
 */
class EdgeOutageTest {
    private static final long LEASE_SECONDS = 30;

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
    void anEdgeServesThroughAnOutageUntilItsLeaseEndsThenRenewsAndReportsWhenTheOwnerIsBack() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(run(0, "secret", "store", "--profile", "a", "--payload", "payload-" + i, "-f", "value").lines()
                    .findFirst().orElseThrow());
        }
        long synced = System.nanoTime();
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b",
                "--lease", Long.toString(LEASE_SECONDS))).contains("replicated 3, refused 0");

        sites.a.stop();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(run(0, "secret", "get", ids.get(i), "--payload", "--profile", "b")).isEqualTo("payload-" + i);
        }
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - synced))
                .as("the edge served before its lease could end").isLessThan(LEASE_SECONDS);
        String refusal = "";
        long deadline = synced + TimeUnit.SECONDS.toNanos(LEASE_SECONDS + 30);
        while (System.nanoTime() < deadline) {
            // The last one synced was sealed last: its lease ends last.
            refusal = failure("secret", "get", ids.getLast(), "--payload", "--profile", "b");
            if (!refusal.isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(refusal).contains("lease from its owner 'site-a' ended at");
        assertThat(failure("secret", "get", ids.getFirst(), "--payload", "--profile", "b")).contains("'site-a' ended");

        sites.a.start();
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b",
                "--lease", "600", "--uses", "2")).contains("replicated 3, refused 0");
        for (int i = 0; i < 2; i++) {
            assertThat(run(0, "secret", "get", ids.getFirst(), "--payload", "--profile", "b")).isEqualTo("payload-0");
        }
        assertThat(failure("secret", "get", ids.getFirst(), "--payload", "--profile", "b"))
                .contains("usage allocation from its owner 'site-a' is spent (2 of 2 uses)");

        // The spent allocation is stored, not remembered: it stays spent after a SIGKILL of the edge.
        sites.b.kill();
        sites.b.start();
        assertThat(failure("secret", "get", ids.getFirst(), "--payload", "--profile", "b")).contains("is spent");
        assertThat(run(0, "secret", "get", ids.get(1), "--payload", "--profile", "b")).isEqualTo("payload-1");

        assertThat(run(0, "replication", "report", "--profile", "b", "--to", "site-a", "--target-profile", "a"))
                .contains("recorded 3, unchanged 0, unknown 0");
        assertThat(run(0, "replication", "report", "--profile", "b", "--to", "site-a", "--target-profile", "a"))
                .contains("recorded 0, unchanged 3, unknown 0");
    }

    /** What the command printed on stderr if it failed, or the empty string if it succeeded. */
    private static String failure(String... args) {
        DonjonRun.Result run = DonjonRun.run(args);
        return run.exit() == 0 ? "" : run.err();
    }

    private static String run(int status, String... args) {
        return DonjonRun.run(args).expect(status).out().strip();
    }
}
