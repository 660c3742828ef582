package dev.donjon.server.notify;

import dev.donjon.server.interop.DebianPackages;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ broker of the test's own (Debian's {@code rabbitmq-server}): its own node name, AMQP port and data
 * directory under {@code target/}, so that it neither needs nor disturbs a broker already running on the machine
 * (RabbitMQ's own 5672, another build's). Stopping it and starting it again keeps its data directory, as a broker
 * restart does. Missing package: installed when root, else a failure under {@code CI=true} and a skip elsewhere.
 */
final class RabbitBroker implements AutoCloseable {
    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

    private final Path directory;
    private final String node;
    private final int port;
    private final int distributionPort;
    private Process process;

    private RabbitBroker(Path directory, String node, int port, int distributionPort) {
        this.directory = directory;
        this.node = node;
        this.port = port;
        this.distributionPort = distributionPort;
    }

    /** Starts a broker in {@code target/rabbitmq/<node>}, on free loopback ports; returns once it accepts AMQP. */
    static RabbitBroker start() throws IOException, InterruptedException {
        DebianPackages.require(SERVER, "rabbitmq-server");
        int port = freePort();
        String node = "donjon-test-" + port;
        Path directory = Path.of("target", "rabbitmq", node).toAbsolutePath();
        Files.createDirectories(directory);
        // Only this broker's settings: not /etc/rabbitmq's (the system broker's listener and node name).
        Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
        Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
        Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
        RabbitBroker broker = new RabbitBroker(directory, node, port, freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stopQuietly));
        broker.startAgain();
        return broker;
    }

    /** {@code amqp://guest:guest@127.0.0.1:<port>/} (guest may connect over loopback) */
    String amqpUrl() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/";
    }

    /** The same broker as oslo.messaging names it. */
    String transportUrl() {
        return "rabbit://guest:guest@127.0.0.1:" + port + "/";
    }

    /** Starts the broker (again, after {@link #stop}), on the same port and data; returns once it accepts AMQP. */
    void startAgain() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SERVER.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", directory.toString());
        env.put("RABBITMQ_NODENAME", node + "@localhost");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PLUGINS_EXPAND_DIR", directory.resolve("plugins-expand").toString());
        env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("ERL_FLAGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        process = builder.start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (accepts()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited: " + tail());
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("rabbitmq-server did not open port " + port + " in 180 s: " + tail());
    }

    /** Stops the broker as its service would (SIGTERM: the script stops the node cleanly); waits until it has. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        // The script stops its Erlang VM (its child) cleanly, then returns.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
        process = null;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("server.log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
