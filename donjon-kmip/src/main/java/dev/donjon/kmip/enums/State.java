package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP State enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum State implements KmipEnum {
    PRE_ACTIVE(0x00000001, "PreActive"),
    ACTIVE(0x00000002, "Active"),
    DEACTIVATED(0x00000003, "Deactivated"),
    COMPROMISED(0x00000004, "Compromised"),
    DESTROYED(0x00000005, "Destroyed"),
    DESTROYED_COMPROMISED(0x00000006, "DestroyedCompromised");

    private static final KmipEnumIndex<State> INDEX = KmipEnumIndex.of(State.class);

    private final int code;
    private final String specName;

    State(int code, String specName) {
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

    public static Optional<State> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<State> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<State> index() {
        return INDEX;
    }
}
