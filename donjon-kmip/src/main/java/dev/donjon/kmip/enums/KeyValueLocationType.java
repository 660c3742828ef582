package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Key Value Location Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum KeyValueLocationType implements KmipEnum {
    UNINTERPRETED_TEXT_STRING(0x00000001, "UninterpretedTextString"),
    URI(0x00000002, "URI");

    private static final KmipEnumIndex<KeyValueLocationType> INDEX = KmipEnumIndex.of(KeyValueLocationType.class);

    private final int code;
    private final String specName;

    KeyValueLocationType(int code, String specName) {
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

    public static Optional<KeyValueLocationType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<KeyValueLocationType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<KeyValueLocationType> index() {
        return INDEX;
    }
}
