package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.DerivationMethod;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static dev.donjon.server.kmipserver.Kmip.bytes;
import static dev.donjon.server.kmipserver.Kmip.enumeration;
import static dev.donjon.server.kmipserver.Kmip.integer;
import static dev.donjon.server.kmipserver.Kmip.structure;
import static dev.donjon.server.kmipserver.Kmip.uid;
import static org.assertj.core.api.Assertions.assertThat;

/** Derive Key with each method against published vectors (RFC 6070, RFC 5869, the SP 800-108 vector PyKMIP uses). */
class KmipDeriveKeyTest extends KmipServerFixture {
    private static final HexFormat HEX = HexFormat.of();
    private static final int DERIVE = CryptographicUsageMask.DERIVE_KEY.code();

    @Override
    KmipConnection connect() throws Exception {
        return super.connect().version(2, 1);
    }

    private String secretData(byte[] value, boolean activate) throws Exception {
        try (KmipConnection kmip = connect()) {
            Structure object = structure(Tag.SECRET_DATA, enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.SEED),
                    structure(Tag.KEY_BLOCK, enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE),
                            structure(Tag.KEY_VALUE, bytes(Tag.KEY_MATERIAL, value))));
            String id = Kmip.text(kmip.ok(Operation.REGISTER, enumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA),
                    structure(Tag.ATTRIBUTES, integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, DERIVE)), object),
                    Tag.UNIQUE_IDENTIFIER);
            if (activate) {
                kmip.ok(Operation.ACTIVATE, uid(id));
            }
            return id;
        }
    }

    private String key(CryptographicAlgorithm algorithm, byte[] value) throws Exception {
        try (KmipConnection kmip = connect()) {
            return KmipCryptographyTest.register(kmip, ObjectType.SYMMETRIC_KEY, Tag.SYMMETRIC_KEY, KeyFormatType.RAW,
                    bytes(Tag.KEY_MATERIAL, value), algorithm, value.length * 8, DERIVE);
        }
    }

    private static Structure derive(ObjectType type, String base, DerivationMethod method, int bits,
                                    Ttlv... parameters) {
        List<Ttlv> attributes = new ArrayList<>(List.of(integer(Tag.CRYPTOGRAPHIC_LENGTH, bits)));
        if (type == ObjectType.SYMMETRIC_KEY) {
            attributes.add(enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
        }
        return structure(Tag.REQUEST_PAYLOAD, enumeration(Tag.OBJECT_TYPE, type), uid(base),
                enumeration(Tag.DERIVATION_METHOD, method), structure(Tag.DERIVATION_PARAMETERS, parameters),
                new Structure(Tag.ATTRIBUTES, attributes));
    }

    private byte[] derived(Structure request) throws Exception {
        try (KmipConnection kmip = connect()) {
            String id = Kmip.text(kmip.ok(Operation.DERIVE_KEY, request.children().toArray(Ttlv[]::new)),
                    Tag.UNIQUE_IDENTIFIER);
            Structure got = kmip.ok(Operation.GET, uid(id));
            Structure object = got.find(Tag.SYMMETRIC_KEY, Structure.class)
                    .or(() -> got.find(Tag.SECRET_DATA, Structure.class)).orElseThrow();
            return Kmip.bytes(object.find(Tag.KEY_BLOCK, Structure.class).orElseThrow()
                    .find(Tag.KEY_VALUE, Structure.class).orElseThrow(), Tag.KEY_MATERIAL);
        }
    }

    private static Structure hashing(HashingAlgorithm algorithm) {
        return structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.HASHING_ALGORITHM, algorithm));
    }

    @Test
    void pbkdf2MatchesRfc6070() throws Exception {
        String password = secretData("password".getBytes(StandardCharsets.US_ASCII), true);
        assertThat(derived(derive(ObjectType.SYMMETRIC_KEY, password, DerivationMethod.PBKDF2, 160,
                hashing(HashingAlgorithm.SHA_1), bytes(Tag.SALT, "salt".getBytes(StandardCharsets.US_ASCII)),
                integer(Tag.ITERATION_COUNT, 4096))))
                .isEqualTo(HEX.parseHex("4b007901b765489abead49d926f721d065a429c1"));
    }

    @Test
    void hkdfMatchesRfc5869() throws Exception {
        String seed = secretData(HEX.parseHex("0c".repeat(22)), true);
        assertThat(derived(derive(ObjectType.SECRET_DATA, seed, DerivationMethod.HKDF, 336,
                hashing(HashingAlgorithm.SHA_1), bytes(Tag.SALT, new byte[0]), bytes(Tag.DERIVATION_DATA,
                        new byte[0]))))
                .isEqualTo(HEX.parseHex("2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5"
                        + "673a081d70cce7acfc48"));
    }

    @Test
    void sp800108CounterModeMatchesItsVector() throws Exception {
        String base = key(CryptographicAlgorithm.HMAC_SHA512, HEX.parseHex("dd5dbd45593ee2ac139748e7645b450f"
                + "223d2ff297b73fd71cbcebe71d41653c950b88500de5322d99ef18dfdd30428294c4b3094f4c954334e593bd982ec614"));
        assertThat(derived(derive(ObjectType.SYMMETRIC_KEY, base, DerivationMethod.NIST800_108_C, 128,
                hashing(HashingAlgorithm.SHA_512), bytes(Tag.DERIVATION_DATA, HEX.parseHex(
                        "b50b0c963c6b3034b8cf19cd3f5c4ebe4f4985af0c03e575db62e6fdf1ecfe4f28b95d7ce16df85843246e15"
                                + "57ce95bb26cc9a21974bbd2eb69e8355")))))
                .isEqualTo(HEX.parseHex("e5993bf9bd2aa1c45746042e12598155"));
    }

    @Test
    void hmacIsTheMacOfTheDerivationDataAndNoLonger() throws Exception {
        byte[] material = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] data = "derivation data".getBytes(StandardCharsets.US_ASCII);
        String base = key(CryptographicAlgorithm.HMAC_SHA256, material);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(material, "HmacSHA256"));
        assertThat(derived(derive(ObjectType.SECRET_DATA, base, DerivationMethod.HMAC, 128,
                bytes(Tag.DERIVATION_DATA, data)))).isEqualTo(Arrays.copyOf(mac.doFinal(data), 16));
        try (KmipConnection kmip = connect()) {
            Structure tooLong = kmip.call(Operation.DERIVE_KEY, derive(ObjectType.SECRET_DATA, base,
                    DerivationMethod.HMAC, 264, bytes(Tag.DERIVATION_DATA, data)).children().toArray(Ttlv[]::new));
            assertThat(KmipConnection.reason(tooLong)).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        }
    }

    @Test
    void encryptIsTheBaseKeysCipherOverTheDerivationData() throws Exception {
        byte[] material = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = HEX.parseHex("0f0e0d0c0b0a09080706050403020100");
        byte[] data = "thirty-two bytes of derivation..".getBytes(StandardCharsets.US_ASCII);
        String base = key(CryptographicAlgorithm.AES, material);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(material, "AES"), new IvParameterSpec(iv));
        assertThat(derived(derive(ObjectType.SECRET_DATA, base, DerivationMethod.ENCRYPT, 256,
                structure(Tag.CRYPTOGRAPHIC_PARAMETERS, enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC),
                        enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5)),
                bytes(Tag.INITIALIZATION_VECTOR, iv), bytes(Tag.DERIVATION_DATA, data))))
                .isEqualTo(Arrays.copyOf(cipher.doFinal(data), 32));
    }

    @Test
    void aPreActiveBaseDerivesNothing() throws Exception {
        String password = secretData("password".getBytes(StandardCharsets.US_ASCII), false);
        for (int[] version : new int[][]{{1, 4}, {2, 1}}) {
            try (KmipConnection kmip = super.connect().version(version[0], version[1])) {
                Structure refused = kmip.call(Operation.DERIVE_KEY, derive(ObjectType.SECRET_DATA, password,
                        DerivationMethod.PBKDF2, 160, hashing(HashingAlgorithm.SHA_1), bytes(Tag.SALT, new byte[4]),
                        integer(Tag.ITERATION_COUNT, 2)).children().toArray(Ttlv[]::new));
                assertThat(KmipConnection.reason(refused)).isEqualTo(version[0] == 2
                        ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
            }
        }
    }
}
