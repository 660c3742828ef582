package dev.donjon.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written HTTP/1.1 client side, against canned responses (plain TCP) and a real TLS server. */
class HttpConnectionTest {
    private static final byte[] GET = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private ServerSocket listener;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void contentLengthBodiesOnOneKeepAliveConnection() throws IOException {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
                "HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\n\r\n{}");

        try (HttpConnection connection = connect()) {
            HttpConnection.Response first = connection.exchange(GET);
            HttpConnection.Response second = connection.exchange(GET);

            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(first.keepAlive()).isTrue();
            assertThat(second.status()).isEqualTo(404);
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("GET /x HTTP/1.1\r\n"));
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() throws IOException {
        serve("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\n{\"se\r\n"
                + "a\r\ncret_ref\":\r\n"
                + "3\r\n\"x\"\r\n"
                + "1\r\n}\r\n"
                + "0\r\nX-Trailer: yes\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n");

        try (HttpConnection connection = connect()) {
            HttpConnection.Response created = connection.exchange(GET);
            HttpConnection.Response deleted = connection.exchange(GET);

            assertThat(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo("{\"secret_ref\":\"x\"}");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
        }
    }

    @Test
    void connectionCloseAndBodiesUntilEndOfStream() throws IOException {
        serve("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\nboom");

        try (HttpConnection connection = connect()) {
            HttpConnection.Response response = connection.exchange(GET);

            assertThat(response.status()).isEqualTo(500);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("boom");
            assertThat(response.keepAlive()).isFalse();
        }
    }

    @Test
    void http10IsKeptAliveOnlyWhenTheServerSaysSo() throws IOException {
        serve("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");

        try (HttpConnection connection = connect()) {
            assertThat(connection.exchange(GET).keepAlive()).isFalse();
            assertThat(connection.exchange(GET).keepAlive()).isTrue();
        }
    }

    @Test
    void malformedOrTruncatedResponsesAreErrors() throws IOException {
        serve("SSH-2.0-OpenSSH\r\n\r\n");
        try (HttpConnection connection = connect()) {
            assertThatThrownBy(() -> connection.exchange(GET)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not an HTTP/1.x status line");
        }
        stop();

        serve("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        try (HttpConnection connection = connect()) {
            assertThatThrownBy(() -> connection.exchange(GET)).isInstanceOf(IOException.class)
                    .hasMessageContaining("5 of 10 body bytes");
        }
    }

    @Test
    void tlsRefusesACertificateForAnotherHostEvenFromTheTrustedCa(@TempDir Path dir) throws Exception {
        TestPki localhostOnly = TestPki.create(dir, "dns:localhost");
        try (InMemoryBarbican server = InMemoryBarbican.start(localhostOnly, "t")) {
            assertThatThrownBy(() -> HttpConnection.open("127.0.0.1", server.url().getPort(),
                    CaTrust.fromPem(localhostOnly.caPem())))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    /** Answers each request of one connection with the next canned response, then closes it. */
    private void serve(String... responses) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket socket = listener;
        Thread.ofVirtual().start(() -> {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                for (String response : responses) {
                    requests.add(readHead(in));
                    connection.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                // the test closed the listener
            }
        });
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private HttpConnection connect() throws IOException {
        return HttpConnection.open(InetAddress.getLoopbackAddress().getHostAddress(), listener.getLocalPort(), null);
    }
}
