package dev.donjon.server.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hang up in the middle of their request headers (scanners, flaky networks, a load balancer's probe) cost
 * the log at most one counted line per interval, never a stack trace per connection: 50 of them on real TLS sockets.
 */
class CutMidHeadersLoggingTest {
    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.sqlite(dataDir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fiftyConnectionsCutMidHeadersLogAtMostOneLineAndNoStackTrace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            for (int i = 0; i < 50; i++) {
                try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
                    socket.startHandshake();
                    socket.getOutputStream().write(("GET /v1/secrets HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-To")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
            // Then a whole request on a new connection: the listener is unharmed, and by the time it is answered the
            // cut connections have been handled.
            try (SSLSocket socket = (SSLSocket) server.clientTls().getSocketFactory()
                    .createSocket("127.0.0.1", server.port())) {
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("HTTP/1.1 200");
            }
            Thread.sleep(500);
            List<ILoggingEvent> logged = List.copyOf(lines.list);
            assertThat(logged).as("no stack trace").allMatch(event -> event.getThrowableProxy() == null);
            assertThat(logged.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList())
                    .as("warnings: at most the one counted line").hasSizeLessThanOrEqualTo(1)
                    .allMatch(event -> event.getFormattedMessage().contains("could not be parsed"));
            assertThat(logged.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO)))
                    .as("no line per connection").hasSizeLessThan(5);
        } finally {
            root.detachAppender(lines);
        }
    }
}
