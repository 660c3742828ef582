package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Key Format Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum KeyFormatType implements KmipEnum {
    RAW(0x00000001, "Raw"),
    OPAQUE(0x00000002, "Opaque"),
    PKCS_1(0x00000003, "PKCS_1"),
    PKCS_8(0x00000004, "PKCS_8"),
    X_509(0x00000005, "X_509"),
    ECPRIVATEKEY(0x00000006, "ECPrivateKey"),
    TRANSPARENT_SYMMETRIC_KEY(0x00000007, "TransparentSymmetricKey"),
    TRANSPARENT_DSA_PRIVATE_KEY(0x00000008, "TransparentDSAPrivateKey"),
    TRANSPARENT_DSA_PUBLIC_KEY(0x00000009, "TransparentDSAPublicKey"),
    TRANSPARENT_RSA_PRIVATE_KEY(0x0000000A, "TransparentRSAPrivateKey"),
    TRANSPARENT_RSA_PUBLIC_KEY(0x0000000B, "TransparentRSAPublicKey"),
    TRANSPARENT_DH_PRIVATE_KEY(0x0000000C, "TransparentDHPrivateKey"),
    TRANSPARENT_DH_PUBLIC_KEY(0x0000000D, "TransparentDHPublicKey"),
    TRANSPARENT_ECDSA_PRIVATE_KEY(0x0000000E, "TransparentECDSAPrivateKey"),
    TRANSPARENT_ECDSA_PUBLIC_KEY(0x0000000F, "TransparentECDSAPublicKey"),
    TRANSPARENT_ECDH_PRIVATE_KEY(0x00000010, "TransparentECDHPrivateKey"),
    TRANSPARENT_ECDH_PUBLIC_KEY(0x00000011, "TransparentECDHPublicKey"),
    TRANSPARENT_ECMQV_PRIVATE_KEY(0x00000012, "TransparentECMQVPrivateKey"),
    TRANSPARENT_ECMQV_PUBLIC_KEY(0x00000013, "TransparentECMQVPublicKey"),
    TRANSPARENT_EC_PRIVATE_KEY(0x00000014, "TransparentECPrivateKey"),
    TRANSPARENT_EC_PUBLIC_KEY(0x00000015, "TransparentECPublicKey"),
    PKCS_12(0x00000016, "PKCS_12"),
    PKCS_10(0x00000017, "PKCS_10");

    private static final KmipEnumIndex<KeyFormatType> INDEX = KmipEnumIndex.of(KeyFormatType.class);

    private final int code;
    private final String specName;

    KeyFormatType(int code, String specName) {
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

    public static Optional<KeyFormatType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<KeyFormatType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<KeyFormatType> index() {
        return INDEX;
    }
}
