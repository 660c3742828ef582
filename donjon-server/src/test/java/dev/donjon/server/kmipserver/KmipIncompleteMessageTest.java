package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static dev.donjon.server.kmipserver.Kmip.integer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that stops short of the length its header declared is dropped after {@link
 * KmipListener#MESSAGE_READ_TIMEOUT}, not held for the (here 300-second) idle timeout, while an idle connection
 * between messages stays open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipIncompleteMessageTest {
    private KmipTestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        server = KmipTestServer.start(dataDir, 64 * 1024, Duration.ofSeconds(300));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aMessageShorterThanItsDeclaredLengthIsDroppedAfterTheMessageReadTimeout() throws Exception {
        try (KmipConnection truncated = new KmipConnection(server.devClient(), server.kmipPort())) {
            byte[] partial = ByteBuffer.allocate(18).put(new byte[]{0x42, 0x00, 0x78, 0x01}).putInt(64)
                    .put(new byte[10]).array();
            long started = System.nanoTime();
            assertThat(truncated.sendRaw(partial)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(KmipListener.MESSAGE_READ_TIMEOUT.minusMillis(500), Duration.ofSeconds(15));
        }
    }

    @Test
    void aConnectionIdleBetweenMessagesOutlivesTheMessageReadTimeout() throws Exception {
        try (KmipConnection idle = new KmipConnection(server.devClient(), server.kmipPort())) {
            assertThat(KmipConnection.status(idle.call(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 8))))
                    .isEqualTo(ResultStatus.SUCCESS);
            Thread.sleep(KmipListener.MESSAGE_READ_TIMEOUT.plusSeconds(1).toMillis());
            assertThat(KmipConnection.status(idle.call(Operation.RNG_RETRIEVE, integer(Tag.DATA_LENGTH, 8))))
                    .isEqualTo(ResultStatus.SUCCESS);
        }
    }
}
