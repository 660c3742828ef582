package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Key Wrap Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum KeyWrapType implements KmipEnum {
    NOT_WRAPPED(0x00000001, "NotWrapped"),
    AS_REGISTERED(0x00000002, "AsRegistered");

    private static final KmipEnumIndex<KeyWrapType> INDEX = KmipEnumIndex.of(KeyWrapType.class);

    private final int code;
    private final String specName;

    KeyWrapType(int code, String specName) {
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

    public static Optional<KeyWrapType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<KeyWrapType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<KeyWrapType> index() {
        return INDEX;
    }
}
