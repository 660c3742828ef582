package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Attestation Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum AttestationType implements KmipEnum {
    TPM_QUOTE(0x00000001, "TPMQuote"),
    TCG_INTEGRITY_REPORT(0x00000002, "TCGIntegrityReport"),
    SAML_ASSERTION(0x00000003, "SAMLAssertion");

    private static final KmipEnumIndex<AttestationType> INDEX = KmipEnumIndex.of(AttestationType.class);

    private final int code;
    private final String specName;

    AttestationType(int code, String specName) {
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

    public static Optional<AttestationType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<AttestationType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<AttestationType> index() {
        return INDEX;
    }
}
