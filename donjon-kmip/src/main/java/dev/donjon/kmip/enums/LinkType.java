package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Link Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum LinkType implements KmipEnum {
    CERTIFICATE_LINK(0x00000101, "CertificateLink"),
    PUBLIC_KEY_LINK(0x00000102, "PublicKeyLink"),
    PRIVATE_KEY_LINK(0x00000103, "PrivateKeyLink"),
    DERIVATION_BASE_OBJECT_LINK(0x00000104, "DerivationBaseObjectLink"),
    DERIVED_KEY_LINK(0x00000105, "DerivedKeyLink"),
    REPLACEMENT_OBJECT_LINK(0x00000106, "ReplacementObjectLink"),
    REPLACED_OBJECT_LINK(0x00000107, "ReplacedObjectLink"),
    PARENT_LINK(0x00000108, "ParentLink"),
    CHILD_LINK(0x00000109, "ChildLink"),
    PREVIOUS_LINK(0x0000010A, "PreviousLink"),
    NEXT_LINK(0x0000010B, "NextLink"),
    PKCS_12_CERTIFICATE_LINK(0x0000010C, "PKCS_12CertificateLink"),
    PKCS_12_PASSWORD_LINK(0x0000010D, "PKCS_12PasswordLink"),
    WRAPPING_KEY_LINK(0x0000010E, "WrappingKeyLink");

    private static final KmipEnumIndex<LinkType> INDEX = KmipEnumIndex.of(LinkType.class);

    private final int code;
    private final String specName;

    LinkType(int code, String specName) {
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

    public static Optional<LinkType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<LinkType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<LinkType> index() {
        return INDEX;
    }
}
