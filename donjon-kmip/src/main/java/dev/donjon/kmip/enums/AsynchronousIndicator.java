package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Asynchronous Indicator enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum AsynchronousIndicator implements KmipEnum {
    MANDATORY(0x00000001, "Mandatory"),
    OPTIONAL(0x00000002, "Optional"),
    PROHIBITED(0x00000003, "Prohibited");

    private static final KmipEnumIndex<AsynchronousIndicator> INDEX = KmipEnumIndex.of(AsynchronousIndicator.class);

    private final int code;
    private final String specName;

    AsynchronousIndicator(int code, String specName) {
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

    public static Optional<AsynchronousIndicator> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<AsynchronousIndicator> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<AsynchronousIndicator> index() {
        return INDEX;
    }
}
