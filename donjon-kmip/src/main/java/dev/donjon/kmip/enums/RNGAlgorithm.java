package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP RNG Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum RNGAlgorithm implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    FIPS_186_2(0x00000002, "FIPS186_2"),
    DRBG(0x00000003, "DRBG"),
    NRBG(0x00000004, "NRBG"),
    ANSI_X9_31(0x00000005, "ANSIX9_31"),
    ANSI_X9_62(0x00000006, "ANSIX9_62");

    private static final KmipEnumIndex<RNGAlgorithm> INDEX = KmipEnumIndex.of(RNGAlgorithm.class);

    private final int code;
    private final String specName;

    RNGAlgorithm(int code, String specName) {
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

    public static Optional<RNGAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<RNGAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<RNGAlgorithm> index() {
        return INDEX;
    }
}
