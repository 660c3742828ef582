package dev.donjon.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.config.DonjonConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health checkers that speak HTTP/1.0 (HAProxy's default check, keepalived, scripts) get the probes' answers, on the
 * raw TLS socket; {@code /readyz} counts the REST listener's connections against its limit and reports the listener
 * saturated at it.
 */
class HealthChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REST_MAX = 6;

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir, dev -> new DonjonConfig(dev.dataDir(), dev.listen(), dev.publicUrl(),
                dev.tls(), dev.behindTlsProxy(), dev.database(), dev.masterKey(), dev.auth(),
                new DonjonConfig.Limits(dev.limits().maxSecretBytes(), dev.limits().maxRequestBytes(),
                        new DonjonConfig.Connections(REST_MAX, 0, Duration.ofSeconds(30)),
                        DonjonConfig.FailedAuth.DEFAULT, DonjonConfig.ClientKeys.DEFAULT), dev.kmip()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void http10ProbesAreAnsweredAndTheConnectionClosed() throws Exception {
        String alive = exchange("GET /healthz HTTP/1.0\r\nUser-Agent: check\r\n\r\n");
        assertThat(alive).startsWith("HTTP/1.0 200 OK\r\n").contains("Connection: close")
                .endsWith("{\"status\":\"alive\"}");
        String ready = exchange("\r\nGET /readyz HTTP/1.0\r\n\r\n");
        assertThat(ready).startsWith("HTTP/1.0 200 OK\r\n");
        JsonNode report = JSON.readTree(ready.substring(ready.indexOf("\r\n\r\n") + 4));
        assertThat(report.get("status").asText()).isEqualTo("ready");
        String head = exchange("HEAD /healthz HTTP/1.0\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.0 200 OK\r\n").endsWith("\r\n\r\n").contains("Content-Length: 18");
    }

    @Test
    void http10IsRefusedForTheApi() throws Exception {
        assertThat(exchange("GET /v1/secrets HTTP/1.0\r\nX-Auth-Token: t\r\n\r\n"))
                .startsWith("HTTP/1.0 505 HTTP Version Not Supported\r\n");
        assertThat(exchange("POST /healthz HTTP/1.0\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.0 505 ");
        // HTTP/1.1 is as it was.
        try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] statusLine = socket.getInputStream().readNBytes("HTTP/1.1 200 OK".length());
            assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void readinessCountsRestConnectionsAndReportsTheListenerSaturatedAtItsLimit() throws Exception {
        JsonNode ready = readyz(200);
        assertThat(ready.get("rest_connections").asText()).matches("[1-5]/" + REST_MAX);

        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < REST_MAX - 1; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                idle.add(socket);
            }
            // The idle connections and the probe's own: the listener is full, the next client would wait.
            JsonNode saturated = readyz(503);
            assertThat(saturated.get("rest_connections").asText()).isEqualTo(REST_MAX + "/" + REST_MAX);
            assertThat(saturated.get("problems").toString())
                    .contains("REST listener at its connection limit (" + REST_MAX + "/" + REST_MAX + ")");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !readyz(-1).get("status").asText().equals("ready")) {
            Thread.sleep(100);
        }
        assertThat(readyz(200).get("status").asText()).isEqualTo("ready");
    }

    private static JsonNode readyz(int expectedStatus) throws IOException {
        String response = exchange("GET /readyz HTTP/1.0\r\n\r\n");
        if (expectedStatus > 0) {
            assertThat(response).startsWith("HTTP/1.0 " + expectedStatus + " ");
        }
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    /** Sends {@code request} on a new TLS connection and reads until the server closes it. */
    private static String exchange(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
