package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Cryptographic Usage Mask bits: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum CryptographicUsageMask implements KmipEnum {
    SIGN(0x00000001, "Sign"),
    VERIFY(0x00000002, "Verify"),
    ENCRYPT(0x00000004, "Encrypt"),
    DECRYPT(0x00000008, "Decrypt"),
    WRAP_KEY(0x00000010, "WrapKey"),
    UNWRAP_KEY(0x00000020, "UnwrapKey"),
    EXPORT(0x00000040, "Export"),
    MAC_GENERATE(0x00000080, "MACGenerate"),
    MAC_VERIFY(0x00000100, "MACVerify"),
    DERIVE_KEY(0x00000200, "DeriveKey"),
    CONTENT_COMMITMENT_NON_REPUDIATION(0x00000400, "ContentCommitmentNonRepudiation"),
    KEY_AGREEMENT(0x00000800, "KeyAgreement"),
    CERTIFICATE_SIGN(0x00001000, "CertificateSign"),
    CRL_SIGN(0x00002000, "CRLSign"),
    GENERATE_CRYPTOGRAM(0x00004000, "GenerateCryptogram"),
    VALIDATE_CRYPTOGRAM(0x00008000, "ValidateCryptogram"),
    TRANSLATE_ENCRYPT(0x00010000, "TranslateEncrypt"),
    TRANSLATE_DECRYPT(0x00020000, "TranslateDecrypt"),
    TRANSLATE_WRAP(0x00040000, "TranslateWrap"),
    TRANSLATE_UNWRAP(0x00080000, "TranslateUnwrap"),
    AUTHENTICATE(0x00100000, "Authenticate"),
    UNRESTRICTED(0x00200000, "Unrestricted"),
    FPE_ENCRYPT(0x00400000, "FPEEncrypt"),
    FPE_DECRYPT(0x00800000, "FPEDecrypt");

    private static final KmipEnumIndex<CryptographicUsageMask> INDEX = KmipEnumIndex.of(CryptographicUsageMask.class);

    private final int code;
    private final String specName;

    CryptographicUsageMask(int code, String specName) {
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

    public static Optional<CryptographicUsageMask> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<CryptographicUsageMask> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<CryptographicUsageMask> index() {
        return INDEX;
    }
}
