package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Certificate Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CertificateType implements KmipEnum {
    X_509(0x00000001, "X_509"),
    PGP(0x00000002, "PGP");

    private static final KmipEnumIndex<CertificateType> INDEX = KmipEnumIndex.of(CertificateType.class);

    private final int code;
    private final String specName;

    CertificateType(int code, String specName) {
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

    public static Optional<CertificateType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CertificateType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CertificateType> index() {
        return INDEX;
    }
}
