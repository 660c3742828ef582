package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A Donjon server in a process of its own (dev configuration, SQLite in its data directory) with a lockbox identity
 * and one lockbox peer, for tests that kill it with SIGKILL and start it again on the same data.
 */
public final class LockboxServerProcess implements AutoCloseable {
    private final ServerJvm jvm;

    private LockboxServerProcess(ServerJvm jvm) {
        this.jvm = jvm;
    }

    /** The lockbox keys of the server and the certificates of its one peer. */
    public record Identity(String name, Path signingKey, Path encryptionKey, String peer, Path peerSigningCertificate,
                           Path peerEncryptionCertificate) {
    }

    public static LockboxServerProcess start(Path dataDir, Identity identity) throws IOException, InterruptedException {
        return new LockboxServerProcess(ServerJvm.start(dataDir.resolve("server-" + System.nanoTime() + ".log"),
                Main.class, dataDir.toString(), identity.name(), identity.signingKey().toString(),
                identity.encryptionKey().toString(), identity.peer(), identity.peerSigningCertificate().toString(),
                identity.peerEncryptionCertificate().toString()));
    }

    public String baseUrl() {
        return jvm.ready(0);
    }

    /** An admin token of the project {@code replicated}, issued by this start of the process. */
    public String token() {
        return jvm.ready(1);
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /**
     * The server process: data directory, lockbox identity, signing key, encryption key, peer name, peer signing and
     * encryption certificates. Prints {@code READY <base URL> <token>}.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            DonjonConfig config = DevMode.config(Path.of(args[0]), false, 0).withLockbox(new DonjonConfig.Lockbox(
                    args[1], Path.of(args[2]), Path.of(args[3]), Duration.ofMinutes(5),
                    List.of(new DonjonConfig.LockboxPeer(args[4], Path.of(args[5]), Path.of(args[6])))));
            DonjonServer server = DonjonServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            String token = server.tokens().issue(new ProjectId("replicated"), Set.of(Role.ADMIN), "replicator", "test")
                    .token();
            System.out.println("READY " + server.publicUrl() + " " + token);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
