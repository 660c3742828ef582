package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KMIP Cryptographic Parameters read for the cryptographic operations: the request's, or else the key's attribute, and
 * what they name (cipher mode and padding, signature and MAC algorithms, hashes), with the specification's defaults.
 */
final class CryptographicParameters {
    static final int DEFAULT_TAG_BYTES = 16;

    private CryptographicParameters() {
    }

    /**
     * The request's Cryptographic Parameters, or else the key's Cryptographic Parameters attribute (KMIP 1.4 §4.29:
     * "if not present, the server uses the Cryptographic Parameters attribute of the managed object").
     */
    static Optional<Structure> parameters(Optional<Structure> given, KeyService.Revealed key) {
        return given.or(() -> Optional.ofNullable(
                        key.object().attributes().text().get(KmipAttribute.CRYPTOGRAPHIC_PARAMETERS.v1Name()))
                .flatMap(values -> values.stream().findFirst())
                .map(stored -> (Structure) AttributeMapping.storedValue(
                        KmipAttribute.CRYPTOGRAPHIC_PARAMETERS.v1Name(), stored)));
    }

    /**
     * The key's own Cryptographic Algorithm chooses the cipher (AES or Triple DES, see JcaKeyCryptography); a request
     * naming another one is refused rather than obeyed or ignored, and so is a key whose algorithm does not encrypt
     * here (an HMAC key, say). KMIP 1.x's Encrypt and Decrypt tables answer both with Permission Denied ("not able to
     * be used for encryption"); 2.x names a contradicting parameter Bad Cryptographic Parameters.
     */
    static KeyCryptography.AesCipher aesRequest(KeyCryptography cryptography, OperationContext context,
                                                Optional<Structure> given,
                                                KeyService.Revealed key, byte[] iv, byte[] aad) {
        String stored = key.object().secret().algorithm();
        KeyCryptography.BlockCipher cipher = cryptography.blockCipher(stored).orElseThrow(() -> new KmipError(
                ResultReason.PERMISSION_DENIED, "a " + (stored == null ? "key without an algorithm" : stored + " key")
                + " cannot encrypt or decrypt"));
        Structure parameters = parameters(given, key)
                .orElseThrow(() -> KmipError.missing("Cryptographic Parameters"));
        Fields.enumeration(parameters, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index())
                .filter(a -> cryptography.blockCipher(AttributeMapping.algorithmName(a)).orElse(null) != cipher)
                .ifPresent(a -> {
                    throw new KmipError(context.v2() ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS
                            : ResultReason.PERMISSION_DENIED, "the request names " + a.specName()
                            + " but the key is a " + stored + " key");
                });
        BlockCipherMode mode = Fields.enumeration(parameters, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index())
                .orElseThrow(() -> KmipError.missing("Block Cipher Mode"));
        KeyCryptography.AesMode aesMode = switch (mode) {
            case GCM -> KeyCryptography.AesMode.GCM;
            case CBC -> KeyCryptography.AesMode.CBC;
            case ECB -> KeyCryptography.AesMode.ECB;
            case CTR -> KeyCryptography.AesMode.CTR;
            default -> throw unsupported(mode.specName() + " mode is not supported");
        };
        PaddingMethod padding = Fields.enumeration(parameters, Tag.PADDING_METHOD, PaddingMethod.index())
                .orElse(PaddingMethod.NONE);
        boolean padded = switch (padding) {
            case NONE -> false;
            case PKCS5 -> true;
            default -> throw unsupported(padding.specName() + " padding is not supported");
        };
        int tagBytes = Fields.integer(parameters, Tag.TAG_LENGTH).orElse(DEFAULT_TAG_BYTES);
        return new KeyCryptography.AesCipher(aesMode, padded, iv, aad, tagBytes);
    }

    /**
     * RSASSA-PSS when the Padding Method says PSS: the hash of Hashing Algorithm (SHA-256 by default), MGF1 with
     * the Mask Generator Hashing Algorithm (the same hash by default), the Salt Length (the hash length by default).
     */
    static KeyCryptography.SignatureScheme signatureScheme(Optional<Structure> given, KeyService.Revealed key) {
        Optional<Structure> parameters = parameters(given, key);
        boolean pss = parameters.flatMap(p -> Fields.enumeration(p, Tag.PADDING_METHOD, PaddingMethod.index()))
                .filter(p -> p == PaddingMethod.PSS).isPresent();
        if (!pss) {
            return new KeyCryptography.SignatureScheme(signatureAlgorithm(given, key), Optional.empty());
        }
        HashingAlgorithm hash = parameters.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM,
                HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_256);
        HashingAlgorithm mgfHash = parameters.flatMap(p -> Fields.enumeration(p,
                Tag.MASK_GENERATOR_HASHING_ALGORITHM, HashingAlgorithm.index())).orElse(hash);
        int salt = parameters.flatMap(p -> Fields.integer(p, Tag.SALT_LENGTH)).orElse(digestBytes(digest(hash)));
        return new KeyCryptography.SignatureScheme("RSASSA-PSS", Optional.of(new KeyCryptography.Pss(digest(hash),
                digest(mgfHash), salt)));
    }

    /**
     * The schemes a signature may verify under. For RSASSA-PSS without an explicit Salt Length or Mask Generator
     * Hashing Algorithm, the specification's defaults are ambiguous ("the block size of the Mask Generator Hashing
     * Algorithm"; SHA-1) and implementations differ (the OASIS vectors sign with MGF1 over the message hash and the
     * largest salt), so verification accepts the usual choices, as OpenSSL's automatic salt length does: the salt
     * length is not a security parameter of the verifier.
     */
    static List<KeyCryptography.SignatureScheme> verificationSchemes(Optional<Structure> given,
                                                                     KeyService.Revealed key,
                                                                     KeyCryptography cryptography) {
        KeyCryptography.SignatureScheme named = signatureScheme(given, key);
        if (named.pss().isEmpty()) {
            return List.of(named);
        }
        KeyCryptography.Pss pss = named.pss().get();
        Optional<Structure> parameters = parameters(given, key);
        boolean saltGiven = parameters.flatMap(p -> Fields.integer(p, Tag.SALT_LENGTH)).isPresent();
        boolean mgfGiven = parameters.flatMap(p -> p.find(Tag.MASK_GENERATOR_HASHING_ALGORITHM)).isPresent();
        int modulusBytes = cryptography.rsaModulusBytes(key);
        int hashLength = digestBytes(pss.hash());
        List<Integer> salts = saltGiven ? List.of(pss.saltBytes())
                : List.of(hashLength, modulusBytes - hashLength - 2);
        List<String> mgfHashes = mgfGiven ? List.of(pss.maskHash()) : List.of(pss.hash(), "SHA-1");
        List<KeyCryptography.SignatureScheme> schemes = new ArrayList<>();
        for (String mgf : mgfHashes) {
            for (int salt : salts) {
                schemes.add(new KeyCryptography.SignatureScheme(named.algorithm(), Optional.of(
                        new KeyCryptography.Pss(pss.hash(), mgf, salt))));
            }
        }
        return schemes;
    }

    /**
     * OAEP when the Padding Method says OAEP (hash and MGF1 hash default to SHA-1, as in PKCS#1; the P Source is the
     * label); PKCS#1 v1.5 by default.
     */
    static KeyCryptography.RsaPadding oaep(Optional<Structure> parameters) {
        PaddingMethod padding = parameters.flatMap(p -> Fields.enumeration(p, Tag.PADDING_METHOD,
                PaddingMethod.index())).orElse(PaddingMethod.PKCS1_V1_5);
        return switch (padding) {
            case PKCS1_V1_5 -> KeyCryptography.RsaPadding.PKCS1_V1_5;
            case OAEP -> {
                HashingAlgorithm hash = parameters.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM,
                        HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_1);
                HashingAlgorithm mgfHash = parameters.flatMap(p -> Fields.enumeration(p,
                        Tag.MASK_GENERATOR_HASHING_ALGORITHM, HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_1);
                yield new KeyCryptography.RsaPadding(true, digest(hash), digest(mgfHash),
                        parameters.flatMap(p -> Fields.bytes(p, Tag.P_SOURCE)).orElse(null));
            }
            default -> throw unsupported(padding.specName() + " padding is not supported for RSA encryption");
        };
    }

    private static String signatureAlgorithm(Optional<Structure> given, KeyService.Revealed key) {
        Optional<Structure> parameters = parameters(given, key);
        Optional<DigitalSignatureAlgorithm> named = parameters.flatMap(p -> Fields.enumeration(p,
                Tag.DIGITAL_SIGNATURE_ALGORITHM, DigitalSignatureAlgorithm.index()));
        if (named.isPresent()) {
            return switch (named.get()) {
                case SHA_1_WITH_RSA_ENCRYPTION -> "SHA1withRSA";
                case SHA_224_WITH_RSA_ENCRYPTION -> "SHA224withRSA";
                case SHA_256_WITH_RSA_ENCRYPTION -> "SHA256withRSA";
                case SHA_384_WITH_RSA_ENCRYPTION -> "SHA384withRSA";
                case SHA_512_WITH_RSA_ENCRYPTION -> "SHA512withRSA";
                case DSA_WITH_SHA_1 -> "SHA1withDSA";
                case DSA_WITH_SHA224 -> "SHA224withDSA";
                case DSA_WITH_SHA256 -> "SHA256withDSA";
                case ECDSA_WITH_SHA_1 -> "SHA1withECDSA";
                case ECDSA_WITH_SHA224 -> "SHA224withECDSA";
                case ECDSA_WITH_SHA256 -> "SHA256withECDSA";
                case ECDSA_WITH_SHA384 -> "SHA384withECDSA";
                case ECDSA_WITH_SHA512 -> "SHA512withECDSA";
                default -> throw unsupported(named.get().specName() + " is not supported");
            };
        }
        HashingAlgorithm hash = parameters.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM,
                HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_256);
        Optional<CryptographicAlgorithm> algorithm = parameters.flatMap(p -> Fields.enumeration(p,
                Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index()))
                .or(() -> AttributeMapping.algorithm(key.object().secret().algorithm()));
        parameters.flatMap(p -> Fields.enumeration(p, Tag.PADDING_METHOD, PaddingMethod.index()))
                .filter(p -> p != PaddingMethod.PKCS1_V1_5)
                .ifPresent(p -> {
                    throw unsupported(p.specName() + " signatures are not supported");
                });
        String digest = digest(hash).replace("-", "");
        return switch (algorithm.orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"))) {
            case RSA -> digest + "withRSA";
            case EC, ECDSA -> digest + "withECDSA";
            case DSA -> digest + "withDSA";
            default -> throw unsupported("signatures with " + algorithm.get().specName() + " are not supported");
        };
    }

    static String macAlgorithm(Optional<Structure> given, KeyService.Revealed key) {
        CryptographicAlgorithm algorithm = parameters(given, key)
                .flatMap(p -> Fields.enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index()))
                .or(() -> AttributeMapping.algorithm(key.object().secret().algorithm()))
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        return switch (algorithm) {
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA224 -> "HmacSHA224";
            case HMAC_SHA256 -> "HmacSHA256";
            case HMAC_SHA384 -> "HmacSHA384";
            case HMAC_SHA512 -> "HmacSHA512";
            default -> throw unsupported("MAC with " + algorithm.specName() + " is not supported");
        };
    }

    /** The output length of a hash the JDK names so ({@link #digest}). */
    static int digestBytes(String digest) {
        return switch (digest) {
            case "SHA-1" -> 20;
            case "SHA-224", "SHA3-224" -> 28;
            case "SHA-256", "SHA3-256" -> 32;
            case "SHA-384", "SHA3-384" -> 48;
            case "SHA-512", "SHA3-512" -> 64;
            default -> throw unsupported(digest + " is not supported");
        };
    }

    static String digest(HashingAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA_1 -> "SHA-1";
            case SHA_224 -> "SHA-224";
            case SHA_256 -> "SHA-256";
            case SHA_384 -> "SHA-384";
            case SHA_512 -> "SHA-512";
            case SHA3_224 -> "SHA3-224";
            case SHA3_256 -> "SHA3-256";
            case SHA3_384 -> "SHA3-384";
            case SHA3_512 -> "SHA3-512";
            default -> throw unsupported(algorithm.specName() + " is not supported");
        };
    }

    /**
     * ChaCha20-Poly1305 (RFC 8439) for a ChaCha20-Poly1305 key, or for a ChaCha20 key or parameters that ask for the
     * AEAD Block Cipher Mode.
     */
    static boolean isChaCha20Poly1305(KeyService.Revealed key, Optional<Structure> given) {
        Optional<CryptographicAlgorithm> keyAlgorithm = AttributeMapping.algorithm(key.object().secret().algorithm());
        if (keyAlgorithm.filter(a -> a == CryptographicAlgorithm.CHACHA20POLY1305).isPresent()) {
            return true;
        }
        Optional<Structure> parameters = parameters(given, key);
        boolean aead = parameters.flatMap(p -> Fields.enumeration(p, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index()))
                .filter(m -> m == BlockCipherMode.AEAD).isPresent();
        boolean named = parameters.flatMap(p -> Fields.enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM,
                CryptographicAlgorithm.index())).filter(a -> a == CryptographicAlgorithm.CHACHA20POLY1305).isPresent();
        return keyAlgorithm.filter(a -> a == CryptographicAlgorithm.CHACHA20).isPresent() && (aead || named);
    }

    static byte[] chachaNonce(Optional<byte[]> iv) {
        return iv.orElseThrow(() -> new KmipError(ResultReason.INVALID_MESSAGE, "the IV/Counter/Nonce is missing"));
    }

    static int tagBytes(Optional<Structure> given, KeyService.Revealed key) {
        return parameters(given, key).flatMap(p -> Fields.integer(p, Tag.TAG_LENGTH)).orElse(DEFAULT_TAG_BYTES);
    }

    static boolean isChaCha20(KeyService.Revealed key) {
        return AttributeMapping.algorithm(key.object().secret().algorithm())
                .filter(a -> a == CryptographicAlgorithm.CHACHA20).isPresent();
    }

    static void requireSymmetric(KeyService.Revealed key) {
        if (key.object().secret().type() != SecretType.SYMMETRIC) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "this operation needs a symmetric key");
        }
    }

    static KmipError unsupported(String message) {
        return new KmipError(ResultReason.INVALID_FIELD, message);
    }
}
