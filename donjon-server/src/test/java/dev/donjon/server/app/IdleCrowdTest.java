package dev.donjon.server.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.crypto.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's acceptance case: 5,000 idle connections to the REST port of a server process, then a normal request is
 * served by the same listener while they are all still open. The process gets 12,000 descriptors and a REST limit of
 * 6,000, so that every idle connection is accepted and holds a slot (the kernel's count in {@code /readyz} shows
 * them), and the read timeout is long enough that none is dropped before the request.
 */
class IdleCrowdTest {
    private static final int IDLE = 5_000;

    @TempDir
    Path dataDir;

    @Test
    void aNormalRequestIsServedWhileFiveThousandIdleConnectionsAreOpen() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, 12_000, 6_000, 100, Duration.ofSeconds(120))) {
            List<Socket> idle = new ArrayList<>(IDLE);
            try {
                for (int i = 0; i < IDLE; i++) {
                    Socket socket = new Socket();
                    idle.add(socket);
                    socket.connect(new InetSocketAddress("127.0.0.1", server.restPort()), 10_000);
                }
                try (HttpClient client = HttpClient.newBuilder()
                        .sslContext(TlsContexts.client(dataDir.resolve(DevPki.CA_CERTIFICATE)))
                        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build()) {
                    HttpResponse<String> versions = client.send(HttpRequest.newBuilder()
                            .uri(URI.create("https://127.0.0.1:" + server.restPort() + "/"))
                            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(versions.statusCode()).isEqualTo(300);
                    HttpResponse<String> ready = client.send(HttpRequest.newBuilder()
                            .uri(URI.create("https://127.0.0.1:" + server.restPort() + "/readyz"))
                            .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(ready.statusCode()).isEqualTo(200);
                    JsonNode report = new ObjectMapper().readTree(ready.body());
                    String[] restConnections = report.get("rest_connections").asText().split("/");
                    assertThat(Integer.parseInt(restConnections[0])).isGreaterThan(IDLE);
                    assertThat(restConnections[1]).isEqualTo("6000");
                }
                assertThat(idle).allMatch(Socket::isConnected);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
            assertThat(server.isAlive()).isTrue();
            assertThat(server.logLines()).noneMatch(line -> line.contains("terminating now")
                    || line.contains("had stopped accepting"));
        }
    }
}
