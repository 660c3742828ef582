package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Operation enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum Operation implements KmipEnum {
    CREATE(0x00000001, "Create"),
    CREATE_KEY_PAIR(0x00000002, "CreateKeyPair"),
    REGISTER(0x00000003, "Register"),
    RE_KEY(0x00000004, "ReKey"),
    DERIVE_KEY(0x00000005, "DeriveKey"),
    CERTIFY(0x00000006, "Certify"),
    RE_CERTIFY(0x00000007, "ReCertify"),
    LOCATE(0x00000008, "Locate"),
    CHECK(0x00000009, "Check"),
    GET(0x0000000A, "Get"),
    GET_ATTRIBUTES(0x0000000B, "GetAttributes"),
    GET_ATTRIBUTE_LIST(0x0000000C, "GetAttributeList"),
    ADD_ATTRIBUTE(0x0000000D, "AddAttribute"),
    MODIFY_ATTRIBUTE(0x0000000E, "ModifyAttribute"),
    DELETE_ATTRIBUTE(0x0000000F, "DeleteAttribute"),
    OBTAIN_LEASE(0x00000010, "ObtainLease"),
    GET_USAGE_ALLOCATION(0x00000011, "GetUsageAllocation"),
    ACTIVATE(0x00000012, "Activate"),
    REVOKE(0x00000013, "Revoke"),
    DESTROY(0x00000014, "Destroy"),
    ARCHIVE(0x00000015, "Archive"),
    RECOVER(0x00000016, "Recover"),
    VALIDATE(0x00000017, "Validate"),
    QUERY(0x00000018, "Query"),
    CANCEL(0x00000019, "Cancel"),
    POLL(0x0000001A, "Poll"),
    NOTIFY(0x0000001B, "Notify"),
    PUT(0x0000001C, "Put"),
    RE_KEY_KEY_PAIR(0x0000001D, "ReKeyKeyPair"),
    DISCOVER_VERSIONS(0x0000001E, "DiscoverVersions"),
    ENCRYPT(0x0000001F, "Encrypt"),
    DECRYPT(0x00000020, "Decrypt"),
    SIGN(0x00000021, "Sign"),
    SIGNATURE_VERIFY(0x00000022, "SignatureVerify"),
    MAC(0x00000023, "MAC"),
    MAC_VERIFY(0x00000024, "MACVerify"),
    RNG_RETRIEVE(0x00000025, "RNGRetrieve"),
    RNG_SEED(0x00000026, "RNGSeed"),
    HASH(0x00000027, "Hash"),
    CREATE_SPLIT_KEY(0x00000028, "CreateSplitKey"),
    JOIN_SPLIT_KEY(0x00000029, "JoinSplitKey"),
    IMPORT(0x0000002A, "Import"),
    EXPORT(0x0000002B, "Export"),
    LOG(0x0000002C, "Log"),
    LOGIN(0x0000002D, "Login"),
    LOGOUT(0x0000002E, "Logout"),
    DELEGATED_LOGIN(0x0000002F, "DelegatedLogin"),
    ADJUST_ATTRIBUTE(0x00000030, "AdjustAttribute"),
    SET_ATTRIBUTE(0x00000031, "SetAttribute"),
    SET_ENDPOINT_ROLE(0x00000032, "SetEndpointRole"),
    PKCS_11(0x00000033, "PKCS_11"),
    INTEROP(0x00000034, "Interop"),
    RE_PROVISION(0x00000035, "ReProvision"),
    SET_DEFAULTS(0x00000036, "SetDefaults"),
    SET_CONSTRAINTS(0x00000037, "SetConstraints"),
    GET_CONSTRAINTS(0x00000038, "GetConstraints"),
    QUERY_ASYNCHRONOUS_REQUESTS(0x00000039, "QueryAsynchronousRequests"),
    PROCESS(0x0000003A, "Process"),
    PING(0x0000003B, "Ping"),
    /**
     * A Donjon extension (the spec's 8XXXXXXX range): a new object with the key material of the one named, linked to
     * it as its Parent. Payloads as Activate's: the Unique Identifier (or the ID Placeholder) in, the clone's out.
     */
    DONJON_CLONE(0x80000001, "DonjonClone"),
    /**
     * A Donjon extension: one replication change pushed by the server owning an object to a peer (docs/replication.md),
     * a signed lockbox in the Data field; the response's Unique Identifier is the object's. Served to peers only.
     */
    DONJON_REPLICATE(0x80000010, "DonjonReplicate"),
    /**
     * A Donjon extension: a write a replica refused, forwarded by that server (in proxy mode) to the object's owner with
     * its caller's signed assertion (docs/replication.md, "Proxy mode"); the response carries the owner's answer to the
     * forwarded operation. Served to peers trusted to forward calls only.
     */
    DONJON_PROXIED_CALL(0x80000011, "DonjonProxiedCall");

    private static final KmipEnumIndex<Operation> INDEX = KmipEnumIndex.of(Operation.class);

    private final int code;
    private final String specName;

    Operation(int code, String specName) {
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

    public static Optional<Operation> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<Operation> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<Operation> index() {
        return INDEX;
    }
}
