package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.server.crypto.CipherStream;
import dev.donjon.server.crypto.Primitives;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.KeyService;
import dev.donjon.server.domain.KeyUsage;
import dev.donjon.server.domain.SecretId;
import dev.donjon.server.domain.SecretType;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cryptographic services: the key never leaves the server, the domain checks state and usage mask before it hands
 * the material over ({@link KeyService#use}), and {@link Primitives} does the work.
 */
final class CryptoHandlers {
    /** RNG Retrieve hands out at most this much per request; a client wanting more asks again. */
    static final int MAX_RANDOM_BYTES = 64 * 1024;
    private static final int DEFAULT_TAG_BYTES = 16;
    private static final int GCM_IV_BYTES = 12;
    private static final int BLOCK_BYTES = 16;

    private final KeyService keys;
    private final SecureRandom random;

    private final java.time.Clock clock;
    private final CipherStreams streams;

    /** @param streams the open multi-part operations, shared with the other handlers of the same server */
    CryptoHandlers(KeyService keys, SecureRandom random, java.time.Clock clock, CipherStreams streams) {
        this.keys = keys;
        this.random = random;
        this.clock = clock;
        this.streams = streams;
    }

    /**
     * Counts a protecting use against the key's Usage Limits (KMIP 1.4 §3.21): bytes or operations, taken from the
     * Usage Limits Count (the Total at first) in the same transaction that checks it; a use beyond the limit is
     * refused as Permission Denied, as the OASIS CS-BC cases expect of 1.4 and 2.1.
     */
    private void consume(Exchange exchange, KeyService.Revealed key, long bytes) {
        String name = KmipAttribute.USAGE_LIMITS.v1Name();
        if (!key.object().attributes().text().containsKey(name)) {
            return;
        }
        keys.changeAttributes(exchange.call(), key.object().id(), attributes -> {
            List<String> stored = attributes.text().getOrDefault(name, List.of());
            if (stored.isEmpty()) {
                return attributes;
            }
            Structure limits = (Structure) AttributeCodec.storedValue(name, stored.getFirst());
            long total = longValue(limits, Tag.USAGE_LIMITS_TOTAL).orElse(Long.MAX_VALUE);
            long left = longValue(limits, Tag.USAGE_LIMITS_COUNT).orElse(total);
            long wanted = Fields.enumeration(limits, Tag.USAGE_LIMITS_UNIT, dev.donjon.kmip.enums.UsageLimitsUnit.index())
                    .orElse(dev.donjon.kmip.enums.UsageLimitsUnit.OBJECT) == dev.donjon.kmip.enums.UsageLimitsUnit.BYTE
                    ? bytes : 1;
            if (wanted > left) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "the key's usage limit is exhausted");
            }
            List<Ttlv> children = new ArrayList<>(limits.children().stream()
                    .filter(c -> c.tag() != Tag.USAGE_LIMITS_COUNT.code()).toList());
            children.add(new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, left - wanted));
            List<String> changed = new ArrayList<>(stored);
            changed.set(0, AttributeCodec.encode(new Structure(Tag.USAGE_LIMITS, children)));
            return attributes.withText(name, changed);
        });
    }

    private static Optional<Long> longValue(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> switch (item) {
            case Ttlv.LongItem l -> l.value();
            case Ttlv.IntegerItem i -> (long) i.value();
            default -> throw KmipError.invalidField(tag.specName() + " must be a Long Integer");
        });
    }

    /**
     * The key for a cryptographic operation, as {@link KeyService#use} hands it over, and within its Protect Stop Date
     * (for protecting usages) or Process Start Date (for processing ones), KMIP 1.4 §3.25–3.26: outside them it may
     * not be used, as in a wrong lifecycle state.
     */
    private KeyService.Revealed use(Exchange exchange, SecretId id, KeyUsage usage) {
        KeyService.Revealed key = keys.use(exchange.call(), id, usage);
        boolean protecting = usage.protects();
        KmipAttribute limit = protecting ? KmipAttribute.PROTECT_STOP_DATE : KmipAttribute.PROCESS_START_DATE;
        java.time.Instant now = clock.instant();
        boolean outside = key.object().attributes().text().getOrDefault(limit.v1Name(), List.of()).stream()
                .map(stored -> Fields.dateTime(AttributeCodec.storedValue(limit.v1Name(), stored)))
                .anyMatch(date -> protecting ? now.isAfter(date) : now.isBefore(date));
        if (outside) {
            key.close();
            throw new DomainException.Conflict(
                    DomainException.Clash.WRONG_STATE);
        }
        return key;
    }

    List<Ttlv> encrypt(Exchange exchange, Structure payload) {
        Part part = Part.of(payload);
        if (part.continues()) {
            return continueStream(exchange, payload, CipherStreams.Direction.ENCRYPT);
        }
        SecretId id = exchange.uid(payload);
        byte[] data = part.opens() ? Fields.bytes(payload, Tag.DATA).orElse(new byte[0])
                : Fields.requiredBytes(payload, Tag.DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.ENCRYPT)) {
            consume(exchange, key, data.length);
            if (part.opens()) {
                return openStream(exchange, id, key, payload, data, CipherStreams.Direction.ENCRYPT);
            }
            if (key.object().secret().type() == SecretType.PUBLIC) {
                return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, Primitives.rsaEncrypt(
                        Primitives.publicKey(key.material().bytes()), oaep(parameters(payload, key)), data, random)));
            }
            requireSymmetric(key);
            if (isChaCha20Poly1305(key, payload)) {
                Primitives.AesResult result = Primitives.chacha20Poly1305Encrypt(key.material().bytes(),
                        chachaNonce(payload), aad(payload), data, tagBytes(payload, key));
                return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, result.output()),
                        new Ttlv.BytesItem(Tag.AUTHENTICATED_ENCRYPTION_TAG, result.tag()));
            }
            if (isChaCha20(key)) {
                return chacha20(id, key, payload, data);
            }
            Primitives.AesRequest request = aesRequest(payload, key,
                    Fields.bytes(payload, Tag.IV_COUNTER_NONCE).orElse(null));
            Primitives.AesResult result = Primitives.aesEncrypt(key.material().bytes(), request, data, random);
            List<Ttlv> out = new ArrayList<>(List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA,
                    result.output())));
            if (result.iv() != null && request.iv() == null) {
                out.add(new Ttlv.BytesItem(Tag.IV_COUNTER_NONCE, result.iv()));
            }
            if (result.tag() != null) {
                out.add(new Ttlv.BytesItem(Tag.AUTHENTICATED_ENCRYPTION_TAG, result.tag()));
            }
            return out;
        }
    }

    List<Ttlv> decrypt(Exchange exchange, Structure payload) {
        Part part = Part.of(payload);
        if (part.continues()) {
            return continueStream(exchange, payload, CipherStreams.Direction.DECRYPT);
        }
        SecretId id = exchange.uid(payload);
        Optional<byte[]> tag = Fields.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_TAG);
        byte[] data = part.opens() ? Fields.bytes(payload, Tag.DATA).orElse(new byte[0])
                : Fields.requiredBytes(payload, Tag.DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.DECRYPT)) {
            if (part.opens()) {
                return openStream(exchange, id, key, payload, data, CipherStreams.Direction.DECRYPT);
            }
            if (key.object().secret().type() == SecretType.PRIVATE) {
                return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, Primitives.rsaDecrypt(
                        key.material().bytes(), oaep(parameters(payload, key)), data)));
            }
            requireSymmetric(key);
            if (isChaCha20Poly1305(key, payload)) {
                byte[] clear = Primitives.chacha20Poly1305Decrypt(key.material().bytes(), chachaNonce(payload),
                        aad(payload), data, tag.orElseThrow(() -> KmipError.missing("Authenticated Encryption Tag")));
                return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, clear));
            }
            if (isChaCha20(key)) {
                return chacha20(id, key, payload, data);
            }
            Primitives.AesRequest request = aesRequest(payload, key,
                    Fields.bytes(payload, Tag.IV_COUNTER_NONCE).orElse(null));
            requireIv(request);
            byte[] clear = Primitives.aesDecrypt(key.material().bytes(), request, data, tag.orElse(null));
            return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, clear));
        }
    }

    /**
     * Where a request stands in a multi-part operation (KMIP 1.4 §4, 2.1 §6.1): single-part without Init Indicator,
     * Final Indicator and Correlation Value, or with both indicators and no Correlation Value; the first part has
     * Init Indicator alone; later parts carry the Correlation Value, the last one with Final Indicator.
     */
    private record Part(boolean opens, Optional<byte[]> correlation, boolean last) {
        static Part of(Structure payload) {
            boolean init = Fields.bool(payload, Tag.INIT_INDICATOR).orElse(false);
            boolean last = Fields.bool(payload, Tag.FINAL_INDICATOR).orElse(false);
            Optional<byte[]> correlation = Fields.bytes(payload, Tag.CORRELATION_VALUE);
            if (correlation.isPresent() && init) {
                throw KmipError.invalidField("a Correlation Value continues a stream, which the Init Indicator opens");
            }
            if (correlation.isEmpty() && last && !init) {
                throw KmipError.missing("Correlation Value (the Final Indicator ends an open stream)");
            }
            return new Part(init && !last, correlation, last);
        }

        boolean continues() {
            return correlation.isPresent();
        }
    }

    /** The first part of a stream: sets up the cipher from the request and the key, and serves the part's data. */
    private List<Ttlv> openStream(Exchange exchange, SecretId id, KeyService.Revealed key, Structure payload,
                                  byte[] data, CipherStreams.Direction direction) {
        requireSymmetric(key);
        boolean encrypt = direction == CipherStreams.Direction.ENCRYPT;
        byte[] material = key.material().bytes();
        Optional<byte[]> tag = Fields.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_TAG);
        byte[] generatedIv = null;
        CipherStream stream;
        if (isChaCha20Poly1305(key, payload)) {
            stream = CipherStream.chacha20Poly1305(encrypt, material, chachaNonce(payload), aad(payload),
                    tag.orElse(null), tagBytes(payload, key), CipherStreams.MAX_HELD_BACK_BYTES);
        } else if (isChaCha20(key)) {
            stream = CipherStream.chacha20(material, chachaNonce(payload));
        } else {
            Primitives.AesRequest request = aesRequest(payload, key,
                    Fields.bytes(payload, Tag.IV_COUNTER_NONCE).orElse(null));
            if (encrypt && request.iv() == null && request.mode() != Primitives.AesMode.ECB) {
                generatedIv = new byte[request.mode() == Primitives.AesMode.GCM ? GCM_IV_BYTES : BLOCK_BYTES];
                random.nextBytes(generatedIv);
                request = new Primitives.AesRequest(request.mode(), request.padded(), generatedIv, request.aad(),
                        request.tagBytes());
            }
            requireIv(request);
            stream = CipherStream.aes(encrypt, material, request, tag.orElse(null),
                    CipherStreams.MAX_HELD_BACK_BYTES);
        }
        byte[] output = stream.update(data);
        byte[] correlation = streams.open(exchange, id, direction, stream);
        List<Ttlv> out = new ArrayList<>(List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA, output)));
        if (generatedIv != null) {
            out.add(new Ttlv.BytesItem(Tag.IV_COUNTER_NONCE, generatedIv));
        }
        out.add(new Ttlv.BytesItem(Tag.CORRELATION_VALUE, correlation));
        return out;
    }

    /**
     * A later part of a stream. The key is looked up again for every part, so that a stream stops serving once its
     * key may no longer be used (revoked, destroyed, past its dates). Any failure ends the stream.
     */
    private List<Ttlv> continueStream(Exchange exchange, Structure payload, CipherStreams.Direction direction) {
        Part part = Part.of(payload);
        CipherStreams.Claimed claimed = streams.claim(exchange, part.correlation().orElseThrow(), direction,
                Fields.text(payload, Tag.UNIQUE_IDENTIFIER));
        byte[] data = Fields.bytes(payload, Tag.DATA).orElse(new byte[0]);
        SecretId id = claimed.object();
        boolean encrypt = direction == CipherStreams.Direction.ENCRYPT;
        try (KeyService.Revealed key = use(exchange, id, encrypt ? KeyUsage.ENCRYPT : KeyUsage.DECRYPT)) {
            if (encrypt) {
                consume(exchange, key, data.length);
            }
        }
        List<Ttlv> out = new ArrayList<>(List.of(ObjectHandlers.uid(id)));
        if (!part.last()) {
            out.add(new Ttlv.BytesItem(Tag.DATA, claimed.stream().update(data)));
            streams.release(claimed);
            out.add(new Ttlv.BytesItem(Tag.CORRELATION_VALUE, part.correlation().get()));
            return out;
        }
        CipherStream.Finished finished = claimed.stream().finish(data);
        out.add(new Ttlv.BytesItem(Tag.DATA, finished.output()));
        if (finished.tag() != null) {
            out.add(new Ttlv.BytesItem(Tag.AUTHENTICATED_ENCRYPTION_TAG, finished.tag()));
        }
        return out;
    }

    private static void requireIv(Primitives.AesRequest request) {
        if (request.iv() == null && request.mode() != Primitives.AesMode.ECB) {
            // What the OASIS CS-BC cases expect of both 1.4 and 2.1 (Invalid Message is among 2.1's Decrypt
            // errors, beside the more specific Missing Initialization Vector).
            throw new KmipError(ResultReason.INVALID_MESSAGE, "the IV/Counter/Nonce is missing");
        }
    }

    List<Ttlv> sign(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        byte[] data = Fields.requiredBytes(payload, Tag.DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.SIGN)) {
            consume(exchange, key, data.length);
            if (key.object().secret().type() != SecretType.PRIVATE) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Sign needs a private key");
            }
            SignatureScheme scheme = signatureScheme(payload, key);
            byte[] signature = Primitives.sign(scheme.algorithm(), scheme.parameters(), key.material().bytes(), data);
            return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.SIGNATURE_DATA, signature));
        }
    }

    List<Ttlv> signatureVerify(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        byte[] data = Fields.requiredBytes(payload, Tag.DATA);
        byte[] signature = Fields.requiredBytes(payload, Tag.SIGNATURE_DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.VERIFY)) {
            SecretType type = key.object().secret().type();
            if (type != SecretType.PUBLIC && type != SecretType.CERTIFICATE) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Signature Verify needs a public key");
            }
            java.security.PublicKey publicKey = Primitives.publicKey(key.material().bytes());
            boolean valid = false;
            for (SignatureScheme scheme : verificationSchemes(payload, key)) {
                valid = valid || Primitives.verify(scheme.algorithm(), scheme.parameters(), publicKey, data,
                        signature);
            }
            return List.of(ObjectHandlers.uid(id), new Ttlv.EnumerationItem(Tag.VALIDITY_INDICATOR,
                    valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID));
        }
    }

    List<Ttlv> mac(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        byte[] data = Fields.requiredBytes(payload, Tag.DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.MAC_GENERATE)) {
            consume(exchange, key, data.length);
            requireSymmetric(key);
            byte[] mac = Primitives.mac(macAlgorithm(payload, key), key.material().bytes(), data);
            return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.MAC_DATA, mac));
        }
    }

    List<Ttlv> macVerify(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        byte[] data = Fields.requiredBytes(payload, Tag.DATA);
        byte[] expected = Fields.requiredBytes(payload, Tag.MAC_DATA);
        try (KeyService.Revealed key = use(exchange, id, KeyUsage.MAC_VERIFY)) {
            requireSymmetric(key);
            boolean valid = Primitives.macMatches(macAlgorithm(payload, key), key.material().bytes(), data, expected);
            return List.of(ObjectHandlers.uid(id), new Ttlv.EnumerationItem(Tag.VALIDITY_INDICATOR,
                    valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID));
        }
    }

    List<Ttlv> rngRetrieve(Exchange exchange, Structure payload) {
        int length = Fields.integer(payload, Tag.DATA_LENGTH).orElseThrow(() -> KmipError.missing("Data Length"));
        if (length < 1 || length > MAX_RANDOM_BYTES) {
            throw KmipError.invalidField("Data Length must be 1 to " + MAX_RANDOM_BYTES);
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return List.of(new Ttlv.BytesItem(Tag.DATA, bytes));
    }

    List<Ttlv> hash(Exchange exchange, Structure payload) {
        Structure parameters = Fields.requiredStructure(payload, Tag.CRYPTOGRAPHIC_PARAMETERS);
        HashingAlgorithm algorithm = Fields.enumeration(parameters, Tag.HASHING_ALGORITHM, HashingAlgorithm.index())
                .orElseThrow(() -> KmipError.missing("Hashing Algorithm"));
        byte[] data = Fields.requiredBytes(payload, Tag.DATA);
        return List.of(new Ttlv.BytesItem(Tag.DATA, Primitives.hash(digest(algorithm), data)));
    }

    /**
     * The request's Cryptographic Parameters, or else the key's Cryptographic Parameters attribute (KMIP 1.4 §4.29:
     * "if not present, the server uses the Cryptographic Parameters attribute of the managed object").
     */
    static Optional<Structure> parameters(Structure payload, KeyService.Revealed key) {
        return Fields.structure(payload, Tag.CRYPTOGRAPHIC_PARAMETERS).or(() -> Optional.ofNullable(
                        key.object().attributes().text().get(KmipAttribute.CRYPTOGRAPHIC_PARAMETERS.v1Name()))
                .flatMap(values -> values.stream().findFirst())
                .map(stored -> (Structure) AttributeCodec.storedValue(
                        KmipAttribute.CRYPTOGRAPHIC_PARAMETERS.v1Name(), stored)));
    }

    private static Primitives.AesRequest aesRequest(Structure payload, KeyService.Revealed key, byte[] iv) {
        Structure parameters = parameters(payload, key)
                .orElseThrow(() -> KmipError.missing("Cryptographic Parameters"));
        Fields.enumeration(parameters, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index())
                .filter(a -> a != CryptographicAlgorithm.AES)
                .ifPresent(a -> {
                    throw unsupported(a.specName() + " encryption is not supported");
                });
        BlockCipherMode mode = Fields.enumeration(parameters, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index())
                .orElseThrow(() -> KmipError.missing("Block Cipher Mode"));
        Primitives.AesMode aesMode = switch (mode) {
            case GCM -> Primitives.AesMode.GCM;
            case CBC -> Primitives.AesMode.CBC;
            case ECB -> Primitives.AesMode.ECB;
            case CTR -> Primitives.AesMode.CTR;
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
        byte[] aad = Fields.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA).orElse(null);
        return new Primitives.AesRequest(aesMode, padded, iv, aad, tagBytes);
    }

    /** A JCA signature algorithm and its parameters (RSASSA-PSS), or none. */
    record SignatureScheme(String algorithm, java.security.spec.AlgorithmParameterSpec parameters) {
    }

    /**
     * RSASSA-PSS when the Padding Method says PSS: the hash of Hashing Algorithm (SHA-256 by default), MGF1 with
     * the Mask Generator Hashing Algorithm (the same hash by default), the Salt Length (the hash length by default).
     */
    private static SignatureScheme signatureScheme(Structure payload, KeyService.Revealed key) {
        Optional<Structure> parameters = parameters(payload, key);
        boolean pss = parameters.flatMap(p -> Fields.enumeration(p, Tag.PADDING_METHOD, PaddingMethod.index()))
                .filter(p -> p == PaddingMethod.PSS).isPresent();
        if (!pss) {
            return new SignatureScheme(signatureAlgorithm(payload, key), null);
        }
        HashingAlgorithm hash = parameters.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM,
                HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_256);
        HashingAlgorithm mgfHash = parameters.flatMap(p -> Fields.enumeration(p,
                Tag.MASK_GENERATOR_HASHING_ALGORITHM, HashingAlgorithm.index())).orElse(hash);
        int hashLength = Primitives.hash(digest(hash), new byte[0]).length;
        int salt = parameters.flatMap(p -> Fields.integer(p, Tag.SALT_LENGTH)).orElse(hashLength);
        return new SignatureScheme("RSASSA-PSS", new java.security.spec.PSSParameterSpec(digest(hash), "MGF1",
                new java.security.spec.MGF1ParameterSpec(digest(mgfHash)), salt, 1));
    }

    /**
     * The schemes a signature may verify under. For RSASSA-PSS without an explicit Salt Length or Mask Generator
     * Hashing Algorithm, the specification's defaults are ambiguous ("the block size of the Mask Generator Hashing
     * Algorithm"; SHA-1) and implementations differ (the OASIS vectors sign with MGF1 over the message hash and the
     * largest salt), so verification accepts the usual choices, as OpenSSL's automatic salt length does: the salt
     * length is not a security parameter of the verifier.
     */
    private static List<SignatureScheme> verificationSchemes(Structure payload, KeyService.Revealed key) {
        SignatureScheme named = signatureScheme(payload, key);
        if (!(named.parameters() instanceof java.security.spec.PSSParameterSpec pss)) {
            return List.of(named);
        }
        Optional<Structure> parameters = parameters(payload, key);
        boolean saltGiven = parameters.flatMap(p -> Fields.integer(p, Tag.SALT_LENGTH)).isPresent();
        boolean mgfGiven = parameters.flatMap(p -> p.find(Tag.MASK_GENERATOR_HASHING_ALGORITHM)).isPresent();
        int modulusBytes = (((java.security.interfaces.RSAPublicKey) Primitives.publicKey(key.material().bytes()))
                .getModulus().bitLength() + 7) / 8;
        int hashLength = Primitives.hash(pss.getDigestAlgorithm(), new byte[0]).length;
        List<Integer> salts = saltGiven ? List.of(pss.getSaltLength())
                : List.of(hashLength, modulusBytes - hashLength - 2);
        List<String> mgfHashes = mgfGiven
                ? List.of(((java.security.spec.MGF1ParameterSpec) pss.getMGFParameters()).getDigestAlgorithm())
                : List.of(pss.getDigestAlgorithm(), "SHA-1");
        List<SignatureScheme> schemes = new ArrayList<>();
        for (String mgf : mgfHashes) {
            for (int salt : salts) {
                schemes.add(new SignatureScheme(named.algorithm(), new java.security.spec.PSSParameterSpec(
                        pss.getDigestAlgorithm(), "MGF1", new java.security.spec.MGF1ParameterSpec(mgf), salt, 1)));
            }
        }
        return schemes;
    }

    /**
     * OAEP parameters when the Padding Method says OAEP (hash and MGF1 hash default to SHA-1, as in PKCS#1); null
     * for PKCS#1 v1.5, the default.
     */
    private static javax.crypto.spec.OAEPParameterSpec oaep(Optional<Structure> parameters) {
        PaddingMethod padding = parameters.flatMap(p -> Fields.enumeration(p, Tag.PADDING_METHOD,
                PaddingMethod.index())).orElse(PaddingMethod.PKCS1_V1_5);
        return switch (padding) {
            case PKCS1_V1_5 -> null;
            case OAEP -> {
                HashingAlgorithm hash = parameters.flatMap(p -> Fields.enumeration(p, Tag.HASHING_ALGORITHM,
                        HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_1);
                HashingAlgorithm mgfHash = parameters.flatMap(p -> Fields.enumeration(p,
                        Tag.MASK_GENERATOR_HASHING_ALGORITHM, HashingAlgorithm.index())).orElse(HashingAlgorithm.SHA_1);
                yield new javax.crypto.spec.OAEPParameterSpec(digest(hash), "MGF1",
                        new java.security.spec.MGF1ParameterSpec(digest(mgfHash)),
                        parameters.flatMap(p -> Fields.bytes(p, Tag.P_SOURCE))
                                .<javax.crypto.spec.PSource>map(javax.crypto.spec.PSource.PSpecified::new)
                                .orElse(javax.crypto.spec.PSource.PSpecified.DEFAULT));
            }
            default -> throw unsupported(padding.specName() + " padding is not supported for RSA encryption");
        };
    }

    private static String signatureAlgorithm(Structure payload, KeyService.Revealed key) {
        Optional<Structure> parameters = parameters(payload, key);
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
                .or(() -> AttributeCodec.algorithm(key.object().secret().algorithm()));
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

    private static String macAlgorithm(Structure payload, KeyService.Revealed key) {
        CryptographicAlgorithm algorithm = parameters(payload, key)
                .flatMap(p -> Fields.enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index()))
                .or(() -> AttributeCodec.algorithm(key.object().secret().algorithm()))
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

    private static String digest(HashingAlgorithm algorithm) {
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
    private static boolean isChaCha20Poly1305(KeyService.Revealed key, Structure payload) {
        Optional<CryptographicAlgorithm> keyAlgorithm = AttributeCodec.algorithm(key.object().secret().algorithm());
        if (keyAlgorithm.filter(a -> a == CryptographicAlgorithm.CHACHA20POLY1305).isPresent()) {
            return true;
        }
        Optional<Structure> parameters = parameters(payload, key);
        boolean aead = parameters.flatMap(p -> Fields.enumeration(p, Tag.BLOCK_CIPHER_MODE, BlockCipherMode.index()))
                .filter(m -> m == BlockCipherMode.AEAD).isPresent();
        boolean named = parameters.flatMap(p -> Fields.enumeration(p, Tag.CRYPTOGRAPHIC_ALGORITHM,
                CryptographicAlgorithm.index())).filter(a -> a == CryptographicAlgorithm.CHACHA20POLY1305).isPresent();
        return keyAlgorithm.filter(a -> a == CryptographicAlgorithm.CHACHA20).isPresent() && (aead || named);
    }

    private static byte[] chachaNonce(Structure payload) {
        return Fields.bytes(payload, Tag.IV_COUNTER_NONCE)
                .orElseThrow(() -> new KmipError(ResultReason.INVALID_MESSAGE, "the IV/Counter/Nonce is missing"));
    }

    private static byte[] aad(Structure payload) {
        return Fields.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA).orElse(null);
    }

    private static int tagBytes(Structure payload, KeyService.Revealed key) {
        return parameters(payload, key).flatMap(p -> Fields.integer(p, Tag.TAG_LENGTH)).orElse(DEFAULT_TAG_BYTES);
    }

    private static boolean isChaCha20(KeyService.Revealed key) {
        return AttributeCodec.algorithm(key.object().secret().algorithm())
                .filter(a -> a == CryptographicAlgorithm.CHACHA20).isPresent();
    }

    /** ChaCha20 encrypts and decrypts alike; the nonce is the IV/Counter/Nonce, which the client must give. */
    private static List<Ttlv> chacha20(SecretId id, KeyService.Revealed key, Structure payload, byte[] data) {
        return List.of(ObjectHandlers.uid(id), new Ttlv.BytesItem(Tag.DATA,
                Primitives.chacha20(key.material().bytes(), chachaNonce(payload), data)));
    }

    private static void requireSymmetric(KeyService.Revealed key) {
        if (key.object().secret().type() != SecretType.SYMMETRIC) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "this operation needs a symmetric key");
        }
    }

    private static KmipError unsupported(String message) {
        return new KmipError(ResultReason.INVALID_FIELD, message);
    }
}
