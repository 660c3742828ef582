package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Digital Signature Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum DigitalSignatureAlgorithm implements KmipEnum {
    MD2_WITH_RSA_ENCRYPTION(0x00000001, "MD2WithRSAEncryption"),
    MD5_WITH_RSA_ENCRYPTION(0x00000002, "MD5WithRSAEncryption"),
    SHA_1_WITH_RSA_ENCRYPTION(0x00000003, "SHA_1WithRSAEncryption"),
    SHA_224_WITH_RSA_ENCRYPTION(0x00000004, "SHA_224WithRSAEncryption"),
    SHA_256_WITH_RSA_ENCRYPTION(0x00000005, "SHA_256WithRSAEncryption"),
    SHA_384_WITH_RSA_ENCRYPTION(0x00000006, "SHA_384WithRSAEncryption"),
    SHA_512_WITH_RSA_ENCRYPTION(0x00000007, "SHA_512WithRSAEncryption"),
    RSASSA_PSS(0x00000008, "RSASSA_PSS"),
    DSA_WITH_SHA_1(0x00000009, "DSAWithSHA_1"),
    DSA_WITH_SHA224(0x0000000A, "DSAWithSHA224"),
    DSA_WITH_SHA256(0x0000000B, "DSAWithSHA256"),
    ECDSA_WITH_SHA_1(0x0000000C, "ECDSAWithSHA_1"),
    ECDSA_WITH_SHA224(0x0000000D, "ECDSAWithSHA224"),
    ECDSA_WITH_SHA256(0x0000000E, "ECDSAWithSHA256"),
    ECDSA_WITH_SHA384(0x0000000F, "ECDSAWithSHA384"),
    ECDSA_WITH_SHA512(0x00000010, "ECDSAWithSHA512"),
    SHA3_256_WITH_RSA_ENCRYPTION(0x00000011, "SHA3_256WithRSAEncryption"),
    SHA3_384_WITH_RSA_ENCRYPTION(0x00000012, "SHA3_384WithRSAEncryption"),
    SHA3_512_WITH_RSA_ENCRYPTION(0x00000013, "SHA3_512WithRSAEncryption");

    private static final KmipEnumIndex<DigitalSignatureAlgorithm> INDEX = KmipEnumIndex.of(DigitalSignatureAlgorithm.class);

    private final int code;
    private final String specName;

    DigitalSignatureAlgorithm(int code, String specName) {
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

    public static Optional<DigitalSignatureAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<DigitalSignatureAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<DigitalSignatureAlgorithm> index() {
        return INDEX;
    }
}
