package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Derivation Method enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum DerivationMethod implements KmipEnum {
    PBKDF2(0x00000001, "PBKDF2"),
    HASH(0x00000002, "HASH"),
    HMAC(0x00000003, "HMAC"),
    ENCRYPT(0x00000004, "ENCRYPT"),
    NIST800_108_C(0x00000005, "NIST800_108_C"),
    NIST800_108_F(0x00000006, "NIST800_108_F"),
    NIST800_108_DPI(0x00000007, "NIST800_108_DPI"),
    ASYMMETRIC_KEY(0x00000008, "AsymmetricKey"),
    AWS_SIGNATURE_VERSION_4(0x00000009, "AWSSignatureVersion4"),
    HKDF(0x0000000A, "HKDF");

    private static final KmipEnumIndex<DerivationMethod> INDEX = KmipEnumIndex.of(DerivationMethod.class);

    private final int code;
    private final String specName;

    DerivationMethod(int code, String specName) {
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

    public static Optional<DerivationMethod> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<DerivationMethod> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<DerivationMethod> index() {
        return INDEX;
    }
}
