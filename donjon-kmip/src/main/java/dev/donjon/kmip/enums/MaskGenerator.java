package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Mask Generator enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum MaskGenerator implements KmipEnum {
    MGF1(0x00000001, "MGF1");

    private static final KmipEnumIndex<MaskGenerator> INDEX = KmipEnumIndex.of(MaskGenerator.class);

    private final int code;
    private final String specName;

    MaskGenerator(int code, String specName) {
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

    public static Optional<MaskGenerator> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<MaskGenerator> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<MaskGenerator> index() {
        return INDEX;
    }
}
