package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Certificate Request Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CertificateRequestType implements KmipEnum {
    CRMF(0x00000001, "CRMF"),
    PKCS_10(0x00000002, "PKCS_10"),
    PEM(0x00000003, "PEM"),
    PGP(0x00000004, "PGP");

    private static final KmipEnumIndex<CertificateRequestType> INDEX = KmipEnumIndex.of(CertificateRequestType.class);

    private final int code;
    private final String specName;

    CertificateRequestType(int code, String specName) {
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

    public static Optional<CertificateRequestType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CertificateRequestType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CertificateRequestType> index() {
        return INDEX;
    }
}
