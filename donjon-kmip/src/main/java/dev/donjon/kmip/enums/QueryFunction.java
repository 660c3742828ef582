package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Query Function enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum QueryFunction implements KmipEnum {
    QUERY_OPERATIONS(0x00000001, "QueryOperations"),
    QUERY_OBJECTS(0x00000002, "QueryObjects"),
    QUERY_SERVER_INFORMATION(0x00000003, "QueryServerInformation"),
    QUERY_APPLICATION_NAMESPACES(0x00000004, "QueryApplicationNamespaces"),
    QUERY_EXTENSION_LIST(0x00000005, "QueryExtensionList"),
    QUERY_EXTENSION_MAP(0x00000006, "QueryExtensionMap"),
    QUERY_ATTESTATION_TYPES(0x00000007, "QueryAttestationTypes"),
    QUERY_RNGS(0x00000008, "QueryRNGs"),
    QUERY_VALIDATIONS(0x00000009, "QueryValidations"),
    QUERY_PROFILES(0x0000000A, "QueryProfiles"),
    QUERY_CAPABILITIES(0x0000000B, "QueryCapabilities"),
    QUERY_CLIENT_REGISTRATION_METHODS(0x0000000C, "QueryClientRegistrationMethods"),
    QUERY_DEFAULTS_INFORMATION(0x0000000D, "QueryDefaultsInformation"),
    QUERY_STORAGE_PROTECTION_MASKS(0x0000000E, "QueryStorageProtectionMasks");

    private static final KmipEnumIndex<QueryFunction> INDEX = KmipEnumIndex.of(QueryFunction.class);

    private final int code;
    private final String specName;

    QueryFunction(int code, String specName) {
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

    public static Optional<QueryFunction> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<QueryFunction> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<QueryFunction> index() {
        return INDEX;
    }
}
