package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RNG Seed is accepted and its material not used (KMIP 1.4 §4.36 lets the server answer a Data Length of 0). */
class RngSeedTest extends OperationTest {

    @Test
    void theSeedIsAcknowledgedAndNotUsed() {
        assertThat(serve(new RequestPayload.RngSeed(new byte[32]), ResponsePayload.RngSeed.class).dataLength()).isZero();
    }
}
