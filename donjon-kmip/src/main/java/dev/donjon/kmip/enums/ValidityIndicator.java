package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Validity Indicator enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ValidityIndicator implements KmipEnum {
    VALID(0x00000001, "Valid"),
    INVALID(0x00000002, "Invalid"),
    UNKNOWN(0x00000003, "Unknown");

    private static final KmipEnumIndex<ValidityIndicator> INDEX = KmipEnumIndex.of(ValidityIndicator.class);

    private final int code;
    private final String specName;

    ValidityIndicator(int code, String specName) {
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

    public static Optional<ValidityIndicator> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ValidityIndicator> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ValidityIndicator> index() {
        return INDEX;
    }
}
