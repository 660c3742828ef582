package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Split Key Method enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum SplitKeyMethod implements KmipEnum {
    XOR(0x00000001, "XOR"),
    POLYNOMIAL_SHARING_GF_216(0x00000002, "PolynomialSharingGF216"),
    POLYNOMIAL_SHARING_PRIME_FIELD(0x00000003, "PolynomialSharingPrimeField"),
    POLYNOMIAL_SHARING_GF_28(0x00000004, "PolynomialSharingGF28");

    private static final KmipEnumIndex<SplitKeyMethod> INDEX = KmipEnumIndex.of(SplitKeyMethod.class);

    private final int code;
    private final String specName;

    SplitKeyMethod(int code, String specName) {
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

    public static Optional<SplitKeyMethod> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<SplitKeyMethod> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<SplitKeyMethod> index() {
        return INDEX;
    }
}
