package dev.donjon.server.domain.object;

import java.util.Optional;

/**
 * Where a managed object is in its life, after the KMIP key lifecycle. Only an Active object protects new data;
 * Deactivated and Compromised objects may still process (decrypt, verify) what was protected earlier; Destroyed
 * objects have no key material left. Secrets created over REST start Active, as Barbican serves them at once.
 */
public enum LifecycleState {
    PRE_ACTIVE("pre-active"),
    ACTIVE("active"),
    DEACTIVATED("deactivated"),
    COMPROMISED("compromised"),
    DESTROYED("destroyed"),
    DESTROYED_COMPROMISED("destroyed-compromised");

    private final String storedName;

    LifecycleState(String storedName) {
        this.storedName = storedName;
    }

    /** The name in the store; fixed, unlike the constant's, which a refactoring could change. */
    public String storedName() {
        return storedName;
    }

    public static Optional<LifecycleState> fromStoredName(String name) {
        for (LifecycleState state : values()) {
            if (state.storedName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    public boolean isDestroyed() {
        return this == DESTROYED || this == DESTROYED_COMPROMISED;
    }

    /** Activate: only a pre-active object becomes active. */
    public Optional<LifecycleState> activated() {
        return this == PRE_ACTIVE ? Optional.of(ACTIVE) : Optional.empty();
    }

    /** Revoke for a reason other than compromise: a live object stops protecting new data. */
    public Optional<LifecycleState> deactivated() {
        return switch (this) {
            case PRE_ACTIVE, ACTIVE -> Optional.of(DEACTIVATED);
            case DEACTIVATED, COMPROMISED, DESTROYED, DESTROYED_COMPROMISED -> Optional.empty();
        };
    }

    /** Revoke for compromise: any object with key material, and a destroyed one (its history still matters). */
    public Optional<LifecycleState> compromised() {
        return switch (this) {
            case PRE_ACTIVE, ACTIVE, DEACTIVATED -> Optional.of(COMPROMISED);
            case DESTROYED -> Optional.of(DESTROYED_COMPROMISED);
            case COMPROMISED, DESTROYED_COMPROMISED -> Optional.empty();
        };
    }

    /** Destroy: never an active object, which someone may still be relying on. */
    public Optional<LifecycleState> destroyed() {
        return switch (this) {
            case PRE_ACTIVE, DEACTIVATED -> Optional.of(DESTROYED);
            case COMPROMISED -> Optional.of(DESTROYED_COMPROMISED);
            case ACTIVE, DESTROYED, DESTROYED_COMPROMISED -> Optional.empty();
        };
    }

    /** Whether the object may perform {@code usage} in this state. */
    public boolean permits(KeyUsage usage) {
        return switch (this) {
            case ACTIVE -> true;
            case DEACTIVATED, COMPROMISED -> !usage.protects();
            case PRE_ACTIVE, DESTROYED, DESTROYED_COMPROMISED -> false;
        };
    }
}
