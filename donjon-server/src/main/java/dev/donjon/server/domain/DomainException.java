package dev.donjon.server.domain;

/** Every failure the domain reports; each edge maps these once into its own protocol. Messages never hold secrets. */
public sealed abstract class DomainException extends RuntimeException {
    private DomainException(String message) {
        super(message, null, false, false);
    }

    /** The object does not exist, or exists in another project (the two are indistinguishable to callers). */
    public static final class NotFound extends DomainException {
        private final Missing missing;

        public NotFound(Missing missing) {
            super(missing.name().toLowerCase() + " not found");
            this.missing = missing;
        }

        public Missing missing() {
            return missing;
        }
    }

    public enum Missing { SECRET, SECRET_PAYLOAD, SECRET_METADATUM, TOKEN }

    /** The caller may not perform the action. */
    public static final class Forbidden extends DomainException {
        private final Action action;

        public Forbidden(Action action) {
            super(action + " not allowed");
            this.action = action;
        }

        public Action action() {
            return action;
        }
    }

    /** The request contradicts the stored state. */
    public static final class Conflict extends DomainException {
        private final Clash clash;

        public Conflict(Clash clash) {
            super(clash.name().toLowerCase());
            this.clash = clash;
        }

        public Clash clash() {
            return clash;
        }
    }

    public enum Clash { PAYLOAD_ALREADY_STORED, METADATUM_EXISTS, METADATUM_KEY_MISMATCH, WRONG_STATE, USAGE_NOT_PERMITTED }

    /** The request is malformed in a way the edge could not catch. */
    public static final class InvalidInput extends DomainException {
        public InvalidInput(String message) {
            super(message);
        }
    }

    /** A payload exceeds the configured maximum size. */
    public static final class PayloadTooLarge extends DomainException {
        public PayloadTooLarge() {
            super("payload too large");
        }
    }

    /** Stored ciphertext failed to authenticate: tampering or a wrong key. The server must not serve it. */
    public static final class Integrity extends DomainException {
        public Integrity(String message) {
            super(message);
        }
    }
}
