package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Cancellation Result enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CancellationResult implements KmipEnum {
    CANCELED(0x00000001, "Canceled"),
    UNABLE_TO_CANCEL(0x00000002, "UnableToCancel"),
    COMPLETED(0x00000003, "Completed"),
    FAILED(0x00000004, "Failed"),
    UNAVAILABLE(0x00000005, "Unavailable");

    private static final KmipEnumIndex<CancellationResult> INDEX = KmipEnumIndex.of(CancellationResult.class);

    private final int code;
    private final String specName;

    CancellationResult(int code, String specName) {
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

    public static Optional<CancellationResult> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CancellationResult> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CancellationResult> index() {
        return INDEX;
    }
}
