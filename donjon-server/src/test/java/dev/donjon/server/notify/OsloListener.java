package dev.donjon.server.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.interop.DebianPackages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's oslo.messaging ({@code python3-oslo.messaging}) listening for notifications on a broker, as Ceilometer's
 * notification agent does: {@code oslo_messaging.get_notification_listener} on a topic of a control exchange. Every
 * notification its endpoint is given is kept, in the order received.
 */
final class OsloListener implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path errors;
    private final List<JsonNode> received = new ArrayList<>();

    private OsloListener(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    static OsloListener start(String transportUrl, String exchange, String topic, Path directory)
            throws IOException, InterruptedException {
        DebianPackages.requirePythonModule("oslo_messaging", "python3-oslo.messaging");
        Path script = directory.resolve("oslo_listener.py");
        try (InputStream in = OsloListener.class.getResourceAsStream("/notify/oslo_listener.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path errors = directory.resolve("oslo_listener.err");
        Process process = new ProcessBuilder(DebianPackages.PYTHON.toString(), script.toString(), transportUrl,
                exchange, topic).redirectError(errors.toFile()).start();
        OsloListener listener = new OsloListener(process, errors);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"LISTENING".equals(first)) {
            process.destroyForcibly();
            throw new IllegalStateException("the oslo.messaging listener did not start: " + first + "\n"
                    + Files.readString(errors));
        }
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    JsonNode notification = JSON.readTree(line);
                    synchronized (listener.received) {
                        listener.received.add(notification);
                        listener.received.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the listener ended
            }
        });
        return listener;
    }

    /** Every notification received so far. */
    List<JsonNode> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until the notifications received so far satisfy {@code done}; returns them. */
    List<JsonNode> await(Predicate<List<JsonNode>> done, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (!done.test(received)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the oslo.messaging listener did not receive what was expected in "
                            + timeout + "; it received " + received.size() + " notification(s): " + received
                            + "\nits log: " + Files.readString(errors));
                }
                received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it ended already
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
