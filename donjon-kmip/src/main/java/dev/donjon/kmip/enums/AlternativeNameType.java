package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Alternative Name Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum AlternativeNameType implements KmipEnum {
    UNINTERPRETED_TEXT_STRING(0x00000001, "UninterpretedTextString"),
    URI(0x00000002, "URI"),
    OBJECT_SERIAL_NUMBER(0x00000003, "ObjectSerialNumber"),
    EMAIL_ADDRESS(0x00000004, "EmailAddress"),
    DNS_NAME(0x00000005, "DNSName"),
    X_500_DISTINGUISHED_NAME(0x00000006, "X_500DistinguishedName"),
    IP_ADDRESS(0x00000007, "IPAddress");

    private static final KmipEnumIndex<AlternativeNameType> INDEX = KmipEnumIndex.of(AlternativeNameType.class);

    private final int code;
    private final String specName;

    AlternativeNameType(int code, String specName) {
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

    public static Optional<AlternativeNameType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<AlternativeNameType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<AlternativeNameType> index() {
        return INDEX;
    }
}
