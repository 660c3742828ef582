package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.keys.Plaintext;

/**
 * Fresh key material for orders (REST) and Create / Create Key Pair (KMIP). Implementations use a DRBG or the HSM's
 * generator; the domain never picks random bytes itself.
 */
public interface KeyGenerator {
    /** @throws DomainException.InvalidInput when the algorithm cannot have that length */
    Plaintext symmetric(SymmetricAlgorithm algorithm, int bits);

    /**
     * @param passphrase encrypts the private key (PKCS#8, PBES2) when not {@code null}
     * @throws DomainException.InvalidInput when the algorithm cannot have that size
     */
    KeyPairMaterial keyPair(AsymmetricAlgorithm algorithm, int bits, char[] passphrase);

    /**
     * DES3 is Triple DES (TDEA): 112 or 168 key bits, stored as 16 or 24 bytes with odd parity. IDEA (128 bits) and
     * Camellia (128, 192, 256) are stored for clients that use them locally; the server does not compute with them.
     */
    enum SymmetricAlgorithm { AES, DES3, HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512, IDEA, CAMELLIA }

    /**
     * RSA and DSA sizes are bit lengths (of the modulus, of the prime P); EC curves are named by their field size (256,
     * 384); Ed25519 ignores bits.
     */
    enum AsymmetricAlgorithm { RSA, DSA, EC, ED25519 }

    /** A generated key pair, PEM-encoded: SubjectPublicKeyInfo and (possibly encrypted) PKCS#8. */
    record KeyPairMaterial(Plaintext publicKey, Plaintext privateKey) implements AutoCloseable {
        @Override
        public void close() {
            publicKey.close();
            privateKey.close();
        }
    }
}
