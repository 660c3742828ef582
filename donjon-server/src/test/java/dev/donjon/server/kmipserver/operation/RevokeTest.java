package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RevokeTest extends OperationTest {

    @Test
    void aSupersededKeyIsDeactivatedAndKeepsTheReason() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);

        serve(new RequestPayload.Revoke(Optional.of(id), RevocationReasonCode.SUPERSEDED, Optional.of("rotated"),
                Optional.empty()), ResponsePayload.Revoke.class);

        assertThat(state(id)).isEqualTo(State.DEACTIVATED);
        Ttlv.Structure reason = (Ttlv.Structure) attribute(id, Tag.REVOCATION_REASON).getFirst();
        assertThat(reason.find(Tag.REVOCATION_MESSAGE)).contains(new Ttlv.TextItem(Tag.REVOCATION_MESSAGE, "rotated"));
    }

    @Test
    void aCompromisedKeyIsCompromisedFromTheDateGiven() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);
        Instant occurred = Instant.parse("2026-01-02T03:04:05Z");

        serve(new RequestPayload.Revoke(Optional.of(id), RevocationReasonCode.KEY_COMPROMISE, Optional.empty(),
                Optional.of(occurred)), ResponsePayload.Revoke.class);

        assertThat(state(id)).isEqualTo(State.COMPROMISED);
        assertThat(attribute(id, Tag.COMPROMISE_OCCURRENCE_DATE))
                .containsExactly(new Ttlv.DateTimeItem(Tag.COMPROMISE_OCCURRENCE_DATE, occurred));
    }
}
