package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ObtainLeaseTest extends OperationTest {

    @Test
    void grantsTheConfiguredLeaseButNotForACompromisedKey() {
        String id = aesKey(128);

        ResponsePayload.ObtainLease lease = serve(new RequestPayload.ObtainLease(Optional.of(id)),
                ResponsePayload.ObtainLease.class);
        assertThat(lease.leaseTime()).isEqualTo(LEASE_TIME.toSeconds());
        assertThat(lease.lastChangeDate()).isNotNull();

        serve(new RequestPayload.Revoke(Optional.of(id), RevocationReasonCode.KEY_COMPROMISE, Optional.empty(),
                Optional.empty()), ResponsePayload.Revoke.class);
        assertThat(reason(new RequestPayload.ObtainLease(Optional.of(id)))).isEqualTo(ResultReason.PERMISSION_DENIED);
    }
}
