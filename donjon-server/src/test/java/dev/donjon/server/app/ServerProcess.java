package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Donjon server in a process of its own, started through a shell so that its resource limits ({@code ulimit})
 * can differ from the test JVM's: what a fault needs to be reproduced for real, not simulated. The dev
 * configuration over a data directory, with the connection limits and read timeout given; its output goes to a
 * file the test reads.
 */
final class ServerProcess implements AutoCloseable {
    private final ServerJvm jvm;

    private ServerProcess(ServerJvm jvm) {
        this.jvm = jvm;
    }

    /** @param descriptorLimit the {@code ulimit -n} of the server process */
    static ServerProcess start(Path dataDir, int descriptorLimit, int restMax, int kmipMax, Duration readTimeout)
            throws IOException, InterruptedException {
        return start(dataDir, descriptorLimit, restMax, kmipMax, readTimeout,
                DonjonConfig.Jobs.DEFAULT_KEK_RETIRE_GRACE);
    }

    /** @param kekRetireGrace the server's {@code jobs.kek_retire_grace_seconds} */
    static ServerProcess start(Path dataDir, int descriptorLimit, int restMax, int kmipMax, Duration readTimeout,
                               Duration kekRetireGrace) throws IOException, InterruptedException {
        return new ServerProcess(ServerJvm.start(dataDir.resolve("server.log"), descriptorLimit, Main.class,
                dataDir.toString(), Integer.toString(restMax), Integer.toString(kmipMax),
                Long.toString(readTimeout.toSeconds()), Long.toString(kekRetireGrace.toSeconds())));
    }

    int restPort() {
        return Integer.parseInt(jvm.ready(0));
    }

    int kmipPort() {
        return Integer.parseInt(jvm.ready(1));
    }

    boolean isAlive() {
        return jvm.isAlive();
    }

    List<String> logLines() throws IOException {
        return jvm.logLines();
    }

    /** {@code kill -9}: the process ends at once, in the middle of whatever it was doing. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /**
     * The server process's entry point: data directory, REST and KMIP connection limits, read timeout in seconds, KEK
     * retire grace in seconds.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            DonjonConfig dev = DevMode.config(dataDir, false, 0);
            DonjonConfig.Limits limits = new DonjonConfig.Limits(dev.limits().maxSecretBytes(),
                    dev.limits().maxRequestBytes(), new DonjonConfig.Connections(Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]), Duration.ofSeconds(Long.parseLong(args[3]))),
                    DonjonConfig.FailedAuth.DEFAULT, DonjonConfig.ClientKeys.DEFAULT);
            DonjonConfig.Jobs jobs = dev.jobs();
            DonjonConfig config = new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(), dev.tls(),
                    dev.behindTlsProxy(), dev.database(), dev.masterKey(), dev.auth(), limits, dev.kmip(),
                    new DonjonConfig.Jobs(jobs.enabled(), jobs.poll(), jobs.lease(), jobs.batch(), jobs.expiration(),
                            jobs.lifecycleDates(), jobs.purge(), jobs.destroyedRetention(),
                            Duration.ofSeconds(Long.parseLong(args[4]))));
            DonjonServer server = DonjonServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            System.out.println("READY " + server.port() + " " + server.kmipPort());
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
