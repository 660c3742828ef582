package dev.donjon.cli;

import dev.donjon.server.app.LockboxServerProcess;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.LockboxKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    static LockboxServerProcess.Identity siteA;
    static LockboxServerProcess.Identity siteB;
    static LockboxServerProcess a;
    static LockboxServerProcess b;

    @BeforeAll
    static void start() throws Exception {
        Path keys = directory.resolve("keys");
        LockboxKeys.KeyFiles aSigning = LockboxKeys.make(keys, "a-sign", "EC");
        LockboxKeys.KeyFiles aEncryption = LockboxKeys.make(keys, "a-enc", "EC");
        LockboxKeys.KeyFiles bSigning = LockboxKeys.make(keys, "b-sign", "EC");
        LockboxKeys.KeyFiles bEncryption = LockboxKeys.make(keys, "b-enc", "EC");
        siteA = new LockboxServerProcess.Identity("site-a", aSigning.privateKey(), aEncryption.privateKey(), "site-b",
                bSigning.certificate(), bEncryption.certificate());
        siteB = new LockboxServerProcess.Identity("site-b", bSigning.privateKey(), bEncryption.privateKey(), "site-a",
                aSigning.certificate(), aEncryption.certificate());
        System.setProperty(Profiles.DIRECTORY_PROPERTY, directory.resolve("config").toString());
        a = startAs("a", siteA);
        b = startAs("b", siteB);
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(Profiles.DIRECTORY_PROPERTY);
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void replicasConvergeAfterEitherSideIsKilled() throws Exception {
        Map<String, String> payloads = new LinkedHashMap<>();
        store(payloads, 30);

        // site-b dies while a sync is applying lockboxes: the sync fails, nothing half-applied stays behind.
        Thread sync = new Thread(() -> Donjon.run("replication", "sync", "--profile", "a", "--to", "site-b",
                "--target-profile", "b"));
        sync.start();
        Thread.sleep(400);
        b.kill();
        sync.join();
        b = startAs("b", siteB);
        store(payloads, 5);
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b"))
                .contains("replicated " + payloads.size() + ", refused 0");
        assertReplicated(payloads);

        // site-a dies: what it acknowledged is still there after the restart, and the next sync carries it on.
        a.kill();
        a = startAs("a", siteA);
        store(payloads, 1);
        assertThat(run(0, "replication", "sync", "--profile", "a", "--to", "site-b", "--target-profile", "b"))
                .contains("replicated " + payloads.size() + ", refused 0");
        assertReplicated(payloads);
        payloads.forEach((id, payload) ->
                assertThat(run(0, "secret", "get", id, "--payload", "--profile", "a")).isEqualTo(payload));

        String id = payloads.keySet().iterator().next();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Donjon.run("secret", "delete", id, "--profile", "b")).isNotZero();
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("read-only replica owned by 'site-a'");
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

    /** Starts (or restarts, on the same data) a site and points profile {@code profile} at it. */
    private static LockboxServerProcess startAs(String profile, LockboxServerProcess.Identity identity)
            throws Exception {
        Path dataDir = directory.resolve(identity.name());
        LockboxServerProcess server = LockboxServerProcess.start(dataDir, identity);
        Path token = Files.writeString(directory.resolve(profile + "-token"), server.token());
        run(0, "login", "--profile", profile, "--url", server.baseUrl(), "--ca",
                dataDir.resolve(DevPki.CA_CERTIFICATE).toString(), "--token-file", token.toString());
        return server;
    }

    private static String run(int status, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Donjon.run(args)).as(String.join(" ", args)).isEqualTo(status);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
