package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Credential Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CredentialType implements KmipEnum {
    USERNAME_AND_PASSWORD(0x00000001, "UsernameAndPassword"),
    DEVICE(0x00000002, "Device"),
    ATTESTATION(0x00000003, "Attestation"),
    ONE_TIME_PASSWORD(0x00000004, "OneTimePassword"),
    HASHED_PASSWORD(0x00000005, "HashedPassword"),
    TICKET(0x00000006, "Ticket");

    private static final KmipEnumIndex<CredentialType> INDEX = KmipEnumIndex.of(CredentialType.class);

    private final int code;
    private final String specName;

    CredentialType(int code, String specName) {
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

    public static Optional<CredentialType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CredentialType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CredentialType> index() {
        return INDEX;
    }
}
