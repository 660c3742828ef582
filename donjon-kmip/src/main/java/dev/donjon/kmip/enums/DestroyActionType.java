package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Destroy Action Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum DestroyActionType implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    KEY_MATERIAL_DELETED(0x00000002, "KeyMaterialDeleted"),
    KEY_MATERIAL_SHREDDED(0x00000003, "KeyMaterialShredded"),
    META_DATA_DELETED(0x00000004, "MetaDataDeleted"),
    META_DATA_SHREDDED(0x00000005, "MetaDataShredded"),
    DELETED(0x00000006, "Deleted"),
    SHREDDED(0x00000007, "Shredded");

    private static final KmipEnumIndex<DestroyActionType> INDEX = KmipEnumIndex.of(DestroyActionType.class);

    private final int code;
    private final String specName;

    DestroyActionType(int code, String specName) {
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

    public static Optional<DestroyActionType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<DestroyActionType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<DestroyActionType> index() {
        return INDEX;
    }
}
