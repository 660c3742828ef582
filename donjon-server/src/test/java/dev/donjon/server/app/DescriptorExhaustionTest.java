package dev.donjon.server.app;

import dev.donjon.kmip.client.KmipClient;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault for real: a server process with a small descriptor limit, and connection limits configured
 * above it so that both listeners do run out of descriptors. Hundreds of idle connections exhaust them: the KMIP
 * accept loop backs off (a log line per interval, not one per failure); Helidon stops the REST listener, and the
 * watchdog starts it again. The silent connections are closed after the read timeout, and a normal REST request and
 * a normal KMIP request are then served by the same process.
 */
class DescriptorExhaustionTest {
    private static final int DESCRIPTOR_LIMIT = 400;
    private static final int IDLE_REST = 300;
    private static final int IDLE_KMIP = 500;

    @TempDir
    Path dataDir;

    @Test
    void bothListenersSurviveRunningOutOfDescriptorsAndServeAgain() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, DESCRIPTOR_LIMIT, 10_000, 10_000,
                Duration.ofSeconds(10))) {
            List<Socket> idle = new ArrayList<>();
            try {
                // KMIP first: its connections hold the descriptors while REST tries to accept. (Stopping the REST
                // listener closes its connections and gives their descriptors back at once.)
                idle.addAll(open(server.kmipPort(), IDLE_KMIP));
                idle.addAll(open(server.restPort(), IDLE_REST));
                awaitLogLine(server, "KMIP listener: accepting a connection failed");
                awaitLogLine(server, "had stopped accepting; it was started again");

                try (HttpClient client = HttpClient.newBuilder()
                        .sslContext(TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE)))
                        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(60)).build()) {
                    assertThat(versionsOnceServedAgain(client, server.restPort()).statusCode()).isEqualTo(300);
                }
                KmipClient.Config kmip = KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                                TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE),
                                        dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE),
                                        dataDir.resolve(DevMode.KMIP_CLIENT_KEY)))
                        .withTimeouts(Duration.ofSeconds(90), Duration.ofSeconds(30));
                try (KmipClient client = KmipClient.connect(kmip)) {
                    assertThat(client.discoverVersions(List.of())).isNotEmpty();
                }
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            assertThat(server.isAlive()).isTrue();
            List<String> log = server.logLines();
            // A spinning loop logged hundreds of thousands of lines; the back-off logs one per listener per 10 s.
            assertThat(log.stream().filter(line -> line.contains("failed") && line.contains("time(s) in the last"))
                    .count()).isLessThan(30);
        }
    }

    /**
     * The REST versions document, asked until the port accepts. While the idle connections still hold the descriptors
     * (until their read timeout), a restarted listener can stop again and the watchdog start it once more: a connection
     * refused in between is that window, not a failure; the listener must be back within the deadline.
     */
    private static HttpResponse<String> versionsOnceServedAgain(HttpClient client, int port) throws Exception {
        HttpRequest versions = HttpRequest.newBuilder().uri(URI.create("https://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(90)).GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            try {
                return client.send(versions, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Connects {@code count} sockets that never send a byte; those the backlog cannot take are skipped. */
    private static List<Socket> open(int port, int count) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                sockets.add(socket);
            } catch (IOException backlogFull) {
                closeQuietly(socket);
            }
        }
        return sockets;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was connected
        }
    }

    private static void awaitLogLine(ServerProcess server, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (server.logLines().stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server never logged '" + text + "': " + server.logLines());
    }
}
