package dev.donjon.kmip.enums;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import java.util.Optional;

/**
 * KMIP Result Reason enumeration: codes and normalized names from the KMIP 1.4 and 2.1
 * specification tables (values only in 1.4 are kept so 1.x peers still decode).
 * Generated from the spec text; edit the table, not the logic.
 */
public enum ResultReason implements KmipEnum {
    ITEM_NOT_FOUND(0x00000001, "ItemNotFound"),
    RESPONSE_TOO_LARGE(0x00000002, "ResponseTooLarge"),
    AUTHENTICATION_NOT_SUCCESSFUL(0x00000003, "AuthenticationNotSuccessful"),
    INVALID_MESSAGE(0x00000004, "InvalidMessage"),
    OPERATION_NOT_SUPPORTED(0x00000005, "OperationNotSupported"),
    MISSING_DATA(0x00000006, "MissingData"),
    INVALID_FIELD(0x00000007, "InvalidField"),
    FEATURE_NOT_SUPPORTED(0x00000008, "FeatureNotSupported"),
    OPERATION_CANCELED_BY_REQUESTER(0x00000009, "OperationCanceledByRequester"),
    CRYPTOGRAPHIC_FAILURE(0x0000000A, "CryptographicFailure"),
    ILLEGAL_OPERATION(0x0000000B, "IllegalOperation"),
    PERMISSION_DENIED(0x0000000C, "PermissionDenied"),
    OBJECT_ARCHIVED(0x0000000D, "ObjectArchived"),
    INDEX_OUT_OF_BOUNDS(0x0000000E, "IndexOutOfBounds"),
    APPLICATION_NAMESPACE_NOT_SUPPORTED(0x0000000F, "ApplicationNamespaceNotSupported"),
    KEY_FORMAT_TYPE_NOT_SUPPORTED(0x00000010, "KeyFormatTypeNotSupported"),
    KEY_COMPRESSION_TYPE_NOT_SUPPORTED(0x00000011, "KeyCompressionTypeNotSupported"),
    ENCODING_OPTION_ERROR(0x00000012, "EncodingOptionError"),
    KEY_VALUE_NOT_PRESENT(0x00000013, "KeyValueNotPresent"),
    ATTESTATION_REQUIRED(0x00000014, "AttestationRequired"),
    ATTESTATION_FAILED(0x00000015, "AttestationFailed"),
    SENSITIVE(0x00000016, "Sensitive"),
    NOT_EXTRACTABLE(0x00000017, "NotExtractable"),
    OBJECT_ALREADY_EXISTS(0x00000018, "ObjectAlreadyExists"),
    INVALID_TICKET(0x00000019, "InvalidTicket"),
    USAGE_LIMIT_EXCEEDED(0x0000001A, "UsageLimitExceeded"),
    NUMERIC_RANGE(0x0000001B, "NumericRange"),
    INVALID_DATA_TYPE(0x0000001C, "InvalidDataType"),
    READ_ONLY_ATTRIBUTE(0x0000001D, "ReadOnlyAttribute"),
    MULTI_VALUED_ATTRIBUTE(0x0000001E, "MultiValuedAttribute"),
    UNSUPPORTED_ATTRIBUTE(0x0000001F, "UnsupportedAttribute"),
    ATTRIBUTE_INSTANCE_NOT_FOUND(0x00000020, "AttributeInstanceNotFound"),
    ATTRIBUTE_NOT_FOUND(0x00000021, "AttributeNotFound"),
    ATTRIBUTE_READ_ONLY(0x00000022, "AttributeReadOnly"),
    ATTRIBUTE_SINGLE_VALUED(0x00000023, "AttributeSingleValued"),
    BAD_CRYPTOGRAPHIC_PARAMETERS(0x00000024, "BadCryptographicParameters"),
    BAD_PASSWORD(0x00000025, "BadPassword"),
    CODEC_ERROR(0x00000026, "CodecError"),
    ILLEGAL_OBJECT_TYPE(0x00000028, "IllegalObjectType"),
    INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK(0x00000029, "IncompatibleCryptographicUsageMask"),
    INTERNAL_SERVER_ERROR(0x0000002A, "InternalServerError"),
    INVALID_ASYNCHRONOUS_CORRELATION_VALUE(0x0000002B, "InvalidAsynchronousCorrelationValue"),
    INVALID_ATTRIBUTE(0x0000002C, "InvalidAttribute"),
    INVALID_ATTRIBUTE_VALUE(0x0000002D, "InvalidAttributeValue"),
    INVALID_CORRELATION_VALUE(0x0000002E, "InvalidCorrelationValue"),
    INVALID_CSR(0x0000002F, "InvalidCSR"),
    INVALID_OBJECT_TYPE(0x00000030, "InvalidObjectType"),
    KEY_WRAP_TYPE_NOT_SUPPORTED(0x00000032, "KeyWrapTypeNotSupported"),
    MISSING_INITIALIZATION_VECTOR(0x00000034, "MissingInitializationVector"),
    NON_UNIQUE_NAME_ATTRIBUTE(0x00000035, "NonUniqueNameAttribute"),
    OBJECT_DESTROYED(0x00000036, "ObjectDestroyed"),
    OBJECT_NOT_FOUND(0x00000037, "ObjectNotFound"),
    NOT_AUTHORISED(0x00000039, "NotAuthorised"),
    SERVER_LIMIT_EXCEEDED(0x0000003A, "ServerLimitExceeded"),
    UNKNOWN_ENUMERATION(0x0000003B, "UnknownEnumeration"),
    UNKNOWN_MESSAGE_EXTENSION(0x0000003C, "UnknownMessageExtension"),
    UNKNOWN_TAG(0x0000003D, "UnknownTag"),
    UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS(0x0000003E, "UnsupportedCryptographicParameters"),
    UNSUPPORTED_PROTOCOL_VERSION(0x0000003F, "UnsupportedProtocolVersion"),
    WRAPPING_OBJECT_ARCHIVED(0x00000040, "WrappingObjectArchived"),
    WRAPPING_OBJECT_DESTROYED(0x00000041, "WrappingObjectDestroyed"),
    WRAPPING_OBJECT_NOT_FOUND(0x00000042, "WrappingObjectNotFound"),
    WRONG_KEY_LIFECYCLE_STATE(0x00000043, "WrongKeyLifecycleState"),
    PROTECTION_STORAGE_UNAVAILABLE(0x00000044, "ProtectionStorageUnavailable"),
    PKCS_11_CODEC_ERROR(0x00000045, "PKCS_11CodecError"),
    PKCS_11_INVALID_FUNCTION(0x00000046, "PKCS_11InvalidFunction"),
    PKCS_11_INVALID_INTERFACE(0x00000047, "PKCS_11InvalidInterface"),
    PRIVATE_PROTECTION_STORAGE_UNAVAILABLE(0x00000048, "PrivateProtectionStorageUnavailable"),
    PUBLIC_PROTECTION_STORAGE_UNAVAILABLE(0x00000049, "PublicProtectionStorageUnavailable"),
    UNKNOWN_OBJECT_GROUP(0x0000004A, "UnknownObjectGroup"),
    CONSTRAINT_VIOLATION(0x0000004B, "ConstraintViolation"),
    DUPLICATE_PROCESS_REQUEST(0x0000004C, "DuplicateProcessRequest"),
    GENERAL_FAILURE(0x00000100, "GeneralFailure");

    private static final KmipEnumIndex<ResultReason> INDEX = KmipEnumIndex.of(ResultReason.class);

    private final int code;
    private final String specName;

    ResultReason(int code, String specName) {
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

    public static Optional<ResultReason> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<ResultReason> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    public static KmipEnumIndex<ResultReason> index() {
        return INDEX;
    }
}
