package dev.donjon.server.app;

import dev.donjon.server.config.DonjonConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Donjon server in a process of its own, started through a shell so that its resource limits ({@code ulimit})
 * can differ from the test JVM's: what a fault needs to be reproduced for real, not simulated. The dev
 * configuration over a data directory, with the connection limits and read timeout given; its output goes to a
 * file the test reads.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int restPort;
    private final int kmipPort;

    private ServerProcess(Process process, Path log, int restPort, int kmipPort) {
        this.process = process;
        this.log = log;
        this.restPort = restPort;
        this.kmipPort = kmipPort;
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
        Path log = dataDir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "ulimit -n " + descriptorLimit + " && exec \"$0\" \"$@\"", java,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), dataDir.toString(),
                Integer.toString(restMax), Integer.toString(kmipMax), Long.toString(readTimeout.toSeconds()),
                Long.toString(kekRetireGrace.toSeconds())));
        // A restart on the same data directory appends to the log: its READY line is one after the lines already there.
        long known = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8).stream().skip(known).toList()) {
                if (line.startsWith("READY ")) {
                    String[] ports = line.substring(6).split(" ");
                    return new ServerProcess(process, log, Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
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

    int restPort() {
        return restPort;
    }

    int kmipPort() {
        return kmipPort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** {@code kill -9}: the process ends at once, in the middle of whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
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
