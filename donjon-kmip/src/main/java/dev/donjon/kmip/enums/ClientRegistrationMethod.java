package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Client Registration Method enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ClientRegistrationMethod implements KmipEnum {
    UNSPECIFIED(0x00000001, "Unspecified"),
    SERVER_PRE_GENERATED(0x00000002, "ServerPreGenerated"),
    SERVER_ON_DEMAND(0x00000003, "ServerOnDemand"),
    CLIENT_GENERATED(0x00000004, "ClientGenerated"),
    CLIENT_REGISTERED(0x00000005, "ClientRegistered");

    private static final KmipEnumIndex<ClientRegistrationMethod> INDEX = KmipEnumIndex.of(ClientRegistrationMethod.class);

    private final int code;
    private final String specName;

    ClientRegistrationMethod(int code, String specName) {
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

    public static Optional<ClientRegistrationMethod> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ClientRegistrationMethod> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ClientRegistrationMethod> index() {
        return INDEX;
    }
}
