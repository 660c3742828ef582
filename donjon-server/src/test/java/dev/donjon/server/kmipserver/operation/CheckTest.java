package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CheckTest extends OperationTest {

    @Test
    void passesForTheUsageTheMaskAllowsAndALeaseDonjonGrants() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);

        ResponsePayload.Check passed = serve(new RequestPayload.Check(Optional.of(id), Optional.empty(),
                Optional.of(CryptographicUsageMask.ENCRYPT.code()), Optional.of(LEASE_TIME.toSeconds())),
                ResponsePayload.Check.class);

        assertThat(passed.uniqueIdentifier()).contains(id);
    }

    @Test
    void failsForAnotherUsageOrALongerLease() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);

        assertThat(refusal(new RequestPayload.Check(Optional.of(id), Optional.empty(),
                Optional.of(CryptographicUsageMask.SIGN.code()), Optional.empty())))
                .isInstanceOf(DomainException.Conflict.class);
        assertThat(reason(new RequestPayload.Check(Optional.of(id), Optional.empty(), Optional.empty(),
                Optional.of(LEASE_TIME.toSeconds() + 1)))).isEqualTo(ResultReason.PERMISSION_DENIED);
    }
}
