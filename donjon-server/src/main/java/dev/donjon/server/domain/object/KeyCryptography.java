package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import java.util.Optional;

/**
 * Cryptography with a managed key, for an edge that offers it as a service (KMIP's Encrypt, Sign, MAC...): the edge
 * says what to compute with a key {@link KeyService#use} handed over, and the crypto layer computes it with the key
 * material, which the edge never reads. Algorithms are named as the JDK names them ("SHA-256", "HmacSHA256",
 * "SHA256withECDSA"), so that no JCA type appears here. Failures are {@link DomainException.CryptographicFailure}.
 */
public interface KeyCryptography {

    enum AesMode { GCM, CBC, ECB, CTR }

    /** The block ciphers a symmetric key encrypts with, chosen by the key's own algorithm (never by a request). */
    enum BlockCipher { AES, TRIPLE_DES }

    /** The block cipher of a key stored with algorithm {@code algorithm} ("aes", "des3"); empty for any other. */
    Optional<BlockCipher> blockCipher(String algorithm);

    /** Key material's encodings (PKCS#1, PKCS#8, ECPrivateKey, SubjectPublicKeyInfo, the transparent numbers). */
    KeyEncodings encodings();

    /**
     * @param iv       the IV or nonce; {@code null} on encryption to have one drawn (not for ECB)
     * @param padded   PKCS#5 padding for CBC and ECB; ignored by the stream modes
     * @param aad      GCM additional authenticated data, or {@code null}
     * @param tagBytes the GCM tag length
     */
    record AesCipher(AesMode mode, boolean padded, byte[] iv, byte[] aad, int tagBytes) {
    }

    /** An encryption's output, the IV it used ({@code null} for ECB) and its tag ({@code null} if unauthenticated). */
    record Sealed(byte[] output, byte[] iv, byte[] tag) {
    }

    /** RSA encryption padding: PKCS#1 v1.5, or OAEP with its hash, mask generation hash and label. */
    record RsaPadding(boolean oaep, String hash, String maskHash, byte[] label) {
        public static final RsaPadding PKCS1_V1_5 = new RsaPadding(false, null, null, null);
    }

    /** RSASSA-PSS parameters: the message hash, the MGF1 hash and the salt length. */
    record Pss(String hash, String maskHash, int saltBytes) {
    }

    /** A signature algorithm as the JDK names it, with its PSS parameters for "RSASSA-PSS". */
    record SignatureScheme(String algorithm, Optional<Pss> pss) {
    }

    /** A multi-part encryption or decryption in progress; it holds its own cipher state. */
    interface Stream {
        byte[] update(byte[] data);

        Finished finish(byte[] data);
    }

    /** The last part's output and, for an authenticated encryption, its tag. */
    record Finished(byte[] output, byte[] tag) {
    }

    Sealed encrypt(KeyService.Revealed key, AesCipher cipher, byte[] data);

    /** @param tag the GCM tag, {@code null} for the other modes */
    byte[] decrypt(KeyService.Revealed key, AesCipher cipher, byte[] data, byte[] tag);

    Sealed chacha20Poly1305Encrypt(KeyService.Revealed key, byte[] nonce, byte[] aad, byte[] data, int tagBytes);

    byte[] chacha20Poly1305Decrypt(KeyService.Revealed key, byte[] nonce, byte[] aad, byte[] data, byte[] tag);

    /** ChaCha20 alone encrypts and decrypts alike. */
    byte[] chacha20(KeyService.Revealed key, byte[] nonce, byte[] data);

    byte[] rsaEncrypt(KeyService.Revealed publicKey, RsaPadding padding, byte[] data);

    byte[] rsaDecrypt(KeyService.Revealed privateKey, RsaPadding padding, byte[] data);

    byte[] sign(KeyService.Revealed privateKey, SignatureScheme scheme, byte[] data);

    /** @param publicKey a public key or a certificate */
    boolean verify(KeyService.Revealed publicKey, SignatureScheme scheme, byte[] data, byte[] signature);

    /** The size of an RSA public key's modulus, which bounds a PSS salt. */
    int rsaModulusBytes(KeyService.Revealed publicKey);

    byte[] mac(KeyService.Revealed key, String algorithm, byte[] data);

    /** Compares in constant time. */
    boolean macMatches(KeyService.Revealed key, String algorithm, byte[] data, byte[] mac);

    /** A digest; no key involved, here so that the edges need no hash implementation of their own. */
    byte[] hash(String algorithm, byte[] data);

    /**
     * How Derive Key turns a base key's material into new material (KMIP 1.4 §4.6, 2.1 §6.1.12). Algorithms are the
     * JDK's names ("HmacSHA256", "SHA-256"); none of the fields is secret.
     */
    sealed interface Derivation {
        /** PBKDF2 with {@code hmac} as its PRF. */
        record Pbkdf2(String hmac, byte[] salt, int iterations) implements Derivation {
        }

        /** The digest of {@code data}, or of the base key's material when {@code data} is empty. */
        record Hash(String digest, byte[] data) implements Derivation {
        }

        /** The base key's HMAC over {@code data}, at most one MAC long. */
        record Hmac(String hmac, byte[] data) implements Derivation {
        }

        /** HKDF (RFC 5869) with {@code hmac}. */
        record Hkdf(String hmac, byte[] salt, byte[] info) implements Derivation {
        }

        /** NIST SP 800-108 counter mode: {@code hmac} as PRF, a 32-bit counter before {@code fixed}. */
        record CounterMode(String hmac, byte[] fixed) implements Derivation {
        }
    }

    /** {@code bytes} bytes derived from {@code base}; more than the method gives is a Cryptographic Failure. */
    byte[] derive(KeyService.Revealed base, Derivation derivation, int bytes);

    /** NIST AES Key Wrap (RFC 3394) of {@code data} under an AES key. */
    byte[] wrap(KeyService.Revealed kek, byte[] data);

    /**
     * @param tag          the tag a decryption checks, which KMIP gives up front; {@code null} on encryption
     * @param maxHeldBack  what an authenticated decryption may hold back until its tag is checked
     */
    Stream aesStream(KeyService.Revealed key, boolean encrypt, AesCipher cipher, byte[] tag, long maxHeldBack);

    Stream chacha20Stream(KeyService.Revealed key, byte[] nonce);

    Stream chacha20Poly1305Stream(KeyService.Revealed key, boolean encrypt, byte[] nonce, byte[] aad, byte[] tag,
                                  int tagBytes, long maxHeldBack);
}
