package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP RNG Mode enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum RNGMode implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    SHARED_INSTANTIATION(0x00000002, "SharedInstantiation"),
    NON_SHARED_INSTANTIATION(0x00000003, "NonSharedInstantiation");

    private static final KmipEnumIndex<RNGMode> INDEX = KmipEnumIndex.of(RNGMode.class);

    private final int code;
    private final String specName;

    RNGMode(int code, String specName) {
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

    public static Optional<RNGMode> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<RNGMode> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<RNGMode> index() {
        return INDEX;
    }
}
