package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Processing Stage enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ProcessingStage implements KmipEnum {
    SUBMITTED(0x00000001, "Submitted"),
    IN_PROCESS(0x00000002, "InProcess"),
    COMPLETED(0x00000003, "Completed");

    private static final KmipEnumIndex<ProcessingStage> INDEX = KmipEnumIndex.of(ProcessingStage.class);

    private final int code;
    private final String specName;

    ProcessingStage(int code, String specName) {
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

    public static Optional<ProcessingStage> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ProcessingStage> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ProcessingStage> index() {
        return INDEX;
    }
}
