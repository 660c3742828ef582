package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Object Group Member Option enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ObjectGroupMemberOption implements KmipEnum {
    GROUP_MEMBER_FRESH(0x00000001, "GroupMemberFresh"),
    GROUP_MEMBER_DEFAULT(0x00000002, "GroupMemberDefault");

    private static final KmipEnumIndex<ObjectGroupMemberOption> INDEX = KmipEnumIndex.of(ObjectGroupMemberOption.class);

    private final int code;
    private final String specName;

    ObjectGroupMemberOption(int code, String specName) {
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

    public static Optional<ObjectGroupMemberOption> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ObjectGroupMemberOption> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ObjectGroupMemberOption> index() {
        return INDEX;
    }
}
