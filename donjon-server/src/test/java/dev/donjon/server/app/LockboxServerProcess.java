package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Donjon server in a process of its own (dev configuration, SQLite in its data directory) with a lockbox identity
 * and one lockbox peer, for tests that kill it with SIGKILL and start it again on the same data.
 */
public final class LockboxServerProcess implements AutoCloseable {
    private final Process process;
    private final String baseUrl;
    private final String token;

    private LockboxServerProcess(Process process, String baseUrl, String token) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The lockbox keys of the server and the certificates of its one peer. */
    public record Identity(String name, Path signingKey, Path encryptionKey, String peer, Path peerSigningCertificate,
                           Path peerEncryptionCertificate) {
    }

    public static LockboxServerProcess start(Path dataDir, Identity identity) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), dataDir.toString(), identity.name(), identity.signingKey().toString(),
                identity.encryptionKey().toString(), identity.peer(), identity.peerSigningCertificate().toString(),
                identity.peerEncryptionCertificate().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("READY ")) {
                    String[] words = line.split(" ");
                    return new LockboxServerProcess(process, words[1], words[2]);
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server process did not start: " + Files.readString(log));
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An admin token of the project {@code replicated}, issued by this start of the process. */
    public String token() {
        return token;
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
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
