package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Result Status enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ResultStatus implements KmipEnum {
    SUCCESS(0x00000000, "Success"),
    OPERATION_FAILED(0x00000001, "OperationFailed"),
    OPERATION_PENDING(0x00000002, "OperationPending"),
    OPERATION_UNDONE(0x00000003, "OperationUndone");

    private static final KmipEnumIndex<ResultStatus> INDEX = KmipEnumIndex.of(ResultStatus.class);

    private final int code;
    private final String specName;

    ResultStatus(int code, String specName) {
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

    public static Optional<ResultStatus> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ResultStatus> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ResultStatus> index() {
        return INDEX;
    }
}
