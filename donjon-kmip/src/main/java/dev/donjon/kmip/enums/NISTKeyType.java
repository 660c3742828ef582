package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP NIST Key Type enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum NISTKeyType implements KmipEnum {
    PRIVATE_SIGNATURE_KEY(0x00000001, "PrivateSignatureKey"),
    PUBLIC_SIGNATURE_VERIFICATION_KEY(0x00000002, "PublicSignatureVerificationKey"),
    SYMMETRIC_AUTHENTICATION_KEY(0x00000003, "SymmetricAuthenticationKey"),
    PRIVATE_AUTHENTICATION_KEY(0x00000004, "PrivateAuthenticationKey"),
    PUBLIC_AUTHENTICATION_KEY(0x00000005, "PublicAuthenticationKey"),
    SYMMETRIC_DATA_ENCRYPTION_KEY(0x00000006, "SymmetricDataEncryptionKey"),
    SYMMETRIC_KEY_WRAPPING_KEY(0x00000007, "SymmetricKeyWrappingKey"),
    SYMMETRIC_RANDOM_NUMBER_GENERATION_KEY(0x00000008, "SymmetricRandomNumberGenerationKey"),
    SYMMETRIC_MASTER_KEY(0x00000009, "SymmetricMasterKey"),
    PRIVATE_KEY_TRANSPORT_KEY(0x0000000A, "PrivateKeyTransportKey"),
    PUBLIC_KEY_TRANSPORT_KEY(0x0000000B, "PublicKeyTransportKey"),
    SYMMETRIC_KEY_AGREEMENT_KEY(0x0000000C, "SymmetricKeyAgreementKey"),
    PRIVATE_STATIC_KEY_AGREEMENT_KEY(0x0000000D, "PrivateStaticKeyAgreementKey"),
    PUBLIC_STATIC_KEY_AGREEMENT_KEY(0x0000000E, "PublicStaticKeyAgreementKey"),
    PRIVATE_EPHEMERAL_KEY_AGREEMENT_KEY(0x0000000F, "PrivateEphemeralKeyAgreementKey"),
    PUBLIC_EPHEMERAL_KEY_AGREEMENT_KEY(0x00000010, "PublicEphemeralKeyAgreementKey"),
    SYMMETRIC_AUTHORIZATION_KEY(0x00000011, "SymmetricAuthorizationKey"),
    PRIVATE_AUTHORIZATION_KEY(0x00000012, "PrivateAuthorizationKey"),
    PUBLIC_AUTHORIZATION_KEY(0x00000013, "PublicAuthorizationKey");

    private static final KmipEnumIndex<NISTKeyType> INDEX = KmipEnumIndex.of(NISTKeyType.class);

    private final int code;
    private final String specName;

    NISTKeyType(int code, String specName) {
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

    public static Optional<NISTKeyType> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<NISTKeyType> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<NISTKeyType> index() {
        return INDEX;
    }
}
