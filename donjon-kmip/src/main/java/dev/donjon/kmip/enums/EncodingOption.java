package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Encoding Option enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum EncodingOption implements KmipEnum {
    NO_ENCODING(0x00000001, "NoEncoding"),
    TTLV_ENCODING(0x00000002, "TTLVEncoding");

    private static final KmipEnumIndex<EncodingOption> INDEX = KmipEnumIndex.of(EncodingOption.class);

    private final int code;
    private final String specName;

    EncodingOption(int code, String specName) {
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

    public static Optional<EncodingOption> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<EncodingOption> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<EncodingOption> index() {
        return INDEX;
    }
}
