package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP FIPS186 Variation enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum FIPS186Variation implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    GP_X_ORIGINAL(0x00000002, "GPXOriginal"),
    GP_X_CHANGE_NOTICE(0x00000003, "GPXChangeNotice"),
    X_ORIGINAL(0x00000004, "XOriginal"),
    X_CHANGE_NOTICE(0x00000005, "XChangeNotice"),
    K_ORIGINAL(0x00000006, "KOriginal"),
    K_CHANGE_NOTICE(0x00000007, "KChangeNotice");

    private static final KmipEnumIndex<FIPS186Variation> INDEX = KmipEnumIndex.of(FIPS186Variation.class);

    private final int code;
    private final String specName;

    FIPS186Variation(int code, String specName) {
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

    public static Optional<FIPS186Variation> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<FIPS186Variation> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<FIPS186Variation> index() {
        return INDEX;
    }
}
