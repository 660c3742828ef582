package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Key Role Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum KeyRoleType implements KmipEnum {
    BDK(0x00000001, "BDK"),
    CVK(0x00000002, "CVK"),
    DEK(0x00000003, "DEK"),
    MKAC(0x00000004, "MKAC"),
    MKSMC(0x00000005, "MKSMC"),
    MKSMI(0x00000006, "MKSMI"),
    MKDAC(0x00000007, "MKDAC"),
    MKDN(0x00000008, "MKDN"),
    MKCP(0x00000009, "MKCP"),
    MKOTH(0x0000000A, "MKOTH"),
    KEK(0x0000000B, "KEK"),
    MAC16609(0x0000000C, "MAC16609"),
    MAC97971(0x0000000D, "MAC97971"),
    MAC97972(0x0000000E, "MAC97972"),
    MAC97973(0x0000000F, "MAC97973"),
    MAC97974(0x00000010, "MAC97974"),
    MAC97975(0x00000011, "MAC97975"),
    ZPK(0x00000012, "ZPK"),
    PVKIBM(0x00000013, "PVKIBM"),
    PVKPVV(0x00000014, "PVKPVV"),
    PVKOTH(0x00000015, "PVKOTH"),
    DUKPT(0x00000016, "DUKPT"),
    IV(0x00000017, "IV"),
    TRKBK(0x00000018, "TRKBK");

    private static final KmipEnumIndex<KeyRoleType> INDEX = KmipEnumIndex.of(KeyRoleType.class);

    private final int code;
    private final String specName;

    KeyRoleType(int code, String specName) {
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

    public static Optional<KeyRoleType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<KeyRoleType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<KeyRoleType> index() {
        return INDEX;
    }
}
