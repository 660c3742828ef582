package dev.donjon.client;

import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.DevPki;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.store.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Two real nodes over one PostgreSQL database: when the node in use dies, the client carries on with the other. */
class FailoverTest {
    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void requestsMoveToTheSurvivingNode() throws Exception {
        TestServer doomed = TestServer.start(first, POSTGRES.jdbcUrl(), POSTGRES.username());
        // One cluster: the same master key, and the same CA so that one trust store serves both nodes.
        for (String file : new String[] {"master-keys", DevPki.CA_CERTIFICATE, DevPki.CA_KEY}) {
            Files.copy(first.resolve(file), second.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (TestServer survivor = TestServer.start(second, POSTGRES.jdbcUrl(), POSTGRES.username());
             DonjonClient donjon = DonjonClient.builder().nodes(doomed.baseUrl(), survivor.baseUrl())
                     .sslContext(doomed.clientTls()).token(ClientToken.of(doomed.token("p-failover", Role.ADMIN)))
                     .retries(2, Duration.ofMillis(50)).build()) {
            String id = donjon.secrets().store(SecretSpec.bytes("survives", new byte[] {4, 2}));
            assertThat(donjon.currentNode().toString()).startsWith(doomed.baseUrl());

            doomed.close();

            assertThat(donjon.secrets().payload(id)).containsExactly(4, 2);
            assertThat(donjon.currentNode().toString()).startsWith(survivor.baseUrl());
            // A POST that could not connect is sent to the other node: it never reached the dead one.
            String another = donjon.secrets().store(SecretSpec.bytes("after", new byte[] {1}));
            assertThat(donjon.secrets().get(another).name()).isEqualTo("after");
        }
    }

    @Test
    void anUnreachableFirstNodeIsSkipped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (TestServer node = TestServer.sqlite(first);
             DonjonClient donjon = DonjonClient.builder().nodes("https://127.0.0.1:" + closedPort, node.baseUrl())
                     .sslContext(node.clientTls()).token(ClientToken.of(node.token("p-skip", Role.ADMIN))).build()) {
            assertThat(donjon.secrets().list(null, 10, 0).total()).isZero();
            assertThat(donjon.currentNode().toString()).startsWith(node.baseUrl());
        }
    }
}
