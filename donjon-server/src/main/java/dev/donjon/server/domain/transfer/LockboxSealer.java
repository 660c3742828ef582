package dev.donjon.server.domain.transfer;

import dev.donjon.server.domain.DomainException.LockboxRefused;

/**
 * The cryptography of lockboxes, which the domain leaves to an adapter: sealing encrypts the contents for the
 * recipient's public key and signs the whole with this server's signing key; opening verifies the signature against
 * the origins trusted by configuration, then decrypts with this server's private key. Checks that need the store or
 * the clock (recipient, freshness, replay) are the domain's, between {@link #verify} and {@link #open}.
 */
public interface LockboxSealer {
    /** Whether {@code recipient} is a configured peer this server can seal for. */
    boolean knowsRecipient(String recipient);

    /** @return the lockbox as text (compact JWS) */
    String seal(LockboxHeader header, LockboxContents contents);

    /**
     * Seals a replication change: {@code change} is signed with the header; {@code contents}, encrypted for the
     * recipient, only for an upsert ({@code null} for a removal, which carries nothing secret).
     */
    String sealChange(LockboxHeader header, LockboxChange change, LockboxContents contents);

    /**
     * Seals a batch of replication changes (docs/replication.md) under one signature: {@code changes} in the order the
     * recipient applies them, and the contents of their upserts, in the same order, encrypted together for the
     * recipient (none when every change is a removal).
     */
    String sealBatch(LockboxHeader header, java.util.List<LockboxChange> changes,
                     java.util.List<LockboxContents> upserts);

    /** Whether {@code message} is a batch of changes ({@link #sealBatch}) rather than a single lockbox. */
    boolean isBatch(String message);

    /**
     * Checks a batch's signature and reads its header and changes, without decrypting anything.
     *
     * @throws LockboxRefused unsigned or malformed, not a batch, an untrusted origin, or a signature that fails
     */
    VerifiedBatch verifyBatch(String batch);

    /**
     * Decrypts a verified batch's upserts, in the order of its upsert changes; the caller closes them.
     *
     * @throws LockboxRefused the contents do not decrypt under this server's key, or are not lockbox contents
     */
    java.util.List<LockboxContents> openBatch(VerifiedBatch batch);

    /**
     * A batch whose signature verified: its header, its changes in order, and the still-encrypted upserts (opaque to
     * the domain, {@code null} when there are none).
     */
    record VerifiedBatch(LockboxHeader header, java.util.List<LockboxChange> changes, Object sealed) {
        public VerifiedBatch {
            changes = java.util.List.copyOf(changes);
        }
    }

    /**
     * Checks the signature and reads the signed header, without decrypting anything.
     *
     * @throws LockboxRefused unsigned or malformed, signed by an origin not trusted, or a signature that fails
     */
    Verified verify(String lockbox);

    /**
     * Decrypts a verified lockbox's contents; the caller closes them.
     *
     * @throws LockboxRefused the contents do not decrypt under this server's key, or are not a lockbox's contents
     */
    LockboxContents open(Verified verified);

    /**
     * Signs a statement of this server's to a peer (a usage report from an edge, a proxied caller's assertion): a
     * compact JWS of type {@code type} whose claims are {@code claims} and the header's ({@code iss}, {@code aud},
     * {@code jti}, {@code iat}), so that the two kinds, and lockboxes, can never be taken for each other.
     */
    String sign(String type, LockboxHeader header, java.util.Map<String, Object> claims);

    /**
     * Checks a statement's type and signature against the configured peer it names.
     *
     * @throws LockboxRefused malformed, another type, an untrusted origin, or a signature that fails
     */
    Statement verifyStatement(String type, String statement);

    /**
     * The SHA-256 of {@code bytes}, base64url without padding: how a signed statement binds the body of the one
     * request it is for (a proxied caller's assertion).
     */
    String bodyDigest(byte[] bytes);

    /** A statement whose signature verified: what its header says, and all its claims. */
    record Statement(LockboxHeader header, java.util.Map<String, Object> claims) {
    }

    /**
     * A lockbox whose signature verified; {@code sealed} is its still-encrypted content, opaque to the domain
     * ({@code null} for a removal), {@code change} the replication change it carries, or {@code null}.
     */
    record Verified(LockboxHeader header, Object sealed, LockboxChange change) {
        public Verified(LockboxHeader header, Object sealed) {
            this(header, sealed, null);
        }
    }
}
