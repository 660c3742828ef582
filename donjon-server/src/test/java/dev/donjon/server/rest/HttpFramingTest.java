package dev.donjon.server.rest;

import dev.donjon.server.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request framing per RFC 9112 §6.1 and §6.3, on the raw socket: a message whose length is ambiguous (request
 * smuggling: a proxy and this server could disagree on where it ends) or malformed is answered 400 and the
 * connection is closed, so that nothing after it is read as another request. Each case sends, after the malformed
 * request, a second request on the same connection that must never be answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFramingTest {
    private static final String SMUGGLED = "GET /v1/secrets HTTP/1.1\r\nHost: x\r\nX-Project-Id: p\r\nX-Roles: admin\r\n\r\n";

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

    static Stream<Arguments> malformed() {
        String post = "POST /v1/secrets HTTP/1.1\r\nHost: x\r\nX-Project-Id: p\r\nX-Roles: admin\r\n"
                + "Content-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("Content-Length with Transfer-Encoding: chunked",
                        post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED, false),
                Arguments.of("two differing Content-Length headers",
                        post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + SMUGGLED, false),
                Arguments.of("two differing lengths in one Content-Length header",
                        post + "Content-Length: 2, 3\r\n\r\n{}" + SMUGGLED, false),
                Arguments.of("Transfer-Encoding: xchunked with Content-Length",
                        post + "Transfer-Encoding: xchunked\r\nContent-Length: 2\r\n\r\n{}" + SMUGGLED, false),
                Arguments.of("Transfer-Encoding other than chunked",
                        post + "Transfer-Encoding: gzip\r\n\r\n{}" + SMUGGLED, false),
                Arguments.of("negative Content-Length",
                        post + "Content-Length: -1\r\n\r\n" + SMUGGLED, false),
                Arguments.of("non-numeric Content-Length",
                        post + "Content-Length: 1e3\r\n\r\n" + SMUGGLED, false),
                Arguments.of("NUL in the method",
                        "PO\0ST /v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}" + SMUGGLED, false),
                Arguments.of("body shorter than its Content-Length",
                        post + "Content-Length: 100\r\n\r\n{\"payload\": \"x\"}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isAnswered400AndTheConnectionClosed(String name, String request, boolean halfClose) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            String response = readUntilClosed(socket.getInputStream());
            assertThat(response).as(name).startsWith("HTTP/1.1 400 ");
            assertThat(response.split("HTTP/1.1 ", -1)).as("responses on the connection").hasSize(2);
        }
    }

    /** Everything the server sends until it closes the connection; a timeout means it kept it open. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open after: " + received.toString(StandardCharsets.ISO_8859_1));
        } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
            // The server closed without a TLS close_notify: closed all the same.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
