package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP DRBG Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum DRBGAlgorithm implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    DUAL_EC(0x00000002, "Dual_EC"),
    HASH(0x00000003, "Hash"),
    HMAC(0x00000004, "HMAC"),
    CTR(0x00000005, "CTR");

    private static final KmipEnumIndex<DRBGAlgorithm> INDEX = KmipEnumIndex.of(DRBGAlgorithm.class);

    private final int code;
    private final String specName;

    DRBGAlgorithm(int code, String specName) {
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

    public static Optional<DRBGAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<DRBGAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<DRBGAlgorithm> index() {
        return INDEX;
    }
}
