package dev.donjon.server.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.SoftwareMasterKeystore;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.keys.WrappedKek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN §3: what is stored and what is logged never holds a payload, a KEK, the master key or a token. */
class KeysAtRestTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> KEY_FILES = Set.of("master-keys", DevPki.CA_KEY, DevPki.SERVER_KEY);

    @TempDir
    Path dataDir;

    @Test
    void neitherTheDatabaseNorTheLogsHoldSecretsInTheClear() throws Exception {
        CapturedLogs logs = CapturedLogs.capture();
        List<byte[]> secrets = new ArrayList<>();
        try (TestServer server = TestServer.sqlite(dataDir)) {
            String token = server.token("tenant-a", Role.CREATOR);
            secrets.add(token.getBytes(StandardCharsets.US_ASCII));
            HttpClient http = HttpClient.newBuilder().sslContext(server.clientTls()).build();

            String text = "text-payload-" + HexFormat.of().formatHex(randomBytes(16));
            byte[] binary = randomBytes(32);
            secrets.add(text.getBytes(StandardCharsets.UTF_8));
            secrets.add(binary);
            String textRef = create(http, server, token, "{\"payload\": \"" + text
                    + "\", \"payload_content_type\": \"text/plain\"}");
            String binaryRef = create(http, server, token, "{\"payload\": \""
                    + Base64.getEncoder().encodeToString(binary) + "\", \"payload_content_type\": "
                    + "\"application/octet-stream\", \"payload_content_encoding\": \"base64\"}");
            assertThat(get(http, token, textRef + "/payload")).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(get(http, token, binaryRef + "/payload")).isEqualTo(binary);
            sendInvalidToken(http, server, token);

            WrappedKek kek = server.server().store().read(tx -> tx.projectKeys().current(new ProjectId("tenant-a")))
                    .orElseThrow();
            try (var master = SoftwareMasterKeystore.openOrCreate(dataDir.resolve("master-keys"), RANDOM)) {
                secrets.add(master.unwrap(kek.masterKeyVersion(), kek.wrapped()));
            }
            secrets.add(masterKey());
            assertNoneIn(storedFiles(), secrets);
        } finally {
            logs.stop();
        }
        assertNoneIn(storedFiles(), secrets);
        assertThat(logs.text()).as("captured log").isNotEmpty();
        assertNoneIn(List.of(logs.text().getBytes(StandardCharsets.UTF_8)), secrets);
    }

    private static String create(HttpClient http, TestServer server, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static byte[] get(HttpClient http, String token, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                .header("Accept", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** A token that is almost right: the failure is logged and audited, the presented secret must not be. */
    private static void sendInvalidToken(HttpClient http, TestServer server, String token) throws Exception {
        String wrong = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/secrets"))
                .header("X-Auth-Token", wrong).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(wrong);
    }

    private byte[] masterKey() throws Exception {
        String line = Files.readAllLines(dataDir.resolve("master-keys")).stream()
                .filter(l -> l.startsWith("1:")).findFirst().orElseThrow();
        return Base64.getDecoder().decode(line.substring(2));
    }

    private List<byte[]> storedFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            List<byte[]> contents = new ArrayList<>();
            for (Path file : files.filter(f -> !KEY_FILES.contains(f.getFileName().toString())).toList()) {
                contents.add(Files.readAllBytes(file));
            }
            assertThat(contents).as("database files").hasSizeGreaterThanOrEqualTo(3);
            return contents;
        }
    }

    /** Looks for each secret raw, in base64 and in hex. */
    private static void assertNoneIn(List<byte[]> haystacks, List<byte[]> secrets) {
        for (byte[] secret : secrets) {
            List<byte[]> forms = List.of(secret,
                    Base64.getEncoder().encodeToString(secret).getBytes(StandardCharsets.US_ASCII),
                    HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
            for (byte[] haystack : haystacks) {
                for (byte[] form : forms) {
                    assertThat(indexOf(haystack, form)).as("a secret found at rest").isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Every log event of every library, at DEBUG, while the test runs. */
    private static final class CapturedLogs extends AppenderBase<ILoggingEvent> {
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        private Level previous;

        static CapturedLogs capture() {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.FINE);
            CapturedLogs appender = new CapturedLogs();
            Logger root = root();
            appender.previous = root.getLevel();
            appender.setContext(root.getLoggerContext());
            appender.start();
            root.addAppender(appender);
            root.setLevel(Level.DEBUG);
            return appender;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()))
                    + "\n";
            captured.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }

        synchronized String text() {
            return captured.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void stop() {
            root().detachAppender(this);
            root().setLevel(previous);
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
            super.stop();
        }

        private static Logger root() {
            return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
    }
}
