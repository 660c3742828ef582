package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import java.time.Instant;

/**
 * An object's lifecycle state and the dates that record how it got there; each date is {@code null} until its event
 * happens (the initial date is the secret's creation time).
 *
 * @param revocation why it was revoked, or {@code null} if it never was
 */
public record Lifecycle(
        LifecycleState state,
        Instant activationDate,
        Instant deactivationDate,
        Instant destroyDate,
        Instant compromiseOccurrenceDate,
        Instant compromiseDate,
        Revocation revocation) {

    public Lifecycle {
        if (state == null) {
            throw new IllegalArgumentException("a lifecycle needs a state");
        }
    }

    public static Lifecycle preActive() {
        return new Lifecycle(LifecycleState.PRE_ACTIVE, null, null, null, null, null, null);
    }

    public static Lifecycle activeSince(Instant at) {
        return new Lifecycle(LifecycleState.ACTIVE, at, null, null, null, null, null);
    }

    /** A new object, pre-active with the dates a client scheduled; either may be {@code null}. */
    public static Lifecycle scheduled(Instant activation, Instant deactivation) {
        return new Lifecycle(LifecycleState.PRE_ACTIVE, activation, deactivation, null, null, null, null);
    }

    /**
     * The lifecycle as of {@code now}: a scheduled Activation Date that has passed makes a pre-active object active,
     * a passed Deactivation Date an active one deactivated (KMIP 2.1 §4.57 transitions 4 and 6). The store keeps the
     * state as last written, so every read applies the dates.
     */
    public Lifecycle at(Instant now) {
        LifecycleState current = state;
        if (current == LifecycleState.PRE_ACTIVE && activationDate != null && !activationDate.isAfter(now)) {
            current = LifecycleState.ACTIVE;
        }
        if (current == LifecycleState.ACTIVE && deactivationDate != null && !deactivationDate.isAfter(now)) {
            current = LifecycleState.DEACTIVATED;
        }
        return current == state ? this : new Lifecycle(current, activationDate, deactivationDate, destroyDate,
                compromiseOccurrenceDate, compromiseDate, revocation);
    }

    /**
     * New Activation and/or Deactivation Dates from a client ({@code null} keeps a date): the Activation Date only
     * while pre-active, the Deactivation Date while pre-active or active (KMIP 2.1 §4.1, §4.18). A date in the past
     * takes effect at once.
     */
    Lifecycle reschedule(Instant activation, Instant deactivation, Instant now) {
        boolean allowed = (activation == null || state == LifecycleState.PRE_ACTIVE)
                && (deactivation == null || state == LifecycleState.PRE_ACTIVE || state == LifecycleState.ACTIVE);
        if (!allowed) {
            throw new DomainException.Conflict(DomainException.Clash.WRONG_STATE);
        }
        return new Lifecycle(state, activation == null ? activationDate : activation,
                deactivation == null ? deactivationDate : deactivation, destroyDate, compromiseOccurrenceDate,
                compromiseDate, revocation).at(now);
    }

    Lifecycle activate(Instant at) {
        return new Lifecycle(require(state.activated()), at, deactivationDate, destroyDate, compromiseOccurrenceDate,
                compromiseDate, revocation);
    }

    public Lifecycle revoke(Revocation why, Instant occurrence, Instant at) {
        if (why.reason().isCompromise()) {
            return new Lifecycle(require(state.compromised()), activationDate, deactivationDate, destroyDate,
                    occurrence == null ? at : occurrence, at, why);
        }
        return new Lifecycle(require(state.deactivated()), activationDate, at, destroyDate, compromiseOccurrenceDate,
                compromiseDate, why);
    }

    Lifecycle destroy(Instant at) {
        return new Lifecycle(require(state.destroyed()), activationDate, deactivationDate, at,
                compromiseOccurrenceDate, compromiseDate, revocation);
    }

    private static LifecycleState require(java.util.Optional<LifecycleState> next) {
        return next.orElseThrow(() -> new DomainException.Conflict(DomainException.Clash.WRONG_STATE));
    }
}
