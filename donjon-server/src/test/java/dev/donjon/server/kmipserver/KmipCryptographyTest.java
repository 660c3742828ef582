package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ValidityIndicator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.donjon.server.kmipserver.Kmip.ENCRYPT_DECRYPT;
import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.text;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static dev.donjon.server.kmipserver.KmipConnection.reason;
import static org.assertj.core.api.Assertions.assertThat;

/** Cryptography over KMIP 2.1 and real mutual TLS: DSA keys, ChaCha20-Poly1305, multi-part Encrypt and Decrypt. */
class KmipCryptographyTest extends KmipServerFixture {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The per-client limit of open streams docs/kmip-server.md states (operation.CipherStreams). */
    private static final int MAX_OPEN_STREAMS_PER_CLIENT = 16;

    @Override
    KmipConnection connect() throws Exception {
        return super.connect().version(2, 1);
    }

    /** Registers and activates a key object (Symmetric Key, Public Key or Private Key) with the given usage mask. */
    static String register(KmipConnection kmip, ObjectType type, Tag objectTag, KeyFormatType format, Ttlv material,
                           CryptographicAlgorithm algorithm, int length, int mask) throws IOException {
        Structure object = structure(objectTag, structure(Tag.KEY_BLOCK, enumeration(Tag.KEY_FORMAT_TYPE, format),
                structure(Tag.KEY_VALUE, material), enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm),
                integer(Tag.CRYPTOGRAPHIC_LENGTH, length)));
        String id = text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, type),
                structure(Tag.ATTRIBUTES, integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask)), object),
                Tag.UNIQUE_IDENTIFIER);
        kmip.ok(Operation.ACTIVATE, uid(id));
        return id;
    }

    static Structure keyBlock(Structure getPayload, Tag objectTag) {
        return getPayload.find(objectTag, Structure.class).orElseThrow().find(Tag.KEY_BLOCK, Structure.class)
                .orElseThrow();
    }

    static Ttlv keyMaterial(Structure getPayload, Tag objectTag) {
        return keyBlock(getPayload, objectTag).find(Tag.KEY_VALUE, Structure.class).orElseThrow()
                .find(Tag.KEY_MATERIAL).orElseThrow();
    }

    static Ttlv big(Tag tag, BigInteger value) {
        return new Ttlv.BigIntegerItem(tag, value);
    }

    static BigInteger number(Ttlv material, Tag tag) {
        return ((Structure) material).find(tag, Ttlv.BigIntegerItem.class).orElseThrow().value();
    }

    static Structure parameters(Ttlv... items) {
        return structure(Tag.CRYPTOGRAPHIC_PARAMETERS, items);
    }

    static byte[] sign(KmipConnection kmip, String privateId, Structure parameters, byte[] data)
            throws IOException {
        return Kmip.bytes(kmip.ok(Operation.SIGN, uid(privateId), parameters, bytes(Tag.DATA, data)),
                Tag.SIGNATURE_DATA);
    }

    /** The Validity Indicator of a Signature Verify. */
    static Optional<Ttlv> validity(KmipConnection kmip, String publicId, Structure parameters, byte[] data,
                                   byte[] signature) throws IOException {
        return kmip.ok(Operation.SIGNATURE_VERIFY, uid(publicId), parameters, bytes(Tag.DATA, data),
                bytes(Tag.SIGNATURE_DATA, signature)).find(Tag.VALIDITY_INDICATOR);
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @Nested
    class DsaKeys {
        private final KeyPair pair = dsaPair();

        private static KeyPair dsaPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Structure transparentPrivate() {
            DSAPrivateKey key = (DSAPrivateKey) pair.getPrivate();
            return structure(Tag.KEY_MATERIAL, big(Tag.P, key.getParams().getP()), big(Tag.Q, key.getParams().getQ()),
                    big(Tag.G, key.getParams().getG()), big(Tag.X, key.getX()));
        }

        Structure transparentPublic() {
            DSAPublicKey key = (DSAPublicKey) pair.getPublic();
            return structure(Tag.KEY_MATERIAL, big(Tag.P, key.getParams().getP()), big(Tag.Q, key.getParams().getQ()),
                    big(Tag.G, key.getParams().getG()), big(Tag.Y, key.getY()));
        }

        @Test
        void transparentDsaKeysComeBackTransparentByDefaultAndAsPkcs8OrX509OnRequest() throws Exception {
            try (KmipConnection kmip = connect()) {
                String privateId = register(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY,
                        KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY, transparentPrivate(), CryptographicAlgorithm.DSA,
                        2048, CryptographicUsageMask.SIGN.code());
                String publicId = register(kmip, ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY,
                        KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY, transparentPublic(), CryptographicAlgorithm.DSA,
                        2048, CryptographicUsageMask.VERIFY.code());

                // KMIP 2.1 §4.26 Table 81: a DSA key's default Key Format Type is the transparent one.
                Structure privateKey = kmip.ok(Operation.GET, uid(privateId));
                assertThat(keyBlock(privateKey, Tag.PRIVATE_KEY).find(Tag.KEY_FORMAT_TYPE))
                        .contains(enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY));
                assertThat(number(keyMaterial(privateKey, Tag.PRIVATE_KEY), Tag.X))
                        .isEqualTo(((DSAPrivateKey) pair.getPrivate()).getX());
                assertThat(number(keyMaterial(privateKey, Tag.PRIVATE_KEY), Tag.P))
                        .isEqualTo(((DSAPrivateKey) pair.getPrivate()).getParams().getP());
                Structure publicKey = kmip.ok(Operation.GET, uid(publicId));
                assertThat(keyBlock(publicKey, Tag.PUBLIC_KEY).find(Tag.KEY_FORMAT_TYPE))
                        .contains(enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY));
                assertThat(number(keyMaterial(publicKey, Tag.PUBLIC_KEY), Tag.Y))
                        .isEqualTo(((DSAPublicKey) pair.getPublic()).getY());

                Structure pkcs8 = kmip.ok(Operation.GET, uid(privateId),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_8));
                assertThat(((Ttlv.BytesItem) keyMaterial(pkcs8, Tag.PRIVATE_KEY)).value())
                        .isEqualTo(pair.getPrivate().getEncoded());
                Structure x509 = kmip.ok(Operation.GET, uid(publicId),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.X_509));
                assertThat(((Ttlv.BytesItem) keyMaterial(x509, Tag.PUBLIC_KEY)).value())
                        .isEqualTo(pair.getPublic().getEncoded());
                assertThat(reason(kmip.call(Operation.GET, uid(publicId),
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_1))))
                        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
            }
        }

        @Test
        void aPkcs8DsaKeySignsAndItsX509PublicKeyVerifies() throws Exception {
            try (KmipConnection kmip = connect()) {
                String privateId = register(kmip, ObjectType.PRIVATE_KEY, Tag.PRIVATE_KEY, KeyFormatType.PKCS_8,
                        bytes(Tag.KEY_MATERIAL, pair.getPrivate().getEncoded()), CryptographicAlgorithm.DSA, 2048,
                        CryptographicUsageMask.SIGN.code());
                String publicId = register(kmip, ObjectType.PUBLIC_KEY, Tag.PUBLIC_KEY, KeyFormatType.X_509,
                        bytes(Tag.KEY_MATERIAL, pair.getPublic().getEncoded()), CryptographicAlgorithm.DSA, 2048,
                        CryptographicUsageMask.VERIFY.code());
                byte[] data = "signed with DSA".getBytes(StandardCharsets.UTF_8);
                Structure sha256 = parameters(enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM,
                        DigitalSignatureAlgorithm.DSA_WITH_SHA256));
                byte[] signature = sign(kmip, privateId, sha256, data);

                Signature jca = Signature.getInstance("SHA256withDSA");
                jca.initVerify(pair.getPublic());
                jca.update(data);
                assertThat(jca.verify(signature)).as("the JCA verifies the server's signature").isTrue();

                assertThat(validity(kmip, publicId, sha256, data, signature))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID));
                assertThat(validity(kmip, publicId, sha256, "something else".getBytes(StandardCharsets.UTF_8),
                        signature))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.INVALID));

                // Cryptographic Algorithm DSA with a Hashing Algorithm names the same scheme.
                Structure byHash = parameters(enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.DSA),
                        enumeration(Tag.HASHING_ALGORITHM, dev.donjon.kmip.enums.HashingAlgorithm.SHA_256));
                assertThat(validity(kmip, publicId, byHash, data, signature))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID));

                // Get in the transparent format gives the same public key the JCA generated.
                Structure transparent = kmip.ok(Operation.GET, uid(publicId));
                Ttlv material = keyMaterial(transparent, Tag.PUBLIC_KEY);
                DSAPublicKey rebuilt = (DSAPublicKey) KeyFactory.getInstance("DSA").generatePublic(
                        new java.security.spec.DSAPublicKeySpec(number(material, Tag.Y), number(material, Tag.P),
                                number(material, Tag.Q), number(material, Tag.G)));
                assertThat(rebuilt.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
            }
        }

        @Test
        void createKeyPairMakesADsaPairThatSignsAndVerifies() throws Exception {
            try (KmipConnection kmip = connect()) {
                Structure created = kmip.ok(Operation.CREATE_KEY_PAIR, structure(Tag.COMMON_ATTRIBUTES,
                                enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.DSA),
                                integer(Tag.CRYPTOGRAPHIC_LENGTH, 2048)),
                        structure(Tag.PRIVATE_KEY_ATTRIBUTES, integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                                CryptographicUsageMask.SIGN.code())),
                        structure(Tag.PUBLIC_KEY_ATTRIBUTES, integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                                CryptographicUsageMask.VERIFY.code())));
                String privateId = text(created, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
                String publicId = text(created, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
                kmip.ok(Operation.ACTIVATE, uid(privateId));
                kmip.ok(Operation.ACTIVATE, uid(publicId));

                Structure publicKey = kmip.ok(Operation.GET, uid(publicId));
                assertThat(keyBlock(publicKey, Tag.PUBLIC_KEY).find(Tag.KEY_FORMAT_TYPE))
                        .contains(enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY));
                assertThat(number(keyMaterial(publicKey, Tag.PUBLIC_KEY), Tag.P).bitLength()).isEqualTo(2048);

                byte[] data = "generated here".getBytes(StandardCharsets.UTF_8);
                Structure sha256 = parameters(enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM,
                        DigitalSignatureAlgorithm.DSA_WITH_SHA256));
                byte[] signature = sign(kmip, privateId, sha256, data);
                Signature jca = Signature.getInstance("SHA256withDSA");
                jca.initVerify(KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(
                        ((Ttlv.BytesItem) keyMaterial(kmip.ok(Operation.GET, uid(publicId),
                                enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.X_509)), Tag.PUBLIC_KEY)).value())));
                jca.update(data);
                assertThat(jca.verify(signature)).isTrue();
                assertThat(validity(kmip, publicId, sha256, data, signature))
                        .contains(enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator.VALID));
            }
        }

        @Test
        void transparentDsaMaterialMissingANumberIsRefused() throws Exception {
            try (KmipConnection kmip = connect()) {
                DSAPublicKey key = (DSAPublicKey) pair.getPublic();
                Structure withoutG = structure(Tag.KEY_MATERIAL, big(Tag.P, key.getParams().getP()),
                        big(Tag.Q, key.getParams().getQ()), big(Tag.Y, key.getY()));
                Structure object = structure(Tag.PUBLIC_KEY, structure(Tag.KEY_BLOCK,
                        enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY),
                        structure(Tag.KEY_VALUE, withoutG),
                        enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.DSA)));
                assertThat(reason(kmip.call(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.PUBLIC_KEY),
                        structure(Tag.ATTRIBUTES), object))).isEqualTo(ResultReason.MISSING_DATA);
            }
        }
    }

    @Nested
    class ChaCha20Poly1305 {
        /** RFC 8439 §2.8.2, kept as a data file. */
        private final Map<String, byte[]> vector = rfc8439Vector();

        private static Map<String, byte[]> rfc8439Vector() {
            try (InputStream in = KmipCryptographyTest.class.getResourceAsStream("/crypto/rfc8439-aead-vector.txt")) {
                Map<String, byte[]> fields = new HashMap<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] field = line.split(":", 2);
                        fields.put(field[0].trim(), HexFormat.of().parseHex(field[1].trim()));
                    }
                }
                return fields;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String registerKey(KmipConnection kmip) throws IOException {
            return register(kmip, ObjectType.SYMMETRIC_KEY, Tag.SYMMETRIC_KEY, KeyFormatType.RAW,
                    bytes(Tag.KEY_MATERIAL, vector.get("key")), CryptographicAlgorithm.CHACHA20POLY1305, 256,
                    ENCRYPT_DECRYPT);
        }

        Structure aead(int tagLength) {
            return parameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.AEAD),
                    integer(Tag.TAG_LENGTH, tagLength));
        }

        @Test
        void encryptionGivesTheRfc8439CiphertextAndTag() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = registerKey(kmip);
                Structure encrypted = kmip.ok(Operation.ENCRYPT, uid(id), aead(16),
                        bytes(Tag.DATA, vector.get("plaintext")), bytes(Tag.IV_COUNTER_NONCE, vector.get("nonce")),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, vector.get("aad")));
                assertThat(Kmip.bytes(encrypted, Tag.DATA)).isEqualTo(vector.get("ciphertext"));
                assertThat(Kmip.bytes(encrypted, Tag.AUTHENTICATED_ENCRYPTION_TAG)).isEqualTo(vector.get("tag"));

                Structure truncated = kmip.ok(Operation.ENCRYPT, uid(id), aead(12),
                        bytes(Tag.DATA, vector.get("plaintext")), bytes(Tag.IV_COUNTER_NONCE, vector.get("nonce")),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, vector.get("aad")));
                assertThat(Kmip.bytes(truncated, Tag.AUTHENTICATED_ENCRYPTION_TAG))
                        .isEqualTo(Arrays.copyOf(vector.get("tag"), 12));
            }
        }

        @Test
        void decryptionChecksTheFullOrTruncatedTagAndTheAdditionalData() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = registerKey(kmip);
                assertThat(Kmip.bytes(decrypt(kmip, id, 16, vector.get("aad"), vector.get("tag")), Tag.DATA))
                        .isEqualTo(vector.get("plaintext"));
                assertThat(Kmip.bytes(decrypt(kmip, id, 12, vector.get("aad"), Arrays.copyOf(vector.get("tag"), 12)),
                        Tag.DATA)).isEqualTo(vector.get("plaintext"));

                byte[] badTag = vector.get("tag").clone();
                badTag[0] ^= 1;
                assertThat(reason(kmip.call(Operation.DECRYPT, decryptPayload(id, 16, vector.get("aad"), badTag))))
                        .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
                assertThat(reason(kmip.call(Operation.DECRYPT, decryptPayload(id, 12, vector.get("aad"),
                        Arrays.copyOf(badTag, 12))))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
                assertThat(reason(kmip.call(Operation.DECRYPT, decryptPayload(id, 16, new byte[]{1},
                        vector.get("tag"))))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
            }
        }

        @Test
        void tagLengthsOutsideTwelveToSixteenBytesAreBadParameters() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = registerKey(kmip);
                for (int tagLength : List.of(1, 32)) {
                    assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), aead(tagLength),
                            bytes(Tag.DATA, vector.get("plaintext")), bytes(Tag.IV_COUNTER_NONCE, vector.get("nonce")))))
                            .isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
                }
            }
        }

        Structure decrypt(KmipConnection kmip, String id, int tagLength, byte[] aad, byte[] tag) throws IOException {
            return kmip.ok(Operation.DECRYPT, decryptPayload(id, tagLength, aad, tag));
        }

        Ttlv[] decryptPayload(String id, int tagLength, byte[] aad, byte[] tag) {
            return new Ttlv[]{uid(id), aead(tagLength), bytes(Tag.DATA, vector.get("ciphertext")),
                    bytes(Tag.IV_COUNTER_NONCE, vector.get("nonce")),
                    bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                    bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag)};
        }
    }

    @Nested
    class MultiPart {
        private final byte[] key = randomBytes(32);
        private final byte[] iv = randomBytes(12);
        private final byte[] aad = randomBytes(20);
        private final byte[] plaintext = randomBytes(100);

        static byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            RANDOM.nextBytes(bytes);
            return bytes;
        }

        String aesKey(KmipConnection kmip) throws IOException {
            return register(kmip, ObjectType.SYMMETRIC_KEY, Tag.SYMMETRIC_KEY, KeyFormatType.RAW,
                    bytes(Tag.KEY_MATERIAL, key), CryptographicAlgorithm.AES, 256, ENCRYPT_DECRYPT);
        }

        Structure gcm() {
            return parameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM), integer(Tag.TAG_LENGTH, 16));
        }

        /** The whole plaintext encrypted by one AES-GCM request, with the additional data. */
        Structure encryptedInOneShot(KmipConnection kmip, String id) throws IOException {
            return kmip.ok(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, plaintext),
                    bytes(Tag.IV_COUNTER_NONCE, iv), bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad));
        }

        static Ttlv init() {
            return new Ttlv.BooleanItem(Tag.INIT_INDICATOR, true);
        }

        static Ttlv last() {
            return new Ttlv.BooleanItem(Tag.FINAL_INDICATOR, true);
        }

        static Ttlv correlation(byte[] value) {
            return bytes(Tag.CORRELATION_VALUE, value);
        }

        @Test
        void gcmEncryptionInThreePartsEqualsOneShotEncryption() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                Structure oneShot = encryptedInOneShot(kmip, id);

                Structure first = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(),
                        bytes(Tag.DATA, Arrays.copyOfRange(plaintext, 0, 37)), bytes(Tag.IV_COUNTER_NONCE, iv),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad));
                byte[] stream = Kmip.bytes(first, Tag.CORRELATION_VALUE);
                assertThat(stream).as("an unguessable Correlation Value").hasSize(16);
                Structure second = kmip.ok(Operation.ENCRYPT, uid(id), correlation(stream),
                        bytes(Tag.DATA, Arrays.copyOfRange(plaintext, 37, 80)));
                Structure third = kmip.ok(Operation.ENCRYPT, uid(id), correlation(stream), last(),
                        bytes(Tag.DATA, Arrays.copyOfRange(plaintext, 80, 100)));

                assertThat(concat(Kmip.bytes(first, Tag.DATA), Kmip.bytes(second, Tag.DATA),
                        Kmip.bytes(third, Tag.DATA))).isEqualTo(Kmip.bytes(oneShot, Tag.DATA));
                assertThat(third.find(Tag.AUTHENTICATED_ENCRYPTION_TAG))
                        .isEqualTo(oneShot.find(Tag.AUTHENTICATED_ENCRYPTION_TAG));
                assertThat(third.find(Tag.CORRELATION_VALUE)).as("the last part ends the stream").isEmpty();
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), correlation(stream), last(),
                        bytes(Tag.DATA, new byte[1])))).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
            }
        }

        @Test
        void cbcEncryptionInThreePartsEqualsOneShotAndDecryptsInParts() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                byte[] cbcIv = randomBytes(16);
                Structure cbc = parameters(enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
                        enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5));
                byte[] oneShot = Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), cbc, bytes(Tag.DATA, plaintext),
                        bytes(Tag.IV_COUNTER_NONCE, cbcIv)), Tag.DATA);

                List<byte[]> parts = List.of(Arrays.copyOfRange(plaintext, 0, 5), Arrays.copyOfRange(plaintext, 5, 70),
                        Arrays.copyOfRange(plaintext, 70, 100));
                assertThat(inParts(kmip, Operation.ENCRYPT, id, cbc, cbcIv, parts)).isEqualTo(oneShot);
                List<byte[]> cipherParts = List.of(Arrays.copyOfRange(oneShot, 0, 50),
                        Arrays.copyOfRange(oneShot, 50, 100), Arrays.copyOfRange(oneShot, 100, oneShot.length));
                assertThat(inParts(kmip, Operation.DECRYPT, id, cbc, cbcIv, cipherParts)).isEqualTo(plaintext);
            }
        }

        byte[] inParts(KmipConnection kmip, Operation operation, String id, Structure parameters, byte[] partIv,
                       List<byte[]> parts) throws IOException {
            Structure first = kmip.ok(operation, uid(id), parameters, init(), bytes(Tag.DATA, parts.get(0)),
                    bytes(Tag.IV_COUNTER_NONCE, partIv));
            byte[] stream = Kmip.bytes(first, Tag.CORRELATION_VALUE);
            List<byte[]> out = new ArrayList<>(List.of(Kmip.bytes(first, Tag.DATA)));
            for (int i = 1; i < parts.size(); i++) {
                List<Ttlv> payload = new ArrayList<>(List.of(correlation(stream), bytes(Tag.DATA, parts.get(i))));
                if (i == parts.size() - 1) {
                    payload.add(last());
                }
                out.add(Kmip.bytes(kmip.ok(operation, payload.toArray(Ttlv[]::new)), Tag.DATA));
            }
            return concat(out.toArray(byte[][]::new));
        }

        @Test
        void gcmDecryptionInPartsTakesTheTagFirstAndReleasesNothingUntilItAuthenticates() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                Structure encrypted = encryptedInOneShot(kmip, id);
                byte[] ciphertext = Kmip.bytes(encrypted, Tag.DATA);
                byte[] tag = Kmip.bytes(encrypted, Tag.AUTHENTICATED_ENCRYPTION_TAG);

                Structure first = kmip.ok(Operation.DECRYPT, uid(id), gcm(), init(),
                        bytes(Tag.DATA, Arrays.copyOfRange(ciphertext, 0, 60)), bytes(Tag.IV_COUNTER_NONCE, iv),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag));
                assertThat(Kmip.bytes(first, Tag.DATA)).isEmpty();
                Structure rest = kmip.ok(Operation.DECRYPT, correlation(Kmip.bytes(first, Tag.CORRELATION_VALUE)),
                        last(), bytes(Tag.DATA, Arrays.copyOfRange(ciphertext, 60, ciphertext.length)));
                assertThat(Kmip.bytes(rest, Tag.DATA)).isEqualTo(plaintext);

                tag[3] ^= 1;
                Structure tampered = kmip.ok(Operation.DECRYPT, uid(id), gcm(), init(), bytes(Tag.DATA, ciphertext),
                        bytes(Tag.IV_COUNTER_NONCE, iv), bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, aad),
                        bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, tag));
                assertThat(reason(kmip.call(Operation.DECRYPT, correlation(Kmip.bytes(tampered,
                        Tag.CORRELATION_VALUE)), last()))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
            }
        }

        @Test
        void aStreamServesOnlyTheClientObjectAndOperationThatOpenedIt() throws Exception {
            try (KmipConnection kmip = connect();
                 KmipConnection other = connectAsOther().version(2, 1)) {
                String id = aesKey(kmip);
                String otherKey = aesKey(kmip);
                Structure first = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(),
                        bytes(Tag.DATA, Arrays.copyOfRange(plaintext, 0, 50)), bytes(Tag.IV_COUNTER_NONCE, iv));
                byte[] stream = Kmip.bytes(first, Tag.CORRELATION_VALUE);

                assertThat(reason(other.call(Operation.ENCRYPT, correlation(stream), last(),
                        bytes(Tag.DATA, new byte[1])))).as("another client").isEqualTo(
                        ResultReason.INVALID_CORRELATION_VALUE);
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(otherKey), correlation(stream), last(),
                        bytes(Tag.DATA, new byte[1])))).as("another object").isEqualTo(
                        ResultReason.INVALID_CORRELATION_VALUE);
                assertThat(reason(kmip.call(Operation.DECRYPT, correlation(stream), last(),
                        bytes(Tag.DATA, new byte[1])))).as("another operation").isEqualTo(
                        ResultReason.INVALID_CORRELATION_VALUE);
                assertThat(reason(kmip.call(Operation.ENCRYPT, correlation(randomBytes(16)), last(),
                        bytes(Tag.DATA, new byte[1])))).as("a guess").isEqualTo(
                        ResultReason.INVALID_CORRELATION_VALUE);
                kmip.version(1, 4);
                assertThat(reason(kmip.call(Operation.ENCRYPT, correlation(randomBytes(16)), last(),
                        bytes(Tag.DATA, new byte[1])))).as("a guess in KMIP 1.4 (§11.30)").isEqualTo(
                        ResultReason.ITEM_NOT_FOUND);
                kmip.version(2, 1);

                // None of these disturbed the stream: its owner finishes it.
                Structure rest = kmip.ok(Operation.ENCRYPT, uid(id), correlation(stream), last(),
                        bytes(Tag.DATA, Arrays.copyOfRange(plaintext, 50, 100)));
                Structure oneShot = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), bytes(Tag.DATA, plaintext),
                        bytes(Tag.IV_COUNTER_NONCE, iv));
                assertThat(concat(Kmip.bytes(first, Tag.DATA), Kmip.bytes(rest, Tag.DATA)))
                        .isEqualTo(Kmip.bytes(oneShot, Tag.DATA));
            }
        }

        @Test
        void aClientMayHoldOnlySoManyOpenStreams() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                List<byte[]> streams = new ArrayList<>();
                for (int i = 0; i < MAX_OPEN_STREAMS_PER_CLIENT; i++) {
                    streams.add(Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(),
                            bytes(Tag.IV_COUNTER_NONCE, randomBytes(12))), Tag.CORRELATION_VALUE));
                }
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), gcm(), init(),
                        bytes(Tag.IV_COUNTER_NONCE, randomBytes(12))))).isEqualTo(ResultReason.SERVER_LIMIT_EXCEEDED);

                kmip.ok(Operation.ENCRYPT, correlation(streams.removeFirst()), last());
                streams.add(Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(),
                        bytes(Tag.IV_COUNTER_NONCE, randomBytes(12))), Tag.CORRELATION_VALUE));
                for (byte[] stream : streams) {
                    assertThat(kmip.ok(Operation.ENCRYPT, correlation(stream), last())
                            .find(Tag.AUTHENTICATED_ENCRYPTION_TAG)).isPresent();
                }
            }
        }

        @Test
        void aRevokedKeyEndsItsStreams() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                byte[] stream = Kmip.bytes(kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(),
                        bytes(Tag.DATA, plaintext), bytes(Tag.IV_COUNTER_NONCE, iv)), Tag.CORRELATION_VALUE);
                kmip.ok(Operation.REVOKE, uid(id), structure(Tag.REVOCATION_REASON, enumeration(
                        Tag.REVOCATION_REASON_CODE, dev.donjon.kmip.enums.RevocationReasonCode.UNSPECIFIED)));
                assertThat(reason(kmip.call(Operation.ENCRYPT, correlation(stream), last())))
                        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
                assertThat(reason(kmip.call(Operation.ENCRYPT, correlation(stream), last())))
                        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
            }
        }

        @Test
        void aCorrelationValueWithAnInitIndicatorOrAFinalIndicatorAloneIsRefused() throws Exception {
            try (KmipConnection kmip = connect()) {
                String id = aesKey(kmip);
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), gcm(), init(), correlation(randomBytes(16)),
                        bytes(Tag.IV_COUNTER_NONCE, iv)))).isEqualTo(ResultReason.INVALID_FIELD);
                assertThat(reason(kmip.call(Operation.ENCRYPT, uid(id), gcm(), last(), bytes(Tag.DATA, plaintext),
                        bytes(Tag.IV_COUNTER_NONCE, iv)))).isEqualTo(ResultReason.MISSING_DATA);
                // Both indicators without a Correlation Value: a single-part operation.
                Structure single = kmip.ok(Operation.ENCRYPT, uid(id), gcm(), init(), last(),
                        bytes(Tag.DATA, plaintext), bytes(Tag.IV_COUNTER_NONCE, iv));
                assertThat(single.find(Tag.CORRELATION_VALUE)).isEmpty();
                assertThat(single.find(Tag.AUTHENTICATED_ENCRYPTION_TAG)).isPresent();
            }
        }
    }
}
