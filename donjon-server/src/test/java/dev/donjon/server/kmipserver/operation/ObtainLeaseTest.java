package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.jobs.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ObtainLeaseTest extends OperationTest {
    private final SettableClock clock = new SettableClock(Instant.now());

    @Override
    Clock clock() {
        return clock;
    }

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

    @Test
    void aClientWhoseLeaseRanOutIsRefusedTheObjectUntilItObtainsAnother() {
        String id = aesKey(128);
        serve(new RequestPayload.ObtainLease(Optional.of(id)), ResponsePayload.ObtainLease.class);

        clock.advance(LEASE_TIME.minusSeconds(1));
        assertThat(serve(new RequestPayload.Get(id), ResponsePayload.Get.class).uniqueIdentifier()).isEqualTo(id);

        clock.advance(Duration.ofSeconds(1));
        // KmipProcessor answers this refusal with Permission Denied and its message (KMIP 1.4 §3.20, §11.18)
        assertThat(refusal(new RequestPayload.Get(id))).isInstanceOf(DomainException.Refused.class)
                .hasMessageContaining("lease").hasMessageContaining("Obtain Lease again");

        // another client of the project never obtained a lease, and is not bound by this one
        OperationContext other = new OperationContext(new CallContext(new Principal("another-client",
                new ProjectId("operations"), Set.of(Role.ADMIN), AuthMethod.CLIENT_CERTIFICATE), "other"),
                ProtocolVersion.V2_1);
        assertThat(serve(other, new RequestPayload.Get(id), ResponsePayload.Get.class).uniqueIdentifier())
                .isEqualTo(id);

        serve(new RequestPayload.ObtainLease(Optional.of(id)), ResponsePayload.ObtainLease.class);
        assertThat(serve(new RequestPayload.Get(id), ResponsePayload.Get.class).uniqueIdentifier()).isEqualTo(id);
    }
}
