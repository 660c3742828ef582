package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Revocation Reason Code enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum RevocationReasonCode implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    KEY_COMPROMISE(0x00000002, "KeyCompromise"),
    CA_COMPROMISE(0x00000003, "CACompromise"),
    AFFILIATION_CHANGED(0x00000004, "AffiliationChanged"),
    SUPERSEDED(0x00000005, "Superseded"),
    CESSATION_OF_OPERATION(0x00000006, "CessationOfOperation"),
    PRIVILEGE_WITHDRAWN(0x00000007, "PrivilegeWithdrawn");

    private static final KmipEnumIndex<RevocationReasonCode> INDEX = KmipEnumIndex.of(RevocationReasonCode.class);

    private final int code;
    private final String specName;

    RevocationReasonCode(int code, String specName) {
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

    public static Optional<RevocationReasonCode> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<RevocationReasonCode> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<RevocationReasonCode> index() {
        return INDEX;
    }
}
