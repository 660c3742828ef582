package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Interop Function enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum InteropFunction implements KmipEnum {
    BEGIN(0x00000001, "Begin"),
    END(0x00000002, "End"),
    RESET(0x00000003, "Reset");

    private static final KmipEnumIndex<InteropFunction> INDEX = KmipEnumIndex.of(InteropFunction.class);

    private final int code;
    private final String specName;

    InteropFunction(int code, String specName) {
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

    public static Optional<InteropFunction> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<InteropFunction> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<InteropFunction> index() {
        return INDEX;
    }
}
