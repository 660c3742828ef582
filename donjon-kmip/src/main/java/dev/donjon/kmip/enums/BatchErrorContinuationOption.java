package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Batch Error Continuation Option enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum BatchErrorContinuationOption implements KmipEnum {
    CONTINUE(0x00000001, "Continue"),
    STOP(0x00000002, "Stop"),
    UNDO(0x00000003, "Undo");

    private static final KmipEnumIndex<BatchErrorContinuationOption> INDEX = KmipEnumIndex.of(BatchErrorContinuationOption.class);

    private final int code;
    private final String specName;

    BatchErrorContinuationOption(int code, String specName) {
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

    public static Optional<BatchErrorContinuationOption> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<BatchErrorContinuationOption> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<BatchErrorContinuationOption> index() {
        return INDEX;
    }
}
