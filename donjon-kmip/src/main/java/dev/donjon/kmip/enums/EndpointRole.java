package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Endpoint Role enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum EndpointRole implements KmipEnum {
    CLIENT(0x00000001, "Client"),
    SERVER(0x00000002, "Server");

    private static final KmipEnumIndex<EndpointRole> INDEX = KmipEnumIndex.of(EndpointRole.class);

    private final int code;
    private final String specName;

    EndpointRole(int code, String specName) {
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

    public static Optional<EndpointRole> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<EndpointRole> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<EndpointRole> index() {
        return INDEX;
    }
}
