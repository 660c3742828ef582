package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Object Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ObjectType implements KmipEnum {
    CERTIFICATE(0x00000001, "Certificate"),
    SYMMETRIC_KEY(0x00000002, "SymmetricKey"),
    PUBLIC_KEY(0x00000003, "PublicKey"),
    PRIVATE_KEY(0x00000004, "PrivateKey"),
    SPLIT_KEY(0x00000005, "SplitKey"),
    TEMPLATE(0x00000006, "Template"),
    SECRET_DATA(0x00000007, "SecretData"),
    OPAQUE_OBJECT(0x00000008, "OpaqueObject"),
    PGP_KEY(0x00000009, "PGPKey"),
    CERTIFICATE_REQUEST(0x0000000A, "CertificateRequest");

    private static final KmipEnumIndex<ObjectType> INDEX = KmipEnumIndex.of(ObjectType.class);

    private final int code;
    private final String specName;

    ObjectType(int code, String specName) {
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

    public static Optional<ObjectType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ObjectType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ObjectType> index() {
        return INDEX;
    }
}
