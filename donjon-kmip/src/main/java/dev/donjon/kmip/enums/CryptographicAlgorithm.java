package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Cryptographic Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CryptographicAlgorithm implements KmipEnum {
    DES(0x00000001, "DES"),
    DES3(0x00000002, "DES3"),
    AES(0x00000003, "AES"),
    RSA(0x00000004, "RSA"),
    DSA(0x00000005, "DSA"),
    ECDSA(0x00000006, "ECDSA"),
    HMAC_SHA1(0x00000007, "HMAC_SHA1"),
    HMAC_SHA224(0x00000008, "HMAC_SHA224"),
    HMAC_SHA256(0x00000009, "HMAC_SHA256"),
    HMAC_SHA384(0x0000000A, "HMAC_SHA384"),
    HMAC_SHA512(0x0000000B, "HMAC_SHA512"),
    HMAC_MD5(0x0000000C, "HMAC_MD5"),
    DH(0x0000000D, "DH"),
    ECDH(0x0000000E, "ECDH"),
    ECMQV(0x0000000F, "ECMQV"),
    BLOWFISH(0x00000010, "Blowfish"),
    CAMELLIA(0x00000011, "Camellia"),
    CAST5(0x00000012, "CAST5"),
    IDEA(0x00000013, "IDEA"),
    MARS(0x00000014, "MARS"),
    RC2(0x00000015, "RC2"),
    RC4(0x00000016, "RC4"),
    RC5(0x00000017, "RC5"),
    SKIPJACK(0x00000018, "SKIPJACK"),
    TWOFISH(0x00000019, "Twofish"),
    EC(0x0000001A, "EC"),
    ONE_TIME_PAD(0x0000001B, "OneTimePad"),
    CHACHA20(0x0000001C, "ChaCha20"),
    POLY1305(0x0000001D, "Poly1305"),
    CHACHA20POLY1305(0x0000001E, "ChaCha20Poly1305"),
    SHA3_224(0x0000001F, "SHA3_224"),
    SHA3_256(0x00000020, "SHA3_256"),
    SHA3_384(0x00000021, "SHA3_384"),
    SHA3_512(0x00000022, "SHA3_512"),
    HMAC_SHA3_224(0x00000023, "HMAC_SHA3_224"),
    HMAC_SHA3_256(0x00000024, "HMAC_SHA3_256"),
    HMAC_SHA3_384(0x00000025, "HMAC_SHA3_384"),
    HMAC_SHA3_512(0x00000026, "HMAC_SHA3_512"),
    SHAKE_128(0x00000027, "SHAKE_128"),
    SHAKE_256(0x00000028, "SHAKE_256"),
    ARIA(0x00000029, "ARIA"),
    SEED(0x0000002A, "SEED"),
    SM2(0x0000002B, "SM2"),
    SM3(0x0000002C, "SM3"),
    SM4(0x0000002D, "SM4"),
    GOST_R_34_10_2012(0x0000002E, "GOSTR34_10_2012"),
    GOST_R_34_11_2012(0x0000002F, "GOSTR34_11_2012"),
    GOST_R_34_13_2015(0x00000030, "GOSTR34_13_2015"),
    GOST_28147_89(0x00000031, "GOST28147_89"),
    XMSS(0x00000032, "XMSS"),
    SPHINCS_256(0x00000033, "SPHINCS_256"),
    MCELIECE(0x00000034, "McEliece"),
    MCELIECE_6960119(0x00000035, "McEliece_6960119"),
    MCELIECE_8192128(0x00000036, "McEliece_8192128"),
    ED25519(0x00000037, "Ed25519"),
    ED448(0x00000038, "Ed448");

    private static final KmipEnumIndex<CryptographicAlgorithm> INDEX = KmipEnumIndex.of(CryptographicAlgorithm.class);

    private final int code;
    private final String specName;

    CryptographicAlgorithm(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String specName() {
        return specName;
    }

    public static Optional<CryptographicAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CryptographicAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CryptographicAlgorithm> index() {
        return INDEX;
    }
}
