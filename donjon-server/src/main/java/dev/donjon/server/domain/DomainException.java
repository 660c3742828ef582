package dev.donjon.server.domain;

import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyProtection;

/** Every failure the domain reports; each edge maps these once into its own protocol. Messages never hold secrets. */
public sealed abstract class DomainException extends RuntimeException {
    private DomainException(String message) {
        super(message, null, false, false);
    }

    /** The object does not exist, or exists in another project (the two are indistinguishable to callers). */
    public static final class NotFound extends DomainException {
        private final Missing missing;

        private final String subject;

        public NotFound(Missing missing) {
            this(missing, null);
        }

        /** @param subject which one is missing when the request named several (a container's reference name) */
        public NotFound(Missing missing, String subject) {
            super(missing.name().toLowerCase() + " not found");
            this.missing = missing;
            this.subject = subject;
        }

        public Missing missing() {
            return missing;
        }

        /** @return the name the request used for the missing object, or {@code null} */
        public String subject() {
            return subject;
        }
    }

    public enum Missing {
        SECRET, SECRET_PAYLOAD, SECRET_METADATUM, TOKEN, CONTAINER, CONTAINER_SECRET, REFERENCED_SECRET, CONSUMER,
        PROJECT_QUOTAS, ORDER, SECRET_STORE, PREFERRED_SECRET_STORE, CERTIFICATE_AUTHORITY, ISSUED_CERTIFICATE
    }

    /** The caller may not perform the action. */
    public static final class Forbidden extends DomainException {
        private final Action action;
        private final Refusal refusal;

        public Forbidden(Action action) {
            this(action, Refusal.POLICY);
        }

        public Forbidden(Action action, Refusal refusal) {
            super(action + " not allowed");
            this.action = action;
            this.refusal = refusal;
        }

        public Action action() {
            return action;
        }

        public Refusal refusal() {
            return refusal;
        }

        /** Why: the policy's rules, or a rule of the object itself that edges word differently. */
        public enum Refusal {
            /** The roles, project and ACL of the caller do not allow the action ({@link AccessPolicy}). */
            POLICY,
            /** A consumer is removed only by the project that registered it, or the one owning what it consumes. */
            NOT_CONSUMER_CREATOR
        }
    }

    /**
     * A refusal that is not a role check, with the words the caller is given (a CA of another project named in an
     * order, as Barbican's {@code CANotDefinedForProject}).
     */
    public static final class Refused extends DomainException {
        private final String replicaOwner;

        public Refused(String message) {
            this(message, null);
        }

        /** @param replicaOwner the owner, when the refusal is a write to a replica (which a proxy may forward) */
        public Refused(String message, String replicaOwner) {
            super(message);
            this.replicaOwner = replicaOwner;
        }

        public java.util.Optional<String> replicaOwner() {
            return java.util.Optional.ofNullable(replicaOwner);
        }
    }

    /**
     * A cryptographic operation with a managed key failed ({@link KeyCryptography}): the caller's parameters, the key,
     * or an authentication check (a tag or padding that does not verify). The message never quotes key material.
     */
    public static final class CryptographicFailure extends DomainException {
        public enum Kind { BAD_PARAMETERS, BAD_KEY, AUTHENTICATION_FAILED }

        private final Kind kind;

        public CryptographicFailure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** The object's key material may not leave the server as asked ({@link KeyProtection}). */
    public static final class Withheld extends DomainException {
        private final KeyProtection.Refusal refusal;

        public Withheld(KeyProtection.Refusal refusal) {
            super(switch (refusal) {
                case NOT_EXTRACTABLE -> "the object is not extractable: its key material never leaves the server";
                case SENSITIVE -> "the object is sensitive: its key material only leaves the server wrapped under "
                        + "another key";
            });
            this.refusal = refusal;
        }

        public KeyProtection.Refusal refusal() {
            return refusal;
        }
    }

    /** The request contradicts the stored state. */
    public static final class Conflict extends DomainException {
        private final Clash clash;

        public Conflict(Clash clash) {
            super(clash.description());
            this.clash = clash;
        }

        public Clash clash() {
            return clash;
        }
    }

    /** What the request clashed with; the description is the message protocols without their own wording show. */
    public enum Clash {
        PAYLOAD_ALREADY_STORED("the secret already has a payload"),
        METADATUM_EXISTS("the secret already has metadata under that key"),
        METADATUM_KEY_MISMATCH("the metadata key in the path and the body differ"),
        WRONG_STATE("the object's lifecycle state does not allow this operation"),
        USAGE_NOT_PERMITTED("the object's Cryptographic Usage Mask does not allow this operation"),
        CONTAINER_SECRET_EXISTS("the container already holds that secret"),
        SECRET_HAS_CONSUMERS("the secret has consumers"),
        /** Another object of the project already bears the name, or the object would bear it twice. */
        NAME_TAKEN("another object of the project already has that name"),
        /** The object's key material has been destroyed; only its metadata remains. */
        OBJECT_DESTROYED("the object is destroyed: only its metadata remains");

        private final String description;

        Clash(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Creating one more object would exceed the project's quota for it. */
    public static final class QuotaExceeded extends DomainException {
        private final Quotas.Resource resource;

        public QuotaExceeded(Quotas.Resource resource) {
            super(resource.wireName() + " quota reached");
            this.resource = resource;
        }

        public Quotas.Resource resource() {
            return resource;
        }
    }

    /**
     * A lockbox (a key sealed by another server for this one) that this server will not import, and nothing of it was
     * stored. The message says why in words an operator can act on; it never quotes the lockbox's content.
     */
    public static final class LockboxRefused extends DomainException {
        /** Why a lockbox was refused. */
        public enum Reason {
            /** Not a lockbox: not a JWS, or not Donjon's layout. */
            MALFORMED,
            /** Not signed: an unprotected JOSE object ({@code "alg":"none"}). */
            UNSIGNED,
            /** Signed by a server this one does not trust by configuration. */
            UNTRUSTED_ORIGIN,
            /**
             * A forwarded call that did not come over a connection authenticated by the forwarding peer's configured
             * TLS client certificate (proxy mode is mutual TLS between the servers, docs/replication.md).
             */
            PEER_UNAUTHENTICATED,
            /** The signature or the encrypted content does not verify: it was changed after sealing. */
            TAMPERED,
            /** Sealed for another server. */
            MISADDRESSED,
            /** Issued outside the accepted window (too old, or from the future). */
            EXPIRED,
            /** Already imported once. */
            REPLAYED,
            /** Older than the lockbox a replica was last refreshed from: applying it would go back in time. */
            STALE,
            /** An object with the lockbox's identifier already exists here. */
            DUPLICATE,
            /** This server has no lockbox identity, or the named recipient is no configured peer. */
            NOT_CONFIGURED
        }

        private final Reason reason;

        public LockboxRefused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

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

    /**
     * A device that holds key material for Donjon (an external KMIP server serving as a secret store) could not be
     * reached, or refused the operation: nothing was changed. The message names the device and the cause, never a
     * stored value, and is shown to the caller so that an operator can act on it.
     */
    public static final class Unavailable extends DomainException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** Stored ciphertext failed to authenticate: tampering or a wrong key. The server must not serve it. */
    public static final class Integrity extends DomainException {
        private final boolean keyUnavailable;

        public Integrity(String message) {
            this(message, false);
        }

        private Integrity(String message, boolean keyUnavailable) {
            super(message);
            this.keyUnavailable = keyUnavailable;
        }

        /**
         * A project KEK that is missing or does not unwrap under the master key: an alarm for the operator, not a
         * fault of the request, and not one that a new KEK may paper over (it would strand every stored secret).
         */
        public static Integrity keyUnavailable(String message) {
            return new Integrity(message, true);
        }

        /** Whether the project's key, rather than one payload, is what failed: the service is unavailable for it. */
        public boolean keyUnavailable() {
            return keyUnavailable;
        }
    }
}
