package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultStatus;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static dev.donjon.server.kmipserver.Kmip.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection handling of the listener: timeouts, truncation, connections that never notice each other, and TLS
 * session resumption, which saves the handshake but never the mapping of the client certificate to an identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipListenerTest {
    private KmipTestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = KmipTestServer.start(dataDir, 64 * 1024, Duration.ofSeconds(1));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anIdleConnectionIsClosedByTheServer() throws Exception {
        try (KmipConnection kmip = new KmipConnection(server.devClient(), server.kmipPort())) {
            long started = System.nanoTime();
            assertThat(kmip.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500),
                    Duration.ofSeconds(15));
        }
    }

    @Test
    void aMessageTruncatedByTheClientEndsOnlyItsConnection() throws Exception {
        try (KmipConnection truncated = new KmipConnection(server.devClient(), server.kmipPort())) {
            byte[] partial = ByteBuffer.allocate(18).put(new byte[]{0x42, 0x00, 0x78, 0x01}).putInt(64)
                    .put(new byte[10]).array();
            // The rest never comes: the server gives up at the message read timeout (here the 1-second idle timeout,
            // the shorter) and closes without an answer.
            assertThat(truncated.sendRaw(partial)).isEmpty();
        }
        try (KmipConnection healthy = new KmipConnection(server.devClient(), server.kmipPort())) {
            assertThat(KmipConnection.status(healthy.call(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 8))))
                    .isEqualTo(ResultStatus.SUCCESS);
        }
    }

    @Test
    void aResumedSessionIsMappedToItsIdentityAgainOnEveryConnection() throws Exception {
        SSLContext dev = server.devClient();
        long established;
        try (KmipConnection first = new KmipConnection(dev, server.kmipPort())) {
            // The answer comes after the session ticket, so reading it stores the ticket in the client's cache.
            assertThat(KmipConnection.status(first.call(Operation.DISCOVER_VERSIONS))).isEqualTo(ResultStatus.SUCCESS);
            established = first.session().getCreationTime();
        }
        try (KmipConnection resumed = new KmipConnection(dev, server.kmipPort())) {
            assertThat(resumed.session().getCreationTime()).as("resumed, not a full handshake").isEqualTo(established);
            assertThat(KmipConnection.status(resumed.call(Operation.DISCOVER_VERSIONS)))
                    .isEqualTo(ResultStatus.SUCCESS);
        }

        SSLContext unmapped = server.unmappedClient();
        long refusedBefore = refusals();
        long unmappedEstablished;
        try (KmipConnection first = new KmipConnection(unmapped, server.kmipPort())) {
            assertThat(first.sendRaw(TtlvBinary.encode(Kmip.structure(Tag.REQUEST_MESSAGE)))).isEmpty();
            unmappedEstablished = first.session().getCreationTime();
        }
        try (KmipConnection resumed = new KmipConnection(unmapped, server.kmipPort())) {
            assertThat(resumed.session().getCreationTime()).isEqualTo(unmappedEstablished);
            assertThat(resumed.sendRaw(TtlvBinary.encode(Kmip.structure(Tag.REQUEST_MESSAGE)))).isEmpty();
        }
        assertThat(refusals()).as("both connections refused and audited, the resumed one too")
                .isEqualTo(refusedBefore + 2);
    }

    private long refusals() {
        return server.audit(1000).stream()
                .filter(event -> event.action() == Action.AUTHENTICATE && event.outcome() == AuditEvent.Outcome.FAILED)
                .filter(event -> KmipTestServer.UNMAPPED_CN.equals(event.actorUser()))
                .count();
    }
}
