package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Secret Data Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum SecretDataType implements KmipEnum {
    PASSWORD(0x00000001, "Password"),
    SEED(0x00000002, "Seed");

    private static final KmipEnumIndex<SecretDataType> INDEX = KmipEnumIndex.of(SecretDataType.class);

    private final int code;
    private final String specName;

    SecretDataType(int code, String specName) {
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

    public static Optional<SecretDataType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<SecretDataType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<SecretDataType> index() {
        return INDEX;
    }
}
