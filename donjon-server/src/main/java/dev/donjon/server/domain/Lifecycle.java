package dev.donjon.server.domain;

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

    Lifecycle activate(Instant at) {
        return new Lifecycle(require(state.activated()), at, deactivationDate, destroyDate, compromiseOccurrenceDate,
                compromiseDate, revocation);
    }

    Lifecycle revoke(Revocation why, Instant occurrence, Instant at) {
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
