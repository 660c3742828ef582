package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RngRetrieveTest extends OperationTest {

    @Test
    void servesTheLengthAskedFreshEachTime() {
        byte[] first = serve(new RequestPayload.RngRetrieve(32), ResponsePayload.RngRetrieve.class).data();
        byte[] second = serve(new RequestPayload.RngRetrieve(32), ResponsePayload.RngRetrieve.class).data();

        assertThat(first).hasSize(32);
        assertThat(second).hasSize(32).isNotEqualTo(first);
    }

    @Test
    void refusesMoreThanTheBoundPerRequest() {
        assertThat(reason(new RequestPayload.RngRetrieve(RngRetrieve.MAX_RANDOM_BYTES + 1)))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }
}
