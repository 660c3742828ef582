package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Validation Authority Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ValidationAuthorityType implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    NIST_CMVP(0x00000002, "NISTCMVP"),
    COMMON_CRITERIA(0x00000003, "CommonCriteria");

    private static final KmipEnumIndex<ValidationAuthorityType> INDEX = KmipEnumIndex.of(ValidationAuthorityType.class);

    private final int code;
    private final String specName;

    ValidationAuthorityType(int code, String specName) {
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

    public static Optional<ValidationAuthorityType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ValidationAuthorityType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ValidationAuthorityType> index() {
        return INDEX;
    }
}
