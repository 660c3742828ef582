package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that would be read one way by a proxy or a client and another way by the server, refused rather than
 * reinterpreted: non-canonical paths (so a proxy's path rules cannot be bypassed) and JSON bodies that are not exactly
 * one JSON value of well-formed text (a lone surrogate was stored as "?", trailing bytes were ignored).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestHygieneTest {
    @TempDir
    static Path dataDir;
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(dataDir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/secrets/../secrets", "//v1//secrets", "/v1//secrets", "/v1/secrets;params",
            "/v1/./secrets", "/v1/secrets/%2e%2e/secrets", "/v1/secrets%2f..%2fsecrets", "/v1/secrets/.."})
    void nonCanonicalPathsAreRefused(String path) throws IOException {
        String response = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nX-Project-Id: p\r\nConnection: close\r\n\r\n");
        assertThat(response).as(path).startsWith("HTTP/1.1 404 ").contains("not canonical");
    }

    @Test
    void theCanonicalPathIsServed() throws IOException {
        String response = exchange("GET /v1/secrets HTTP/1.1\r\nHost: x\r\nX-Project-Id: p\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() throws IOException {
        String response = post("{\"payload\": \"\\ud800\", \"payload_content_type\": \"text/plain\"}");
        assertThat(response).startsWith("HTTP/1.1 400 ").contains("unpaired surrogate");
        String paired = post("{\"payload\": \"\\ud83d\\ude00\", \"payload_content_type\": \"text/plain\"}");
        assertThat(paired).startsWith("HTTP/1.1 201 ");
    }

    @Test
    void bytesAfterTheJsonValueAreRefused() throws IOException {
        assertThat(post("{\"payload\": \"x\", \"payload_content_type\": \"text/plain\"} trailing"))
                .startsWith("HTTP/1.1 400 ").contains("Malformed JSON");
        assertThat(post("{\"payload\": \"x\", \"payload_content_type\": \"text/plain\"}{}"))
                .startsWith("HTTP/1.1 400 ");
        assertThat(post("{\"payload\": \"x\", \"payload_content_type\": \"text/plain\"}\r\n"))
                .startsWith("HTTP/1.1 201 ");
    }

    private String post(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange("POST /v1/secrets HTTP/1.1\r\nHost: x\r\nX-Project-Id: p\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + json);
    }

    /** Sends one request and reads one response (status line, headers, a Content-Length body). */
    private String exchange(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
