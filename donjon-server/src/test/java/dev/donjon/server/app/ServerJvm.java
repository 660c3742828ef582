package dev.donjon.server.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Donjon server in a JVM of its own, on the test's class path, for what only a separate process shows: a kill -9
 * (no shutdown hook runs), a restart on the same data, resource limits other than the test JVM's. Its entry point
 * prints one line {@code READY word...} once it serves (the words are whatever the test needs: ports, URL, a token);
 * its output is appended to a log file the test can read.
 */
public final class ServerJvm implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Path relay;
    private final List<String> ready;
    private final List<NamespaceRelay.Forward> forwards = new ArrayList<>();

    private ServerJvm(Process process, Path log, Path relay, List<String> ready) {
        this.process = process;
        this.log = log;
        this.relay = relay;
        this.ready = ready;
    }

    /**
     * How the JVM is started, besides its main class and arguments.
     *
     * @param descriptorLimit the process's {@code ulimit -n} (it is started through bash for that), or 0 for the test
     *                        JVM's
     * @param maxHeap         its {@code -Xmx} (several servers on a small machine), or {@code null} for the default
     * @param namespace       the network namespace it runs in ({@code ip netns exec}, see {@link NetworkNamespaces}),
     *                        reached through {@link #forward}, or {@code null} for the test JVM's
     */
    public record Launch(int descriptorLimit, String maxHeap, String namespace) {
        public static final Launch DEFAULT = new Launch(0, null, null);

        public Launch withMaxHeap(String heap) {
            return new Launch(descriptorLimit, heap, namespace);
        }

        public Launch inNamespace(String name) {
            return new Launch(descriptorLimit, maxHeap, name);
        }
    }

    /** Starts {@code main} with {@code args} and waits up to four minutes (a loaded machine took two) for READY. */
    public static ServerJvm start(Path log, Class<?> main, String... args) throws IOException, InterruptedException {
        return start(log, Launch.DEFAULT, main, args);
    }

    /**
     * @param descriptorLimit the process's {@code ulimit -n} (it is started through bash for that), or 0 for the
     *                        test JVM's
     */
    public static ServerJvm start(Path log, int descriptorLimit, Class<?> main, String... args)
            throws IOException, InterruptedException {
        return start(log, new Launch(descriptorLimit, null, null), main, args);
    }

    public static ServerJvm start(Path log, Launch launch, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        Path relay = null;
        if (launch.namespace() != null) {
            // ip netns exec runs the command in the namespace by exec: the process started is the server's JVM.
            command.addAll(List.of("ip", "netns", "exec", launch.namespace()));
            relay = log.toAbsolutePath().resolveSibling("relay-" + ProcessHandle.current().pid() + ".sock");
        }
        if (launch.descriptorLimit() > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -n " + launch.descriptorLimit()
                    + " && exec \"$0\" \"$@\""));
        }
        command.add(java);
        if (launch.maxHeap() != null) {
            command.add("-Xmx" + launch.maxHeap());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (relay != null) {
            command.addAll(List.of(NamespaceRelay.Entry.class.getName(), relay.toString()));
        }
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        Files.createDirectories(log.toAbsolutePath().getParent());
        // A restart appending to the same log: its READY line is one after the lines already there.
        long known = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8).stream().skip(known).toList()) {
                if (line.startsWith("READY ")) {
                    return new ServerJvm(process, log, relay, List.of(line.substring(6).split(" ")));
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

    /** The words of the READY line, after {@code READY}. */
    public String ready(int index) {
        return ready.get(index);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /**
     * A loopback port of the test's namespace carried to {@code host:port} inside the server's network namespace
     * (launched {@link Launch#inNamespace}), until the server ends.
     */
    public int forward(String host, int port) throws IOException {
        if (relay == null) {
            throw new IllegalStateException("the server runs in the test's network namespace: no relay to it");
        }
        NamespaceRelay.Forward forward = NamespaceRelay.forward(relay, host, port);
        synchronized (forwards) {
            forwards.add(forward);
        }
        return forward.port();
    }

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        closeForwards();
    }

    /** SIGTERM (the server's shutdown hook closes it), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        closeForwards();
    }

    private void closeForwards() {
        synchronized (forwards) {
            for (NamespaceRelay.Forward forward : forwards) {
                try {
                    forward.close();
                } catch (IOException e) {
                    System.err.println("closing a relay: " + e.getMessage());
                }
            }
            forwards.clear();
        }
    }
}
