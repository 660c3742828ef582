package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Usage Limits Unit enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum UsageLimitsUnit implements KmipEnum {
    BYTE(0x00000001, "Byte"),
    OBJECT(0x00000002, "Object");

    private static final KmipEnumIndex<UsageLimitsUnit> INDEX = KmipEnumIndex.of(UsageLimitsUnit.class);

    private final int code;
    private final String specName;

    UsageLimitsUnit(int code, String specName) {
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

    public static Optional<UsageLimitsUnit> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<UsageLimitsUnit> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<UsageLimitsUnit> index() {
        return INDEX;
    }
}
