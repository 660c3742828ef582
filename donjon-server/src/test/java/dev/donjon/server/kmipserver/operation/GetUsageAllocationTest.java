package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.UsageLimitsUnit;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GetUsageAllocationTest extends OperationTest {

    @Test
    void takesUnitsFromTheCountUntilNoneAreLeft() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(Tag.USAGE_LIMITS, new Ttlv.Structure(Tag.USAGE_LIMITS,
                new Ttlv.LongItem(Tag.USAGE_LIMITS_TOTAL, 10),
                new Ttlv.EnumerationItem(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.OBJECT)))),
                ResponsePayload.Create.class).uniqueIdentifier();
        serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);

        serve(new RequestPayload.GetUsageAllocation(Optional.of(id), Optional.of(7L)),
                ResponsePayload.GetUsageAllocation.class);

        assertThat(reason(new RequestPayload.GetUsageAllocation(Optional.of(id), Optional.of(4L))))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(serve(new RequestPayload.GetUsageAllocation(Optional.of(id), Optional.of(3L)),
                ResponsePayload.GetUsageAllocation.class).uniqueIdentifier()).isEqualTo(id);
    }

    @Test
    void aKeyWithoutUsageLimitsHasNoneToAllocateAndTheCountIsRequired() {
        String id = aesKey(128);

        assertThat(reason(new RequestPayload.GetUsageAllocation(Optional.of(id), Optional.of(1L))))
                .isEqualTo(ResultReason.ILLEGAL_OPERATION);
        assertThat(reason(new RequestPayload.GetUsageAllocation(Optional.of(id), Optional.empty())))
                .isEqualTo(ResultReason.INVALID_MESSAGE);
    }
}
