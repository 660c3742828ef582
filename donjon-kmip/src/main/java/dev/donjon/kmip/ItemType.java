package dev.donjon.kmip;

import java.util.Optional;

/** The TTLV item types (KMIP 1.4 §9.1.1.2; Date Time Extended added in 2.0). */
public enum ItemType implements KmipEnum {
    STRUCTURE(0x01, "Structure"),
    INTEGER(0x02, "Integer"),
    LONG_INTEGER(0x03, "LongInteger"),
    BIG_INTEGER(0x04, "BigInteger"),
    ENUMERATION(0x05, "Enumeration"),
    BOOLEAN(0x06, "Boolean"),
    TEXT_STRING(0x07, "TextString"),
    BYTE_STRING(0x08, "ByteString"),
    DATE_TIME(0x09, "DateTime"),
    INTERVAL(0x0A, "Interval"),
    DATE_TIME_EXTENDED(0x0B, "DateTimeExtended");

    private static final KmipEnumIndex<ItemType> INDEX = KmipEnumIndex.of(ItemType.class);

    private final int code;
    private final String specName;

    ItemType(int code, String specName) {
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

    public static Optional<ItemType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ItemType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ItemType> index() {
        return INDEX;
    }
}
