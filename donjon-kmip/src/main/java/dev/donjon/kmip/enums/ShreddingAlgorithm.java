package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Shredding Algorithm enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ShreddingAlgorithm implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    CRYPTOGRAPHIC(0x00000002, "Cryptographic"),
    UNSUPPORTED(0x00000003, "Unsupported");

    private static final KmipEnumIndex<ShreddingAlgorithm> INDEX = KmipEnumIndex.of(ShreddingAlgorithm.class);

    private final int code;
    private final String specName;

    ShreddingAlgorithm(int code, String specName) {
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

    public static Optional<ShreddingAlgorithm> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ShreddingAlgorithm> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ShreddingAlgorithm> index() {
        return INDEX;
    }
}
