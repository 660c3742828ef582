package dev.donjon.cli;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.crypto.LockboxKeys;
import dev.donjon.server.domain.access.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code donjon lockbox export} and {@code import} against a real server that is its own peer (the simplest
 * deployment that can both seal and open): a secret sealed to a file, deleted, and brought back from the file; a
 * second import of the same file is refused with its reason. {@code donjon replication sync} to a second server.
 */
class LockboxCommandTest {
    @TempDir
    static Path directory;
    static TestServer server;
    static TestServer peer;

    @BeforeAll
    static void start() throws Exception {
        LockboxKeys.KeyFiles signing = LockboxKeys.make(directory.resolve("keys"), "sign", "EC");
        LockboxKeys.KeyFiles encryption = LockboxKeys.make(directory.resolve("keys"), "enc", "EC");
        LockboxKeys.KeyFiles peerSigning = LockboxKeys.make(directory.resolve("keys"), "peer-sign", "EC");
        LockboxKeys.KeyFiles peerEncryption = LockboxKeys.make(directory.resolve("keys"), "peer-enc", "EC");
        server = TestServer.sqlite(Files.createDirectories(directory.resolve("server")), config -> config.withLockbox(
                new DonjonConfig.Lockbox("vault", signing.privateKey(), encryption.privateKey(), Duration.ofMinutes(5),
                        List.of(new DonjonConfig.LockboxPeer("vault", signing.certificate(), encryption.certificate()),
                                new DonjonConfig.LockboxPeer("peer", peerSigning.certificate(),
                                        peerEncryption.certificate())))));
        peer = TestServer.sqlite(Files.createDirectories(directory.resolve("peer")), config -> config.withLockbox(
                new DonjonConfig.Lockbox("peer", peerSigning.privateKey(), peerEncryption.privateKey(),
                        Duration.ofMinutes(5), List.of(new DonjonConfig.LockboxPeer("vault", signing.certificate(),
                        encryption.certificate())))));
        System.setProperty(Profiles.DIRECTORY_PROPERTY, directory.resolve("config").toString());
        Path token = Files.writeString(directory.resolve("token"), server.token("cli-project", Role.ADMIN) + "\n");
        run(0, "login", "--url", server.baseUrl(), "--ca", server.caCertificate().toString(), "--token-file",
                token.toString());
        Path peerToken = Files.writeString(directory.resolve("peer-token"), peer.token("replicas", Role.ADMIN));
        run(0, "login", "--profile", "peer", "--url", peer.baseUrl(), "--ca", peer.caCertificate().toString(),
                "--token-file", peerToken.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(Profiles.DIRECTORY_PROPERTY);
        server.close();
        peer.close();
    }

    @Test
    void aSecretTravelsThroughALockboxFileAndTheFileImportsOnce() throws Exception {
        String id = run(0, "secret", "store", "--name", "travelling", "--payload", "key material", "-f", "value")
                .lines().findFirst().orElseThrow();
        Path file = directory.resolve("travelling.jws");
        run(0, "lockbox", "export", id, "--to", "vault", "-o", file.toString());
        assertThat(Files.readString(file)).doesNotContain("key material").matches("(?s)[\\w-]+\\.[\\w-]+\\.[\\w-]+\\s*");
        run(0, "secret", "delete", id);

        assertThat(run(0, "lockbox", "import", file.toString()).strip()).isEqualTo(id);
        assertThat(run(0, "secret", "get", id, "--payload")).isEqualTo("key material");
        assertThat(run(1, "lockbox", "import", file.toString())).isEmpty();
    }

    @Test
    void aReplicaImportedFromAFileIsPromotedToOwnership() throws Exception {
        String id = run(0, "secret", "store", "--name", "replicated", "--payload", "replica material", "-f", "value")
                .lines().findFirst().orElseThrow();
        Path file = directory.resolve("replicated.jws");
        run(0, "lockbox", "export", id, "--to", "vault", "-o", file.toString());
        run(0, "secret", "delete", id);
        assertThat(run(0, "lockbox", "import", "--replica", file.toString()).strip()).isEqualTo(id);
        assertThat(run(0, "replication", "promote", id).strip()).isEqualTo("vault");
        run(0, "secret", "delete", id);
    }

    @Test
    void syncMakesAndRefreshesReplicasAtThePeerWhichRefuseWritesNamingTheOwner() {
        String id = run(0, "secret", "store", "--name", "synced", "--payload", "synced material", "-f", "value")
                .lines().findFirst().orElseThrow();
        assertThat(run(0, "replication", "sync", "--to", "peer", "--target-profile", "peer")).contains("refused 0");
        assertThat(run(0, "secret", "get", id, "--payload", "--profile", "peer")).isEqualTo("synced material");
        assertThat(run(0, "replication", "sync", "--to", "peer", "--target-profile", "peer"))
                .as("a second sync refreshes in place").contains("refused 0");

        assertThat(stderrOf(1, "secret", "delete", id, "--profile", "peer")).contains("read-only replica owned by "
                + "'vault'");
        run(0, "secret", "delete", id);
    }

    /** Runs the command, expecting {@code status}; returns its standard error. */
    private static String stderrOf(int status, String... args) {
        return DonjonRun.run(args).expect(status).err();
    }

    /** Runs the command, expecting {@code status}; returns its standard output. */
    private static String run(int status, String... args) {
        DonjonRun.Result run = DonjonRun.run(args).expect(status);
        if (status != 0) {
            assertThat(run.err()).contains("Lockbox refused").contains("imported already");
        }
        return run.out();
    }
}
