package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Validation Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ValidationType implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    HARDWARE(0x00000002, "Hardware"),
    SOFTWARE(0x00000003, "Software"),
    FIRMWARE(0x00000004, "Firmware"),
    HYBRID(0x00000005, "Hybrid");

    private static final KmipEnumIndex<ValidationType> INDEX = KmipEnumIndex.of(ValidationType.class);

    private final int code;
    private final String specName;

    ValidationType(int code, String specName) {
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

    public static Optional<ValidationType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ValidationType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ValidationType> index() {
        return INDEX;
    }
}
