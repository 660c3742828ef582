package dev.donjon.server.crypto;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cryptographic operations Donjon performs with stored keys on a client's behalf (KMIP Encrypt, Sign, MAC...),
 * and the key encodings they take. JCA names in, bytes out; failures are {@link Failure}s that say which kind of
 * thing went wrong and never quote key material.
 */
public final class Primitives {
    private static final int GCM_IV_BYTES = 12;
    private static final int MIN_TAG_BYTES = 12;
    private static final int POLY1305_TAG_BYTES = 16;
    /**
     * One unused digest per algorithm, cloned for each hash: {@code getInstance} looks the provider up each time
     * (every KMIP Create computes the new key's Digest). Only algorithms that exist are kept.
     */
    private static final java.util.concurrent.ConcurrentMap<String, MessageDigest> DIGESTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Primitives() {
    }

    public enum AesMode { GCM, CBC, ECB, CTR }

    /**
     * The block ciphers symmetric keys encrypt with here, chosen by the key's own algorithm (never by the request):
     * AES and Triple DES (JCA DESede, 2- or 3-key, 8-byte blocks, no GCM).
     */
    public enum BlockCipher {
        AES("AES", 16), DES3("DESede", 8);

        private final String jcaName;
        private final int blockBytes;

        BlockCipher(String jcaName, int blockBytes) {
            this.jcaName = jcaName;
            this.blockBytes = blockBytes;
        }

        public int blockBytes() {
            return blockBytes;
        }

        /** The cipher of a key stored with algorithm {@code algorithm} ("aes", "des3"); empty for any other. */
        public static Optional<BlockCipher> of(String algorithm) {
            return switch (algorithm == null ? "" : algorithm.toLowerCase(java.util.Locale.ROOT)) {
                case "aes" -> Optional.of(AES);
                case "des3", "tripledes", "3des" -> Optional.of(DES3);
                default -> Optional.empty();
            };
        }

        private boolean fits(byte[] key) {
            return this == AES ? key.length == 16 || key.length == 24 || key.length == 32
                    : key.length == 16 || key.length == 24;
        }
    }

    /** What went wrong: the caller's parameters, the key, or an authentication check. */
    public static final class Failure extends RuntimeException {
        public enum Kind { BAD_PARAMETERS, BAD_KEY, AUTHENTICATION_FAILED }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * @param iv     the IV or nonce, or {@code null} to have one generated
     * @param padded PKCS#5 padding for CBC and ECB; ignored by the stream modes
     * @param tagBytes the GCM tag length
     */
    public record AesRequest(AesMode mode, boolean padded, byte[] iv, byte[] aad, int tagBytes, BlockCipher cipher) {
        /** With AES, the cipher of every mode. */
        public AesRequest(AesMode mode, boolean padded, byte[] iv, byte[] aad, int tagBytes) {
            this(mode, padded, iv, aad, tagBytes, BlockCipher.AES);
        }
    }

    /** @param iv the IV used, {@code null} for ECB; @param tag the GCM tag, else {@code null} */
    public record AesResult(byte[] output, byte[] iv, byte[] tag) {
    }

    public static AesResult aesEncrypt(byte[] key, AesRequest request, byte[] data, SecureRandom random) {
        byte[] iv = request.iv();
        if (iv == null && request.mode() != AesMode.ECB) {
            iv = new byte[request.mode() == AesMode.GCM ? GCM_IV_BYTES : request.cipher().blockBytes()];
            random.nextBytes(iv);
        }
        Cipher cipher = aes(Cipher.ENCRYPT_MODE, key, request, iv);
        byte[] out = run(cipher, request, data);
        if (request.mode() != AesMode.GCM) {
            return new AesResult(out, iv, null);
        }
        int split = out.length - request.tagBytes();
        return new AesResult(Arrays.copyOf(out, split), iv, Arrays.copyOfRange(out, split, out.length));
    }

    /** @param tag the GCM tag, appended to the ciphertext as the JCA expects */
    public static byte[] aesDecrypt(byte[] key, AesRequest request, byte[] data, byte[] tag) {
        if (request.mode() != AesMode.ECB && request.iv() == null) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "decryption needs the IV");
        }
        byte[] input = data;
        if (request.mode() == AesMode.GCM) {
            if (tag == null) {
                throw new Failure(Failure.Kind.BAD_PARAMETERS, "GCM decryption needs the tag");
            }
            input = Arrays.copyOf(data, data.length + tag.length);
            System.arraycopy(tag, 0, input, data.length, tag.length);
            request = new AesRequest(request.mode(), false, request.iv(), request.aad(), tag.length, request.cipher());
        }
        return run(aes(Cipher.DECRYPT_MODE, key, request, request.iv()), request, input);
    }

    static Cipher aes(int direction, byte[] key, AesRequest request, byte[] iv) {
        BlockCipher algorithm = request.cipher();
        if (!algorithm.fits(key)) {
            throw new Failure(Failure.Kind.BAD_KEY, "not a " + algorithm.jcaName + " key length: " + key.length * 8
                    + " bits");
        }
        if (algorithm != BlockCipher.AES && request.mode() == AesMode.GCM) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "GCM is a mode of AES only");
        }
        String padding = request.padded() && (request.mode() == AesMode.CBC || request.mode() == AesMode.ECB)
                ? "PKCS5Padding" : "NoPadding";
        try {
            Cipher cipher = Cipher.getInstance(algorithm.jcaName + "/" + request.mode() + "/" + padding);
            // Two-key Triple DES (K1 K2) is three-key K1 K2 K1 to the JCA, which takes 24-byte keys only.
            byte[] full = key.length == 16 && algorithm == BlockCipher.DES3 ? twoKeyDes3(key) : key;
            SecretKeySpec spec = new SecretKeySpec(full, algorithm.jcaName);
            if (full != key) {
                Arrays.fill(full, (byte) 0);
            }
            switch (request.mode()) {
                case GCM -> {
                    if (request.tagBytes() < 12 || request.tagBytes() > 16) {
                        throw new Failure(Failure.Kind.BAD_PARAMETERS, "GCM tag length must be 12 to 16 bytes");
                    }
                    cipher.init(direction, spec, new GCMParameterSpec(request.tagBytes() * 8, iv));
                    if (request.aad() != null) {
                        cipher.updateAAD(request.aad());
                    }
                }
                case CBC, CTR -> cipher.init(direction, spec, new IvParameterSpec(iv));
                case ECB -> cipher.init(direction, spec);
            }
            return cipher;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, algorithm.jcaName + " parameters rejected: "
                    + e.getMessage());
        }
    }

    private static byte[] twoKeyDes3(byte[] key) {
        byte[] full = Arrays.copyOf(key, 24);
        System.arraycopy(key, 0, full, 16, 8);
        return full;
    }

    private static byte[] run(Cipher cipher, AesRequest request, byte[] data) {
        return run(cipher, request.mode().toString(), data);
    }

    static byte[] run(Cipher cipher, String mode, byte[] data) {
        try {
            return cipher.doFinal(data);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Failure(Failure.Kind.AUTHENTICATION_FAILED, "the " + mode + " tag does not authenticate");
        } catch (BadPaddingException e) {
            throw new Failure(Failure.Kind.AUTHENTICATION_FAILED, "bad padding");
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, mode + " rejected the data: " + e.getMessage());
        }
    }

    /** @param algorithm a JCA signature name, e.g. SHA256withRSA, SHA256withECDSA */
    public static byte[] sign(String algorithm, byte[] privateKey, byte[] data) {
        return sign(algorithm, null, privateKey, data);
    }

    /** @param parameters the scheme's parameters (RSASSA-PSS), or {@code null} */
    public static byte[] sign(String algorithm, java.security.spec.AlgorithmParameterSpec parameters,
                              byte[] privateKey, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(privateKey(privateKey));
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, algorithm + " cannot sign with this key");
        }
    }

    public static boolean verify(String algorithm, PublicKey publicKey, byte[] data, byte[] signatureBytes) {
        return verify(algorithm, null, publicKey, data, signatureBytes);
    }

    /** @param parameters the scheme's parameters (RSASSA-PSS), or {@code null} */
    public static boolean verify(String algorithm, java.security.spec.AlgorithmParameterSpec parameters,
                                 PublicKey publicKey, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(publicKey);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, algorithm + " cannot verify with this key");
        }
    }

    /** @param algorithm a JCA MAC name, e.g. HmacSHA256 */
    /**
     * RSA encryption (encrypt with a public key, decrypt with a private one) under PKCS#1 v1.5 or OAEP padding.
     *
     * @param oaep the OAEP parameters, or {@code null} for PKCS#1 v1.5
     */
    public static byte[] rsaEncrypt(PublicKey key, javax.crypto.spec.OAEPParameterSpec oaep, byte[] data,
                                    SecureRandom random) {
        try {
            Cipher cipher = Cipher.getInstance(oaep == null ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/OAEPPadding");
            if (oaep == null) {
                cipher.init(Cipher.ENCRYPT_MODE, key, random);
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, key, oaep, random);
            }
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "RSA encryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** @see #rsaEncrypt */
    public static byte[] rsaDecrypt(byte[] privateKey, javax.crypto.spec.OAEPParameterSpec oaep, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance(oaep == null ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/OAEPPadding");
            if (oaep == null) {
                cipher.init(Cipher.DECRYPT_MODE, privateKey(privateKey));
            } else {
                cipher.init(Cipher.DECRYPT_MODE, privateKey(privateKey), oaep);
            }
            return cipher.doFinal(data);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw new Failure(Failure.Kind.AUTHENTICATION_FAILED, "RSA decryption failed");
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "RSA decryption failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * ChaCha20 (a stream cipher: encryption and decryption are the same). A 12-byte nonce is RFC 8439's; an 8-byte
     * one is the original 64-bit nonce with a 64-bit block counter, which for the first 2^32 blocks equals RFC 8439
     * with the nonce prefixed by four zero bytes.
     */
    public static byte[] chacha20(byte[] key, byte[] nonce, byte[] data) {
        return chacha20(key, nonce, 0, data);
    }

    private static byte[] chacha20(byte[] key, byte[] nonce, int counter, byte[] data) {
        try {
            return chacha20Cipher(key, nonce, counter).doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "ChaCha20 failed: " + e.getClass().getSimpleName());
        }
    }

    static Cipher chacha20Cipher(byte[] key, byte[] nonce, int counter) {
        byte[] rfcNonce = switch (nonce == null ? -1 : nonce.length) {
            case 12 -> nonce;
            case 8 -> {
                byte[] longer = new byte[12];
                System.arraycopy(nonce, 0, longer, 4, 8);
                yield longer;
            }
            default -> throw new Failure(Failure.Kind.BAD_PARAMETERS, "ChaCha20 needs an 8- or 12-byte nonce");
        };
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                    new javax.crypto.spec.ChaCha20ParameterSpec(rfcNonce, counter));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "ChaCha20 failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * ChaCha20-Poly1305 AEAD (RFC 8439) with a 12-byte nonce. The tag may be truncated to {@code tagBytes} (12 to 16),
     * as KMIP's Tag Length allows for AEAD modes.
     */
    public static AesResult chacha20Poly1305Encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] data, int tagBytes) {
        requireAeadTagLength(tagBytes);
        byte[] out = run(chacha20Poly1305(Cipher.ENCRYPT_MODE, key, nonce, aad), "ChaCha20-Poly1305", data);
        int split = out.length - POLY1305_TAG_BYTES;
        return new AesResult(Arrays.copyOf(out, split), null, Arrays.copyOfRange(out, split, split + tagBytes));
    }

    /**
     * Decrypts and authenticates ChaCha20-Poly1305. A full 16-byte tag is checked by the JCA; a truncated one (12 to
     * 15 bytes) against the prefix of the tag recomputed over the recovered plaintext, which is released only when
     * it matches.
     */
    public static byte[] chacha20Poly1305Decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] data, byte[] tag) {
        requireAeadTagLength(tag.length);
        if (tag.length == POLY1305_TAG_BYTES) {
            byte[] input = Arrays.copyOf(data, data.length + tag.length);
            System.arraycopy(tag, 0, input, data.length, tag.length);
            return run(chacha20Poly1305(Cipher.DECRYPT_MODE, key, nonce, aad), "ChaCha20-Poly1305", input);
        }
        // RFC 8439 §2.8: the ciphertext is ChaCha20 from block counter 1; block 0 keys Poly1305.
        byte[] clear = chacha20(key, nonce, 1, data);
        byte[] expected = chacha20Poly1305Encrypt(key, nonce, aad, clear, POLY1305_TAG_BYTES).tag();
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, tag.length), tag)) {
            Arrays.fill(clear, (byte) 0);
            throw new Failure(Failure.Kind.AUTHENTICATION_FAILED, "the Poly1305 tag does not authenticate");
        }
        return clear;
    }

    private static void requireAeadTagLength(int tagBytes) {
        if (tagBytes < MIN_TAG_BYTES || tagBytes > POLY1305_TAG_BYTES) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "the tag length must be 12 to 16 bytes");
        }
    }

    static Cipher chacha20Poly1305(int direction, byte[] key, byte[] nonce, byte[] aad) {
        if (nonce == null || nonce.length != 12) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "ChaCha20-Poly1305 needs a 12-byte nonce");
        }
        if (key.length != 32) {
            throw new Failure(Failure.Kind.BAD_KEY, "ChaCha20-Poly1305 needs a 256-bit key");
        }
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(direction, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "ChaCha20-Poly1305 failed: " + e.getClass().getSimpleName());
        }
    }

    /** AES Key Wrap (RFC 3394, NIST SP 800-38F KW): the data must be a multiple of 8 bytes, at least 16. */
    public static byte[] aesKeyWrap(byte[] kek, byte[] data) {
        if (data.length < 16 || data.length % 8 != 0) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, "AES key wrap needs a multiple of 8 bytes, at least 16");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/KW/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "AES key wrap failed: " + e.getClass().getSimpleName());
        }
    }

    public static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, algorithm + " is not available with this key");
        }
    }

    public static boolean macMatches(String algorithm, byte[] key, byte[] data, byte[] expected) {
        return MessageDigest.isEqual(mac(algorithm, key, data), expected);
    }

    /** @param algorithm a JCA digest name, e.g. SHA-256 */
    public static byte[] hash(String algorithm, byte[] data) {
        MessageDigest prototype;
        try {
            prototype = DIGESTS.computeIfAbsent(algorithm, Primitives::newDigest);
        } catch (IllegalArgumentException e) {
            throw new Failure(Failure.Kind.BAD_PARAMETERS, algorithm + " is not available");
        }
        try {
            return ((MessageDigest) prototype.clone()).digest(data);
        } catch (CloneNotSupportedException e) {
            return newDigest(algorithm).digest(data);
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(algorithm + " is not available", e);
        }
    }

    // ------------------------------------------------------------------ key encodings

    /** The DER inside a PEM text, or the bytes themselves when they are not PEM. */
    public static byte[] der(byte[] encoded) {
        if (!startsWith(encoded, "-----BEGIN ")) {
            return encoded;
        }
        try (PemReader reader = new PemReader(new StringReader(new String(encoded, StandardCharsets.US_ASCII)))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new Failure(Failure.Kind.BAD_KEY, "unreadable PEM");
            }
            return object.getContent();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "unreadable PEM");
        }
    }

    /** A private key as PKCS#8 DER, from PKCS#8, PKCS#1 (RSA) or RFC 5915 ECPrivateKey, DER or PEM. */
    public static byte[] privateKeyPkcs8(byte[] encoded) {
        byte[] der = der(encoded);
        if (isPkcs8(der)) {
            return der;
        }
        Optional<org.bouncycastle.asn1.sec.ECPrivateKey> ec = ecPrivateKey(der);
        if (ec.isPresent()) {
            if (ec.get().getParametersObject() == null) {
                throw new Failure(Failure.Kind.BAD_KEY, "an ECPrivateKey must name its curve (RFC 5915 §3)");
            }
            try {
                return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        ec.get().getParametersObject()), ec.get()).getEncoded();
            } catch (IOException e) {
                throw new Failure(Failure.Kind.BAD_KEY, "not an EC private key");
            }
        }
        try {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    rsa).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "not a PKCS#8 or PKCS#1 private key");
        }
    }

    /** Whether the (DER) private key is PKCS#8 rather than PKCS#1. */
    public static boolean isPkcs8(byte[] der) {
        try {
            PrivateKeyInfo.getInstance(ASN1Sequence.getInstance(der));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The RFC 5915 ECPrivateKey the DER is, if it is one (version 1, a private key octet string). */
    private static Optional<org.bouncycastle.asn1.sec.ECPrivateKey> ecPrivateKey(byte[] der) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() < 2 || !(sequence.getObjectAt(1) instanceof org.bouncycastle.asn1.ASN1OctetString)) {
                return Optional.empty();
            }
            return Optional.of(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sequence));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the (DER) private key is an RFC 5915 ECPrivateKey. */
    public static boolean isEcPrivateKey(byte[] der) {
        return ecPrivateKey(der).isPresent();
    }

    /**
     * An EC private key as an RFC 5915 ECPrivateKey, DER, with its curve's parameters (which RFC 5915 §3 requires:
     * outside PKCS#8 nothing else names the curve) and its public key when the source had it.
     */
    public static byte[] privateKeyEc(byte[] encoded) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKeyPkcs8(encoded));
            if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new Failure(Failure.Kind.BAD_KEY, "ECPrivateKey holds EC keys only");
            }
            org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                    info.parsePrivateKey());
            org.bouncycastle.asn1.ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            // The private key octet string is as long as the curve's order (RFC 5915 §3).
            org.bouncycastle.asn1.x9.X9ECParameters named = curve instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid
                    ? org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(oid) : null;
            int orderBits = named != null ? named.getN().bitLength() : inner.getKey().bitLength();
            return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, inner.getKey(), inner.getPublicKey(), curve)
                    .getEncoded();
        } catch (IOException | RuntimeException e) {
            if (e instanceof Failure failure) {
                throw failure;
            }
            throw new Failure(Failure.Kind.BAD_KEY, "not an EC private key");
        }
    }

    /** An RSA private key as PKCS#1 DER. */
    public static byte[] privateKeyPkcs1(byte[] encoded) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKeyPkcs8(encoded));
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new Failure(Failure.Kind.BAD_KEY, "PKCS#1 holds RSA keys only");
            }
            return info.parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "not an RSA private key");
        }
    }

    /** A public key as SubjectPublicKeyInfo DER, from SPKI, PKCS#1 (RSA) or an X.509 certificate, DER or PEM. */
    public static byte[] publicKeySpki(byte[] encoded) {
        byte[] der = der(encoded);
        try {
            return SubjectPublicKeyInfo.getInstance(ASN1Sequence.getInstance(der)).getEncoded();
        } catch (IOException | RuntimeException notSpki) {
            try {
                RSAPublicKey rsa = RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), rsa).getEncoded();
            } catch (IOException | RuntimeException notPkcs1) {
                try {
                    return Certificate.getInstance(der).getSubjectPublicKeyInfo().getEncoded();
                } catch (IOException | RuntimeException notCertificate) {
                    throw new Failure(Failure.Kind.BAD_KEY, "not a public key or certificate");
                }
            }
        }
    }

    /** Whether the (DER) public key is a SubjectPublicKeyInfo rather than PKCS#1. */
    public static boolean isSpki(byte[] der) {
        try {
            SubjectPublicKeyInfo.getInstance(ASN1Sequence.getInstance(der));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** An RSA public key as PKCS#1 DER. */
    public static byte[] publicKeyPkcs1(byte[] encoded) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKeySpki(encoded));
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
                throw new Failure(Failure.Kind.BAD_KEY, "PKCS#1 holds RSA keys only");
            }
            return info.parsePublicKey().getEncoded();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "not an RSA public key");
        }
    }

    public static PrivateKey privateKey(byte[] encoded) {
        byte[] pkcs8 = privateKeyPkcs8(encoded);
        String algorithm = jcaName(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm());
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "unsupported private key");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    public static PublicKey publicKey(byte[] encoded) {
        byte[] spki = publicKeySpki(encoded);
        String algorithm = jcaName(SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm());
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new Failure(Failure.Kind.BAD_KEY, "unsupported public key");
        }
    }

    /** Whether the private key (PKCS#8 or PKCS#1, DER or PEM) is a DSA key. */
    public static boolean isDsaPrivateKey(byte[] encoded) {
        return X9ObjectIdentifiers.id_dsa.equals(PrivateKeyInfo.getInstance(privateKeyPkcs8(encoded))
                .getPrivateKeyAlgorithm().getAlgorithm());
    }

    /** Whether the public key (SPKI, PKCS#1 or a certificate, DER or PEM) is a DSA key. */
    public static boolean isDsaPublicKey(byte[] encoded) {
        return X9ObjectIdentifiers.id_dsa.equals(SubjectPublicKeyInfo.getInstance(publicKeySpki(encoded))
                .getAlgorithm().getAlgorithm());
    }

    /** The JCA key factory for a key's algorithm identifier; EC for anything else, which the factory then checks. */
    private static String jcaName(org.bouncycastle.asn1.ASN1ObjectIdentifier algorithm) {
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return "RSA";
        }
        return X9ObjectIdentifiers.id_dsa.equals(algorithm) ? "DSA" : "EC";
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= p.length && Arrays.equals(bytes, 0, p.length, p, 0, p.length);
    }
}
