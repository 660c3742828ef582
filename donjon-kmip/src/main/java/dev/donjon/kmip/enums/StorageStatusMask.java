package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Storage Status Mask bits: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum StorageStatusMask implements KmipEnum {
    ON_LINE_STORAGE(0x00000001, "OnLineStorage"),
    ARCHIVAL_STORAGE(0x00000002, "ArchivalStorage"),
    DESTROYED_STORAGE(0x00000004, "DestroyedStorage");

    private static final KmipEnumIndex<StorageStatusMask> INDEX = KmipEnumIndex.of(StorageStatusMask.class);

    private final int code;
    private final String specName;

    StorageStatusMask(int code, String specName) {
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

    public static Optional<StorageStatusMask> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<StorageStatusMask> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<StorageStatusMask> index() {
        return INDEX;
    }
}
