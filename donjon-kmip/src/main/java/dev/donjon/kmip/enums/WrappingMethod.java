package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Wrapping Method enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum WrappingMethod implements KmipEnum {
    ENCRYPT(0x00000001, "Encrypt"),
    MAC_SIGN(0x00000002, "MACSign"),
    ENCRYPT_THEN_MAC_SIGN(0x00000003, "EncryptThenMACSign"),
    MAC_SIGN_THEN_ENCRYPT(0x00000004, "MACSignThenEncrypt"),
    TR_31(0x00000005, "TR_31");

    private static final KmipEnumIndex<WrappingMethod> INDEX = KmipEnumIndex.of(WrappingMethod.class);

    private final int code;
    private final String specName;

    WrappingMethod(int code, String specName) {
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

    public static Optional<WrappingMethod> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<WrappingMethod> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<WrappingMethod> index() {
        return INDEX;
    }
}
