package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Protection Level enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ProtectionLevel implements KmipEnum {
    HIGH(0x00000001, "High"),
    LOW(0x00000002, "Low");

    private static final KmipEnumIndex<ProtectionLevel> INDEX = KmipEnumIndex.of(ProtectionLevel.class);

    private final int code;
    private final String specName;

    ProtectionLevel(int code, String specName) {
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

    public static Optional<ProtectionLevel> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ProtectionLevel> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ProtectionLevel> index() {
        return INDEX;
    }
}
