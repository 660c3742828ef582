package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Adjustment Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum AdjustmentType implements KmipEnum {
    INCREMENT(0x00000001, "Increment"),
    DECREMENT(0x00000002, "Decrement"),
    NEGATE(0x00000003, "Negate");

    private static final KmipEnumIndex<AdjustmentType> INDEX = KmipEnumIndex.of(AdjustmentType.class);

    private final int code;
    private final String specName;

    AdjustmentType(int code, String specName) {
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

    public static Optional<AdjustmentType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<AdjustmentType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<AdjustmentType> index() {
        return INDEX;
    }
}
