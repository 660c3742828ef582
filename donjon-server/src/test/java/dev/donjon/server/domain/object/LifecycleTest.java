package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dates that move an object through its lifecycle on their own (KMIP 2.1 §4.57, transitions 4 and 6). */
class LifecycleTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aScheduledObjectStaysPreActiveUntilItsActivationDate() {
        Lifecycle scheduled = Lifecycle.scheduled(T0, null);
        assertThat(scheduled.at(T0.minusSeconds(1)).state()).isEqualTo(LifecycleState.PRE_ACTIVE);
        assertThat(scheduled.at(T0).state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(scheduled.at(T0).activationDate()).isEqualTo(T0);
    }

    @Test
    void anActiveObjectIsDeactivatedOnceItsDeactivationDateIsReached() {
        Lifecycle scheduled = Lifecycle.scheduled(T0, T0.plusSeconds(60));
        assertThat(scheduled.at(T0.plusSeconds(59)).state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(scheduled.at(T0.plusSeconds(60)).state()).isEqualTo(LifecycleState.DEACTIVATED);
    }

    @Test
    void aDeactivationDateAloneNeverActivatesAnObject() {
        assertThat(Lifecycle.scheduled(null, T0).at(T0.plusSeconds(1)).state()).isEqualTo(LifecycleState.PRE_ACTIVE);
    }

    @Test
    void datesDoNotUndoARevocation() {
        Lifecycle compromised = new Lifecycle(LifecycleState.COMPROMISED, T0, T0.plusSeconds(60), null, T0, T0,
                new Revocation(RevocationReason.KEY_COMPROMISE, null));
        assertThat(compromised.at(T0.plusSeconds(120))).isSameAs(compromised);
    }

    @Test
    void theActivationDateMovesOnlyWhilePreActiveAndTheDeactivationDateUntilDeactivated() {
        Lifecycle active = Lifecycle.activeSince(T0);
        assertThatThrownBy(() -> active.reschedule(T0.plusSeconds(10), null, T0.plusSeconds(5)))
                .isInstanceOf(DomainException.Conflict.class);
        Lifecycle deactivated = active.reschedule(null, T0.plusSeconds(1), T0.plusSeconds(5));
        assertThat(deactivated.state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThatThrownBy(() -> deactivated.reschedule(null, T0.plusSeconds(100), T0.plusSeconds(6)))
                .isInstanceOf(DomainException.Conflict.class);
    }
}
