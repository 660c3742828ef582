package dev.donjon.server.notify;

import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.DonjonServer;
import dev.donjon.server.app.ServerJvm;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A Donjon dev server publishing notifications, in a JVM of its own so that the test can kill it with SIGKILL (no
 * shutdown hook, no close: what a crashed node leaves). Started again on the same data directory, it is the same
 * node after a restart.
 */
final class NotifyingServerProcess implements AutoCloseable {
    private final ServerJvm jvm;

    private NotifyingServerProcess(ServerJvm jvm) {
        this.jvm = jvm;
    }

    static NotifyingServerProcess start(Path dataDir, String amqpUrl, String topic)
            throws IOException, InterruptedException {
        return new NotifyingServerProcess(ServerJvm.start(dataDir.resolve("server-" + System.nanoTime() + ".log"),
                Main.class, dataDir.toString(), amqpUrl, topic));
    }

    /** @param databaseUrl a PostgreSQL JDBC URL shared with other nodes */
    static NotifyingServerProcess start(Path dataDir, String amqpUrl, String topic, String databaseUrl,
                                        String databaseUser) throws IOException, InterruptedException {
        return new NotifyingServerProcess(ServerJvm.start(dataDir.resolve("server-" + System.nanoTime() + ".log"),
                Main.class, dataDir.toString(), amqpUrl, topic, databaseUrl, databaseUser));
    }

    String baseUrl() {
        return jvm.ready(0);
    }

    /** An admin token of the project {@code crash}. */
    String token() {
        return jvm.ready(1);
    }

    long pid() {
        return jvm.pid();
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
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
