package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Unwrap Mode enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum UnwrapMode implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    PROCESSED(0x00000002, "Processed"),
    NOT_PROCESSED(0x00000003, "NotProcessed");

    private static final KmipEnumIndex<UnwrapMode> INDEX = KmipEnumIndex.of(UnwrapMode.class);

    private final int code;
    private final String specName;

    UnwrapMode(int code, String specName) {
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

    public static Optional<UnwrapMode> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<UnwrapMode> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<UnwrapMode> index() {
        return INDEX;
    }
}
