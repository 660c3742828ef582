package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnumIndex;
import dev.donjon.kmip.Tag;
import java.util.Optional;

/**
 * Which enumeration gives names to the values of a tag, so the XML and JSON codecs can write
 * {@code "SymmetricKey"} instead of {@code 0x00000002}. Generated from the spec tables: an
 * enumeration belongs to the tag of the same name, plus the few tags that reuse another one.
 */
public final class EnumRegistry {

    private EnumRegistry() {
    }

    /** The enumeration for Enumeration-typed items with this tag, if the specification defines one. */
    public static Optional<KmipEnumIndex<?>> enumerationOf(Tag tag) {
        return Optional.ofNullable(switch (tag) {
            case ADJUSTMENT_TYPE -> AdjustmentType.index();
            case ALTERNATIVE_NAME_TYPE -> AlternativeNameType.index();
            case ASYNCHRONOUS_INDICATOR -> AsynchronousIndicator.index();
            case ATTESTATION_TYPE -> AttestationType.index();
            case BATCH_ERROR_CONTINUATION_OPTION -> BatchErrorContinuationOption.index();
            case BLOCK_CIPHER_MODE -> BlockCipherMode.index();
            case CANCELLATION_RESULT -> CancellationResult.index();
            case CERTIFICATE_REQUEST_TYPE -> CertificateRequestType.index();
            case CERTIFICATE_TYPE -> CertificateType.index();
            case CLIENT_REGISTRATION_METHOD -> ClientRegistrationMethod.index();
            case CREDENTIAL_TYPE -> CredentialType.index();
            case CRYPTOGRAPHIC_ALGORITHM -> CryptographicAlgorithm.index();
            case DRBG_ALGORITHM -> DRBGAlgorithm.index();
            case DATA -> Data.index();
            case DERIVATION_METHOD -> DerivationMethod.index();
            case DESTROY_ACTION -> DestroyActionType.index();
            case DIGITAL_SIGNATURE_ALGORITHM -> DigitalSignatureAlgorithm.index();
            case ENCODING_OPTION -> EncodingOption.index();
            case ENDPOINT_ROLE -> EndpointRole.index();
            case FIPS186_VARIATION -> FIPS186Variation.index();
            case HASHING_ALGORITHM -> HashingAlgorithm.index();
            case MASK_GENERATOR_HASHING_ALGORITHM -> HashingAlgorithm.index();
            case INTEROP_FUNCTION -> InteropFunction.index();
            case KEY_COMPRESSION_TYPE -> KeyCompressionType.index();
            case KEY_FORMAT_TYPE -> KeyFormatType.index();
            case KEY_ROLE_TYPE -> KeyRoleType.index();
            case KEY_VALUE_LOCATION_TYPE -> KeyValueLocationType.index();
            case KEY_WRAP_TYPE -> KeyWrapType.index();
            case LINK_TYPE -> LinkType.index();
            case MASK_GENERATOR -> MaskGenerator.index();
            case NIST_KEY_TYPE -> NISTKeyType.index();
            case NAME_TYPE -> NameType.index();
            case OBJECT_GROUP_MEMBER -> ObjectGroupMemberOption.index();
            case OBJECT_TYPE -> ObjectType.index();
            case OPERATION -> Operation.index();
            case PADDING_METHOD -> PaddingMethod.index();
            case PROCESSING_STAGE -> ProcessingStage.index();
            case PROFILE_NAME -> ProfileName.index();
            case PROTECTION_LEVEL -> ProtectionLevel.index();
            case PUT_FUNCTION -> PutFunction.index();
            case QUERY_FUNCTION -> QueryFunction.index();
            case RNG_ALGORITHM -> RNGAlgorithm.index();
            case RNG_MODE -> RNGMode.index();
            case RECOMMENDED_CURVE -> RecommendedCurve.index();
            case RESULT_REASON -> ResultReason.index();
            case RESULT_STATUS -> ResultStatus.index();
            case REVOCATION_REASON_CODE -> RevocationReasonCode.index();
            case ROTATE_NAME_TYPE -> RotateNameType.index();
            case SECRET_DATA_TYPE -> SecretDataType.index();
            case SHREDDING_ALGORITHM -> ShreddingAlgorithm.index();
            case SPLIT_KEY_METHOD -> SplitKeyMethod.index();
            case STATE -> State.index();
            case TICKET_TYPE -> TicketType.index();
            case UNIQUE_IDENTIFIER -> UniqueIdentifier.index();
            case UNWRAP_MODE -> UnwrapMode.index();
            case USAGE_LIMITS_UNIT -> UsageLimitsUnit.index();
            case VALIDATION_AUTHORITY_TYPE -> ValidationAuthorityType.index();
            case VALIDATION_TYPE -> ValidationType.index();
            case VALIDITY_INDICATOR -> ValidityIndicator.index();
            case WRAPPING_METHOD -> WrappingMethod.index();
            // Attribute Reference (2.x) names an attribute by its tag.
            case ATTRIBUTE_REFERENCE -> Tag.index();
            case PKCS_11_FUNCTION -> Pkcs11Function.index();
            case PKCS_11_RETURN_CODE -> Pkcs11ReturnCode.index();
            default -> null;
        });
    }

    /** The bit names for Integer-typed items with this tag that hold a mask (e.g. Cryptographic Usage Mask). */
    public static Optional<KmipEnumIndex<?>> maskOf(Tag tag) {
        return Optional.ofNullable(switch (tag) {
            case CRYPTOGRAPHIC_USAGE_MASK -> CryptographicUsageMask.index();
            case PROTECTION_STORAGE_MASK -> ProtectionStorageMask.index();
            case STORAGE_STATUS_MASK -> StorageStatusMask.index();
            default -> null;
        });
    }
}
