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
    private final List<String> ready;

    private ServerJvm(Process process, Path log, List<String> ready) {
        this.process = process;
        this.log = log;
        this.ready = ready;
    }

    /**
     * How the JVM is started, besides its main class and arguments.
     *
     * @param descriptorLimit the process's {@code ulimit -n} (it is started through bash for that), or 0 for the test
     *                        JVM's
     * @param maxHeap         its {@code -Xmx} (several servers on a small machine), or {@code null} for the default
     */
    public record Launch(int descriptorLimit, String maxHeap) {
        public static final Launch DEFAULT = new Launch(0, null);

        public Launch withMaxHeap(String heap) {
            return new Launch(descriptorLimit, heap);
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
        return start(log, new Launch(descriptorLimit, null), main, args);
    }

    public static ServerJvm start(Path log, Launch launch, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        if (launch.descriptorLimit() > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -n " + launch.descriptorLimit()
                    + " && exec \"$0\" \"$@\""));
        }
        command.add(java);
        if (launch.maxHeap() != null) {
            command.add("-Xmx" + launch.maxHeap());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
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
                    return new ServerJvm(process, log, List.of(line.substring(6).split(" ")));
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

    /** SIGKILL, as {@code kill -9}: the JVM runs nothing more, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM (the server's shutdown hook closes it), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
