package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Unique Identifier enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum UniqueIdentifier implements KmipEnum {
    ID_PLACEHOLDER(0x00000001, "IDPlaceholder"),
    CERTIFY(0x00000002, "Certify"),
    CREATE(0x00000003, "Create"),
    CREATE_KEY_PAIR(0x00000004, "CreateKeyPair"),
    CREATE_KEY_PAIR_PRIVATE_KEY(0x00000005, "CreateKeyPairPrivateKey"),
    CREATE_KEY_PAIR_PUBLIC_KEY(0x00000006, "CreateKeyPairPublicKey"),
    CREATE_SPLIT_KEY(0x00000007, "CreateSplitKey"),
    DERIVE_KEY(0x00000008, "DeriveKey"),
    IMPORT(0x00000009, "Import"),
    JOIN_SPLIT_KEY(0x0000000A, "JoinSplitKey"),
    LOCATE(0x0000000B, "Locate"),
    REGISTER(0x0000000C, "Register"),
    RE_KEY(0x0000000D, "ReKey"),
    RE_CERTIFY(0x0000000E, "ReCertify"),
    RE_KEY_KEY_PAIR(0x0000000F, "ReKeyKeyPair"),
    RE_KEY_KEY_PAIR_PRIVATE_KEY(0x00000010, "ReKeyKeyPairPrivateKey"),
    RE_KEY_KEY_PAIR_PUBLIC_KEY(0x00000011, "ReKeyKeyPairPublicKey");

    private static final KmipEnumIndex<UniqueIdentifier> INDEX = KmipEnumIndex.of(UniqueIdentifier.class);

    private final int code;
    private final String specName;

    UniqueIdentifier(int code, String specName) {
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

    public static Optional<UniqueIdentifier> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<UniqueIdentifier> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<UniqueIdentifier> index() {
        return INDEX;
    }
}
