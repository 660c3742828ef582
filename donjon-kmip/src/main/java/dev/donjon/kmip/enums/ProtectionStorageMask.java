package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Protection Storage Mask bits: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ProtectionStorageMask implements KmipEnum {
    SOFTWARE(0x00000001, "Software"),
    HARDWARE(0x00000002, "Hardware"),
    ON_PROCESSOR(0x00000004, "OnProcessor"),
    ON_SYSTEM(0x00000008, "OnSystem"),
    OFF_SYSTEM(0x00000010, "OffSystem"),
    HYPERVISOR(0x00000020, "Hypervisor"),
    OPERATING_SYSTEM(0x00000040, "OperatingSystem"),
    CONTAINER(0x00000080, "Container"),
    ON_PREMISES(0x00000100, "OnPremises"),
    OFF_PREMISES(0x00000200, "OffPremises"),
    SELF_MANAGED(0x00000400, "SelfManaged"),
    OUTSOURCED(0x00000800, "Outsourced"),
    VALIDATED(0x00001000, "Validated"),
    SAME_JURISDICTION(0x00002000, "SameJurisdiction");

    private static final KmipEnumIndex<ProtectionStorageMask> INDEX = KmipEnumIndex.of(ProtectionStorageMask.class);

    private final int code;
    private final String specName;

    ProtectionStorageMask(int code, String specName) {
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

    public static Optional<ProtectionStorageMask> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ProtectionStorageMask> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ProtectionStorageMask> index() {
        return INDEX;
    }
}
