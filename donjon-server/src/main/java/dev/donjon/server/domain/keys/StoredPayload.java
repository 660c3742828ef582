package dev.donjon.server.domain.keys;

import dev.donjon.server.domain.barbican.PayloadBinding;

/**
 * A sealed payload as stored, with what it is bound to: what the KEK re-encryption job reads and replaces.
 *
 * @param kind    where the row lives: a secret's payload, or a certificate authority's private key
 * @param binding the identity the payload's AAD binds (for a CA key, {@code CertificateAuthority.keyBinding()})
 * @param sealed  the KEK version and the ciphertext currently stored
 */
public record StoredPayload(Kind kind, PayloadBinding binding, SealedPayload sealed) {
    public enum Kind {
        SECRET,
        CA_KEY
    }
}
