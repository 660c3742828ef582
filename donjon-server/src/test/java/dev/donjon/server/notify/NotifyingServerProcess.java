package dev.donjon.server.notify;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Donjon dev server publishing notifications, in a JVM of its own so that the test can kill it with SIGKILL (no
 * shutdown hook, no close: what a crashed node leaves). Started again on the same data directory, it is the same
 * node after a restart.
 */
final class NotifyingServerProcess implements AutoCloseable {
    private final Process process;
    private final String baseUrl;
    private final String token;

    private NotifyingServerProcess(Process process, String baseUrl, String token) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static NotifyingServerProcess start(Path dataDir, String amqpUrl, String topic)
            throws IOException, InterruptedException {
        return start(dataDir, amqpUrl, topic, null, null);
    }

    /** @param databaseUrl a PostgreSQL JDBC URL shared with other nodes, or {@code null} for SQLite in dataDir */
    static NotifyingServerProcess start(Path dataDir, String amqpUrl, String topic, String databaseUrl,
                                        String databaseUser) throws IOException, InterruptedException {
        Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), dataDir.toString(), amqpUrl, topic));
        if (databaseUrl != null) {
            command.add(databaseUrl);
            command.add(databaseUser);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("READY ")) {
                    String[] words = line.split(" ");
                    return new NotifyingServerProcess(process, words[1], words[2]);
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

    String baseUrl() {
        return baseUrl;
    }

    /** An admin token of the project {@code crash}. */
    String token() {
        return token;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more. */
    void kill() throws InterruptedException {
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
     * The server process: data directory, broker URL, topic, and optionally a database URL and user. Prints
     * {@code READY <base URL> <token>}.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            DonjonConfig dev = DevMode.config(Path.of(args[0]), false, 0);
            if (args.length > 3) {
                dev = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(), dev.behindTlsProxy(),
                        new DonjonConfig.Database(args[3], args[4], null, 8), dev.masterKey(), dev.auth(),
                        dev.limits(), dev.kmip(), dev.jobs(), dev.lockbox(), dev.kmipStore(), dev.notifications());
            }
            DonjonConfig config = dev.withNotifications(
                    new DonjonConfig.Notifications(true, args[1], null, null, "openstack", args[2], false,
                            "donjon-test"));
            DonjonServer server = DonjonServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            String token = server.tokens().issue(new ProjectId("crash"), Set.of(Role.ADMIN), "crash-user", "test")
                    .token();
            System.out.println("READY " + server.publicUrl() + " " + token);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
