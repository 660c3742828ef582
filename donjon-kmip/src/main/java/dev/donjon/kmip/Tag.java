package dev.donjon.kmip;

import java.util.Optional;

/**
 * Every tag defined by KMIP 1.0–1.4 and 2.0–2.1, with its 3-byte code and the normalized name the
 * TTLV-XML and TTLV-JSON encodings use. Tags that 2.x turned into "(Reserved)" stay here under their
 * 1.x name so 1.x messages still decode.
 *
 * <p>The table is generated from the tag tables of the KMIP 1.4 (§9.1.3.1) and 2.1 (§11.56)
 * specifications; codes in the extension range 0x54xxxx have no constant and stay plain ints in
 * {@link Ttlv}.
 */
public enum Tag implements KmipEnum {
    ACTIVATION_DATE(0x420001, "ActivationDate"),
    APPLICATION_DATA(0x420002, "ApplicationData"),
    APPLICATION_NAMESPACE(0x420003, "ApplicationNamespace"),
    APPLICATION_SPECIFIC_INFORMATION(0x420004, "ApplicationSpecificInformation"),
    ARCHIVE_DATE(0x420005, "ArchiveDate"),
    ASYNCHRONOUS_CORRELATION_VALUE(0x420006, "AsynchronousCorrelationValue"),
    ASYNCHRONOUS_INDICATOR(0x420007, "AsynchronousIndicator"),
    ATTRIBUTE(0x420008, "Attribute"),
    ATTRIBUTE_INDEX(0x420009, "AttributeIndex"),  // KMIP 1.x only; reserved in 2.x
    ATTRIBUTE_NAME(0x42000A, "AttributeName"),
    ATTRIBUTE_VALUE(0x42000B, "AttributeValue"),
    AUTHENTICATION(0x42000C, "Authentication"),
    BATCH_COUNT(0x42000D, "BatchCount"),
    BATCH_ERROR_CONTINUATION_OPTION(0x42000E, "BatchErrorContinuationOption"),
    BATCH_ITEM(0x42000F, "BatchItem"),
    BATCH_ORDER_OPTION(0x420010, "BatchOrderOption"),
    BLOCK_CIPHER_MODE(0x420011, "BlockCipherMode"),
    CANCELLATION_RESULT(0x420012, "CancellationResult"),
    CERTIFICATE(0x420013, "Certificate"),
    CERTIFICATE_IDENTIFIER(0x420014, "CertificateIdentifier"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_ISSUER(0x420015, "CertificateIssuer"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_ISSUER_ALTERNATIVE_NAME(0x420016, "CertificateIssuerAlternativeName"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_ISSUER_DISTINGUISHED_NAME(0x420017, "CertificateIssuerDistinguishedName"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_REQUEST(0x420018, "CertificateRequest"),
    CERTIFICATE_REQUEST_TYPE(0x420019, "CertificateRequestType"),
    CERTIFICATE_SUBJECT(0x42001A, "CertificateSubject"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_SUBJECT_ALTERNATIVE_NAME(0x42001B, "CertificateSubjectAlternativeName"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_SUBJECT_DISTINGUISHED_NAME(0x42001C, "CertificateSubjectDistinguishedName"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    CERTIFICATE_TYPE(0x42001D, "CertificateType"),
    CERTIFICATE_VALUE(0x42001E, "CertificateValue"),
    COMMON_TEMPLATE_ATTRIBUTE(0x42001F, "CommonTemplateAttribute"),  // KMIP 1.x only; reserved in 2.x
    COMPROMISE_DATE(0x420020, "CompromiseDate"),
    COMPROMISE_OCCURRENCE_DATE(0x420021, "CompromiseOccurrenceDate"),
    CONTACT_INFORMATION(0x420022, "ContactInformation"),
    CREDENTIAL(0x420023, "Credential"),
    CREDENTIAL_TYPE(0x420024, "CredentialType"),
    CREDENTIAL_VALUE(0x420025, "CredentialValue"),
    CRITICALITY_INDICATOR(0x420026, "CriticalityIndicator"),
    CRT_COEFFICIENT(0x420027, "CRTCoefficient"),
    CRYPTOGRAPHIC_ALGORITHM(0x420028, "CryptographicAlgorithm"),
    CRYPTOGRAPHIC_DOMAIN_PARAMETERS(0x420029, "CryptographicDomainParameters"),
    CRYPTOGRAPHIC_LENGTH(0x42002A, "CryptographicLength"),
    CRYPTOGRAPHIC_PARAMETERS(0x42002B, "CryptographicParameters"),
    CRYPTOGRAPHIC_USAGE_MASK(0x42002C, "CryptographicUsageMask"),
    CUSTOM_ATTRIBUTE(0x42002D, "CustomAttribute"),  // KMIP 1.x only; reserved in 2.x
    D(0x42002E, "D"),
    DEACTIVATION_DATE(0x42002F, "DeactivationDate"),
    DERIVATION_DATA(0x420030, "DerivationData"),
    DERIVATION_METHOD(0x420031, "DerivationMethod"),
    DERIVATION_PARAMETERS(0x420032, "DerivationParameters"),
    DESTROY_DATE(0x420033, "DestroyDate"),
    DIGEST(0x420034, "Digest"),
    DIGEST_VALUE(0x420035, "DigestValue"),
    ENCRYPTION_KEY_INFORMATION(0x420036, "EncryptionKeyInformation"),
    G(0x420037, "G"),
    HASHING_ALGORITHM(0x420038, "HashingAlgorithm"),
    INITIAL_DATE(0x420039, "InitialDate"),
    INITIALIZATION_VECTOR(0x42003A, "InitializationVector"),
    ISSUER(0x42003B, "Issuer"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    ITERATION_COUNT(0x42003C, "IterationCount"),
    IV_COUNTER_NONCE(0x42003D, "IVCounterNonce"),
    J(0x42003E, "J"),
    KEY(0x42003F, "Key"),
    KEY_BLOCK(0x420040, "KeyBlock"),
    KEY_COMPRESSION_TYPE(0x420041, "KeyCompressionType"),
    KEY_FORMAT_TYPE(0x420042, "KeyFormatType"),
    KEY_MATERIAL(0x420043, "KeyMaterial"),
    KEY_PART_IDENTIFIER(0x420044, "KeyPartIdentifier"),
    KEY_VALUE(0x420045, "KeyValue"),
    KEY_WRAPPING_DATA(0x420046, "KeyWrappingData"),
    KEY_WRAPPING_SPECIFICATION(0x420047, "KeyWrappingSpecification"),
    LAST_CHANGE_DATE(0x420048, "LastChangeDate"),
    LEASE_TIME(0x420049, "LeaseTime"),
    LINK(0x42004A, "Link"),
    LINK_TYPE(0x42004B, "LinkType"),
    LINKED_OBJECT_IDENTIFIER(0x42004C, "LinkedObjectIdentifier"),
    MAC_SIGNATURE(0x42004D, "MACSignature"),
    MAC_SIGNATURE_KEY_INFORMATION(0x42004E, "MACSignatureKeyInformation"),
    MAXIMUM_ITEMS(0x42004F, "MaximumItems"),
    MAXIMUM_RESPONSE_SIZE(0x420050, "MaximumResponseSize"),
    MESSAGE_EXTENSION(0x420051, "MessageExtension"),
    MODULUS(0x420052, "Modulus"),
    NAME(0x420053, "Name"),
    NAME_TYPE(0x420054, "NameType"),
    NAME_VALUE(0x420055, "NameValue"),
    OBJECT_GROUP(0x420056, "ObjectGroup"),
    OBJECT_TYPE(0x420057, "ObjectType"),
    OFFSET(0x420058, "Offset"),
    OPAQUE_DATA_TYPE(0x420059, "OpaqueDataType"),
    OPAQUE_DATA_VALUE(0x42005A, "OpaqueDataValue"),
    OPAQUE_OBJECT(0x42005B, "OpaqueObject"),
    OPERATION(0x42005C, "Operation"),
    OPERATION_POLICY_NAME(0x42005D, "OperationPolicyName"),  // KMIP 1.x only, deprecated; reserved in 2.x
    P(0x42005E, "P"),
    PADDING_METHOD(0x42005F, "PaddingMethod"),
    PRIME_EXPONENT_P(0x420060, "PrimeExponentP"),
    PRIME_EXPONENT_Q(0x420061, "PrimeExponentQ"),
    PRIME_FIELD_SIZE(0x420062, "PrimeFieldSize"),
    PRIVATE_EXPONENT(0x420063, "PrivateExponent"),
    PRIVATE_KEY(0x420064, "PrivateKey"),
    PRIVATE_KEY_TEMPLATE_ATTRIBUTE(0x420065, "PrivateKeyTemplateAttribute"),  // KMIP 1.x only; reserved in 2.x
    PRIVATE_KEY_UNIQUE_IDENTIFIER(0x420066, "PrivateKeyUniqueIdentifier"),
    PROCESS_START_DATE(0x420067, "ProcessStartDate"),
    PROTECT_STOP_DATE(0x420068, "ProtectStopDate"),
    PROTOCOL_VERSION(0x420069, "ProtocolVersion"),
    PROTOCOL_VERSION_MAJOR(0x42006A, "ProtocolVersionMajor"),
    PROTOCOL_VERSION_MINOR(0x42006B, "ProtocolVersionMinor"),
    PUBLIC_EXPONENT(0x42006C, "PublicExponent"),
    PUBLIC_KEY(0x42006D, "PublicKey"),
    PUBLIC_KEY_TEMPLATE_ATTRIBUTE(0x42006E, "PublicKeyTemplateAttribute"),  // KMIP 1.x only; reserved in 2.x
    PUBLIC_KEY_UNIQUE_IDENTIFIER(0x42006F, "PublicKeyUniqueIdentifier"),
    PUT_FUNCTION(0x420070, "PutFunction"),
    Q(0x420071, "Q"),
    Q_STRING(0x420072, "QString"),
    QLENGTH(0x420073, "Qlength"),
    QUERY_FUNCTION(0x420074, "QueryFunction"),
    RECOMMENDED_CURVE(0x420075, "RecommendedCurve"),
    REPLACED_UNIQUE_IDENTIFIER(0x420076, "ReplacedUniqueIdentifier"),
    REQUEST_HEADER(0x420077, "RequestHeader"),
    REQUEST_MESSAGE(0x420078, "RequestMessage"),
    REQUEST_PAYLOAD(0x420079, "RequestPayload"),
    RESPONSE_HEADER(0x42007A, "ResponseHeader"),
    RESPONSE_MESSAGE(0x42007B, "ResponseMessage"),
    RESPONSE_PAYLOAD(0x42007C, "ResponsePayload"),
    RESULT_MESSAGE(0x42007D, "ResultMessage"),
    RESULT_REASON(0x42007E, "ResultReason"),
    RESULT_STATUS(0x42007F, "ResultStatus"),
    REVOCATION_MESSAGE(0x420080, "RevocationMessage"),
    REVOCATION_REASON(0x420081, "RevocationReason"),
    REVOCATION_REASON_CODE(0x420082, "RevocationReasonCode"),
    KEY_ROLE_TYPE(0x420083, "KeyRoleType"),
    SALT(0x420084, "Salt"),
    SECRET_DATA(0x420085, "SecretData"),
    SECRET_DATA_TYPE(0x420086, "SecretDataType"),
    SERIAL_NUMBER(0x420087, "SerialNumber"),  // KMIP 1.x only, deprecated as of version 1.1; reserved in 2.x
    SERVER_INFORMATION(0x420088, "ServerInformation"),
    SPLIT_KEY(0x420089, "SplitKey"),
    SPLIT_KEY_METHOD(0x42008A, "SplitKeyMethod"),
    SPLIT_KEY_PARTS(0x42008B, "SplitKeyParts"),
    SPLIT_KEY_THRESHOLD(0x42008C, "SplitKeyThreshold"),
    STATE(0x42008D, "State"),
    STORAGE_STATUS_MASK(0x42008E, "StorageStatusMask"),
    SYMMETRIC_KEY(0x42008F, "SymmetricKey"),
    TEMPLATE(0x420090, "Template"),  // KMIP 1.x only; reserved in 2.x
    TEMPLATE_ATTRIBUTE(0x420091, "TemplateAttribute"),  // KMIP 1.x only; reserved in 2.x
    TIME_STAMP(0x420092, "TimeStamp"),
    UNIQUE_BATCH_ITEM_ID(0x420093, "UniqueBatchItemID"),
    UNIQUE_IDENTIFIER(0x420094, "UniqueIdentifier"),
    USAGE_LIMITS(0x420095, "UsageLimits"),
    USAGE_LIMITS_COUNT(0x420096, "UsageLimitsCount"),
    USAGE_LIMITS_TOTAL(0x420097, "UsageLimitsTotal"),
    USAGE_LIMITS_UNIT(0x420098, "UsageLimitsUnit"),
    USERNAME(0x420099, "Username"),
    VALIDITY_DATE(0x42009A, "ValidityDate"),
    VALIDITY_INDICATOR(0x42009B, "ValidityIndicator"),
    VENDOR_EXTENSION(0x42009C, "VendorExtension"),
    VENDOR_IDENTIFICATION(0x42009D, "VendorIdentification"),
    WRAPPING_METHOD(0x42009E, "WrappingMethod"),
    X(0x42009F, "X"),
    Y(0x4200A0, "Y"),
    PASSWORD(0x4200A1, "Password"),
    DEVICE_IDENTIFIER(0x4200A2, "DeviceIdentifier"),
    ENCODING_OPTION(0x4200A3, "EncodingOption"),
    EXTENSION_INFORMATION(0x4200A4, "ExtensionInformation"),
    EXTENSION_NAME(0x4200A5, "ExtensionName"),
    EXTENSION_TAG(0x4200A6, "ExtensionTag"),
    EXTENSION_TYPE(0x4200A7, "ExtensionType"),
    FRESH(0x4200A8, "Fresh"),
    MACHINE_IDENTIFIER(0x4200A9, "MachineIdentifier"),
    MEDIA_IDENTIFIER(0x4200AA, "MediaIdentifier"),
    NETWORK_IDENTIFIER(0x4200AB, "NetworkIdentifier"),
    OBJECT_GROUP_MEMBER(0x4200AC, "ObjectGroupMember"),
    CERTIFICATE_LENGTH(0x4200AD, "CertificateLength"),
    DIGITAL_SIGNATURE_ALGORITHM(0x4200AE, "DigitalSignatureAlgorithm"),
    CERTIFICATE_SERIAL_NUMBER(0x4200AF, "CertificateSerialNumber"),
    DEVICE_SERIAL_NUMBER(0x4200B0, "DeviceSerialNumber"),
    ISSUER_ALTERNATIVE_NAME(0x4200B1, "IssuerAlternativeName"),
    ISSUER_DISTINGUISHED_NAME(0x4200B2, "IssuerDistinguishedName"),
    SUBJECT_ALTERNATIVE_NAME(0x4200B3, "SubjectAlternativeName"),
    SUBJECT_DISTINGUISHED_NAME(0x4200B4, "SubjectDistinguishedName"),
    X_509_CERTIFICATE_IDENTIFIER(0x4200B5, "X_509CertificateIdentifier"),
    X_509_CERTIFICATE_ISSUER(0x4200B6, "X_509CertificateIssuer"),
    X_509_CERTIFICATE_SUBJECT(0x4200B7, "X_509CertificateSubject"),
    KEY_VALUE_LOCATION(0x4200B8, "KeyValueLocation"),
    KEY_VALUE_LOCATION_VALUE(0x4200B9, "KeyValueLocationValue"),
    KEY_VALUE_LOCATION_TYPE(0x4200BA, "KeyValueLocationType"),
    KEY_VALUE_PRESENT(0x4200BB, "KeyValuePresent"),
    ORIGINAL_CREATION_DATE(0x4200BC, "OriginalCreationDate"),
    PGP_KEY(0x4200BD, "PGPKey"),
    PGP_KEY_VERSION(0x4200BE, "PGPKeyVersion"),
    ALTERNATIVE_NAME(0x4200BF, "AlternativeName"),
    ALTERNATIVE_NAME_VALUE(0x4200C0, "AlternativeNameValue"),
    ALTERNATIVE_NAME_TYPE(0x4200C1, "AlternativeNameType"),
    DATA(0x4200C2, "Data"),
    SIGNATURE_DATA(0x4200C3, "SignatureData"),
    DATA_LENGTH(0x4200C4, "DataLength"),
    RANDOM_IV(0x4200C5, "RandomIV"),
    MAC_DATA(0x4200C6, "MACData"),
    ATTESTATION_TYPE(0x4200C7, "AttestationType"),
    NONCE(0x4200C8, "Nonce"),
    NONCE_ID(0x4200C9, "NonceID"),
    NONCE_VALUE(0x4200CA, "NonceValue"),
    ATTESTATION_MEASUREMENT(0x4200CB, "AttestationMeasurement"),
    ATTESTATION_ASSERTION(0x4200CC, "AttestationAssertion"),
    IV_LENGTH(0x4200CD, "IVLength"),
    TAG_LENGTH(0x4200CE, "TagLength"),
    FIXED_FIELD_LENGTH(0x4200CF, "FixedFieldLength"),
    COUNTER_LENGTH(0x4200D0, "CounterLength"),
    INITIAL_COUNTER_VALUE(0x4200D1, "InitialCounterValue"),
    INVOCATION_FIELD_LENGTH(0x4200D2, "InvocationFieldLength"),
    ATTESTATION_CAPABLE_INDICATOR(0x4200D3, "AttestationCapableIndicator"),
    OFFSET_ITEMS(0x4200D4, "OffsetItems"),
    LOCATED_ITEMS(0x4200D5, "LocatedItems"),
    CORRELATION_VALUE(0x4200D6, "CorrelationValue"),
    INIT_INDICATOR(0x4200D7, "InitIndicator"),
    FINAL_INDICATOR(0x4200D8, "FinalIndicator"),
    RNG_PARAMETERS(0x4200D9, "RNGParameters"),
    RNG_ALGORITHM(0x4200DA, "RNGAlgorithm"),
    DRBG_ALGORITHM(0x4200DB, "DRBGAlgorithm"),
    FIPS186_VARIATION(0x4200DC, "FIPS186Variation"),
    PREDICTION_RESISTANCE(0x4200DD, "PredictionResistance"),
    RANDOM_NUMBER_GENERATOR(0x4200DE, "RandomNumberGenerator"),
    VALIDATION_INFORMATION(0x4200DF, "ValidationInformation"),
    VALIDATION_AUTHORITY_TYPE(0x4200E0, "ValidationAuthorityType"),
    VALIDATION_AUTHORITY_COUNTRY(0x4200E1, "ValidationAuthorityCountry"),
    VALIDATION_AUTHORITY_URI(0x4200E2, "ValidationAuthorityURI"),
    VALIDATION_VERSION_MAJOR(0x4200E3, "ValidationVersionMajor"),
    VALIDATION_VERSION_MINOR(0x4200E4, "ValidationVersionMinor"),
    VALIDATION_TYPE(0x4200E5, "ValidationType"),
    VALIDATION_LEVEL(0x4200E6, "ValidationLevel"),
    VALIDATION_CERTIFICATE_IDENTIFIER(0x4200E7, "ValidationCertificateIdentifier"),
    VALIDATION_CERTIFICATE_URI(0x4200E8, "ValidationCertificateURI"),
    VALIDATION_VENDOR_URI(0x4200E9, "ValidationVendorURI"),
    VALIDATION_PROFILE(0x4200EA, "ValidationProfile"),
    PROFILE_INFORMATION(0x4200EB, "ProfileInformation"),
    PROFILE_NAME(0x4200EC, "ProfileName"),
    SERVER_URI(0x4200ED, "ServerURI"),
    SERVER_PORT(0x4200EE, "ServerPort"),
    STREAMING_CAPABILITY(0x4200EF, "StreamingCapability"),
    ASYNCHRONOUS_CAPABILITY(0x4200F0, "AsynchronousCapability"),
    ATTESTATION_CAPABILITY(0x4200F1, "AttestationCapability"),
    UNWRAP_MODE(0x4200F2, "UnwrapMode"),
    DESTROY_ACTION(0x4200F3, "DestroyAction"),
    SHREDDING_ALGORITHM(0x4200F4, "ShreddingAlgorithm"),
    RNG_MODE(0x4200F5, "RNGMode"),
    CLIENT_REGISTRATION_METHOD(0x4200F6, "ClientRegistrationMethod"),
    CAPABILITY_INFORMATION(0x4200F7, "CapabilityInformation"),
    KEY_WRAP_TYPE(0x4200F8, "KeyWrapType"),
    BATCH_UNDO_CAPABILITY(0x4200F9, "BatchUndoCapability"),
    BATCH_CONTINUE_CAPABILITY(0x4200FA, "BatchContinueCapability"),
    PKCS_12_FRIENDLY_NAME(0x4200FB, "PKCS_12FriendlyName"),
    DESCRIPTION(0x4200FC, "Description"),
    COMMENT(0x4200FD, "Comment"),
    AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA(0x4200FE, "AuthenticatedEncryptionAdditionalData"),
    AUTHENTICATED_ENCRYPTION_TAG(0x4200FF, "AuthenticatedEncryptionTag"),
    SALT_LENGTH(0x420100, "SaltLength"),
    MASK_GENERATOR(0x420101, "MaskGenerator"),
    MASK_GENERATOR_HASHING_ALGORITHM(0x420102, "MaskGeneratorHashingAlgorithm"),
    P_SOURCE(0x420103, "PSource"),
    TRAILER_FIELD(0x420104, "TrailerField"),
    CLIENT_CORRELATION_VALUE(0x420105, "ClientCorrelationValue"),
    SERVER_CORRELATION_VALUE(0x420106, "ServerCorrelationValue"),
    DIGESTED_DATA(0x420107, "DigestedData"),
    CERTIFICATE_SUBJECT_CN(0x420108, "CertificateSubjectCN"),
    CERTIFICATE_SUBJECT_O(0x420109, "CertificateSubjectO"),
    CERTIFICATE_SUBJECT_OU(0x42010A, "CertificateSubjectOU"),
    CERTIFICATE_SUBJECT_EMAIL(0x42010B, "CertificateSubjectEmail"),
    CERTIFICATE_SUBJECT_C(0x42010C, "CertificateSubjectC"),
    CERTIFICATE_SUBJECT_ST(0x42010D, "CertificateSubjectST"),
    CERTIFICATE_SUBJECT_L(0x42010E, "CertificateSubjectL"),
    CERTIFICATE_SUBJECT_UID(0x42010F, "CertificateSubjectUID"),
    CERTIFICATE_SUBJECT_SERIAL_NUMBER(0x420110, "CertificateSubjectSerialNumber"),
    CERTIFICATE_SUBJECT_TITLE(0x420111, "CertificateSubjectTitle"),
    CERTIFICATE_SUBJECT_DC(0x420112, "CertificateSubjectDC"),
    CERTIFICATE_SUBJECT_DN_QUALIFIER(0x420113, "CertificateSubjectDNQualifier"),
    CERTIFICATE_ISSUER_CN(0x420114, "CertificateIssuerCN"),
    CERTIFICATE_ISSUER_O(0x420115, "CertificateIssuerO"),
    CERTIFICATE_ISSUER_OU(0x420116, "CertificateIssuerOU"),
    CERTIFICATE_ISSUER_EMAIL(0x420117, "CertificateIssuerEmail"),
    CERTIFICATE_ISSUER_C(0x420118, "CertificateIssuerC"),
    CERTIFICATE_ISSUER_ST(0x420119, "CertificateIssuerST"),
    CERTIFICATE_ISSUER_L(0x42011A, "CertificateIssuerL"),
    CERTIFICATE_ISSUER_UID(0x42011B, "CertificateIssuerUID"),
    CERTIFICATE_ISSUER_SERIAL_NUMBER(0x42011C, "CertificateIssuerSerialNumber"),
    CERTIFICATE_ISSUER_TITLE(0x42011D, "CertificateIssuerTitle"),
    CERTIFICATE_ISSUER_DC(0x42011E, "CertificateIssuerDC"),
    CERTIFICATE_ISSUER_DN_QUALIFIER(0x42011F, "CertificateIssuerDNQualifier"),
    SENSITIVE(0x420120, "Sensitive"),
    ALWAYS_SENSITIVE(0x420121, "AlwaysSensitive"),
    EXTRACTABLE(0x420122, "Extractable"),
    NEVER_EXTRACTABLE(0x420123, "NeverExtractable"),
    REPLACE_EXISTING(0x420124, "ReplaceExisting"),

    // KMIP 2.0 and 2.1
    ATTRIBUTES(0x420125, "Attributes"),
    COMMON_ATTRIBUTES(0x420126, "CommonAttributes"),
    PRIVATE_KEY_ATTRIBUTES(0x420127, "PrivateKeyAttributes"),
    PUBLIC_KEY_ATTRIBUTES(0x420128, "PublicKeyAttributes"),
    EXTENSION_ENUMERATION(0x420129, "ExtensionEnumeration"),
    EXTENSION_ATTRIBUTE(0x42012A, "ExtensionAttribute"),
    EXTENSION_PARENT_STRUCTURE_TAG(0x42012B, "ExtensionParentStructureTag"),
    EXTENSION_DESCRIPTION(0x42012C, "ExtensionDescription"),
    SERVER_NAME(0x42012D, "ServerName"),
    SERVER_SERIAL_NUMBER(0x42012E, "ServerSerialNumber"),
    SERVER_VERSION(0x42012F, "ServerVersion"),
    SERVER_LOAD(0x420130, "ServerLoad"),
    PRODUCT_NAME(0x420131, "ProductName"),
    BUILD_LEVEL(0x420132, "BuildLevel"),
    BUILD_DATE(0x420133, "BuildDate"),
    CLUSTER_INFO(0x420134, "ClusterInfo"),
    ALTERNATE_FAILOVER_ENDPOINTS(0x420135, "AlternateFailoverEndpoints"),
    SHORT_UNIQUE_IDENTIFIER(0x420136, "ShortUniqueIdentifier"),
    RESERVED(0x420137, "Reserved"),
    TAG(0x420138, "Tag"),
    CERTIFICATE_REQUEST_UNIQUE_IDENTIFIER(0x420139, "CertificateRequestUniqueIdentifier"),
    NIST_KEY_TYPE(0x42013A, "NISTKeyType"),
    ATTRIBUTE_REFERENCE(0x42013B, "AttributeReference"),
    CURRENT_ATTRIBUTE(0x42013C, "CurrentAttribute"),
    NEW_ATTRIBUTE(0x42013D, "NewAttribute"),
    CERTIFICATE_REQUEST_VALUE(0x420140, "CertificateRequestValue"),
    LOG_MESSAGE(0x420141, "LogMessage"),
    PROFILE_VERSION(0x420142, "ProfileVersion"),
    PROFILE_VERSION_MAJOR(0x420143, "ProfileVersionMajor"),
    PROFILE_VERSION_MINOR(0x420144, "ProfileVersionMinor"),
    PROTECTION_LEVEL(0x420145, "ProtectionLevel"),
    PROTECTION_PERIOD(0x420146, "ProtectionPeriod"),
    QUANTUM_SAFE(0x420147, "QuantumSafe"),
    QUANTUM_SAFE_CAPABILITY(0x420148, "QuantumSafeCapability"),
    TICKET(0x420149, "Ticket"),
    TICKET_TYPE(0x42014A, "TicketType"),
    TICKET_VALUE(0x42014B, "TicketValue"),
    REQUEST_COUNT(0x42014C, "RequestCount"),
    RIGHTS(0x42014D, "Rights"),
    OBJECTS(0x42014E, "Objects"),
    OPERATIONS(0x42014F, "Operations"),
    RIGHT(0x420150, "Right"),
    ENDPOINT_ROLE(0x420151, "EndpointRole"),
    DEFAULTS_INFORMATION(0x420152, "DefaultsInformation"),
    OBJECT_DEFAULTS(0x420153, "ObjectDefaults"),
    EPHEMERAL(0x420154, "Ephemeral"),
    SERVER_HASHED_PASSWORD(0x420155, "ServerHashedPassword"),
    ONE_TIME_PASSWORD(0x420156, "OneTimePassword"),
    HASHED_PASSWORD(0x420157, "HashedPassword"),
    ADJUSTMENT_TYPE(0x420158, "AdjustmentType"),
    PKCS_11_INTERFACE(0x420159, "PKCS_11Interface"),
    PKCS_11_FUNCTION(0x42015A, "PKCS_11Function"),
    PKCS_11_INPUT_PARAMETERS(0x42015B, "PKCS_11InputParameters"),
    PKCS_11_OUTPUT_PARAMETERS(0x42015C, "PKCS_11OutputParameters"),
    PKCS_11_RETURN_CODE(0x42015D, "PKCS_11ReturnCode"),
    PROTECTION_STORAGE_MASK(0x42015E, "ProtectionStorageMask"),
    PROTECTION_STORAGE_MASKS(0x42015F, "ProtectionStorageMasks"),
    INTEROP_FUNCTION(0x420160, "InteropFunction"),
    INTEROP_IDENTIFIER(0x420161, "InteropIdentifier"),
    ADJUSTMENT_VALUE(0x420162, "AdjustmentValue"),
    COMMON_PROTECTION_STORAGE_MASKS(0x420163, "CommonProtectionStorageMasks"),
    PRIVATE_PROTECTION_STORAGE_MASKS(0x420164, "PrivateProtectionStorageMasks"),
    PUBLIC_PROTECTION_STORAGE_MASKS(0x420165, "PublicProtectionStorageMasks"),
    OBJECT_GROUPS(0x420166, "ObjectGroups"),
    OBJECT_TYPES(0x420167, "ObjectTypes"),
    CONSTRAINTS(0x420168, "Constraints"),
    CONSTRAINT(0x420169, "Constraint"),
    ROTATE_INTERVAL(0x42016A, "RotateInterval"),
    ROTATE_AUTOMATIC(0x42016B, "RotateAutomatic"),
    ROTATE_OFFSET(0x42016C, "RotateOffset"),
    ROTATE_DATE(0x42016D, "RotateDate"),
    ROTATE_GENERATION(0x42016E, "RotateGeneration"),
    ROTATE_NAME(0x42016F, "RotateName"),
    ROTATE_NAME_VALUE(0x420170, "RotateNameValue"),
    ROTATE_NAME_TYPE(0x420171, "RotateNameType"),
    ROTATE_LATEST(0x420172, "RotateLatest"),
    ASYNCHRONOUS_REQUEST(0x420173, "AsynchronousRequest"),
    SUBMISSION_DATE(0x420174, "SubmissionDate"),
    PROCESSING_STAGE(0x420175, "ProcessingStage"),
    ASYNCHRONOUS_CORRELATION_VALUES(0x420176, "AsynchronousCorrelationValues");

    private static final KmipEnumIndex<Tag> INDEX = KmipEnumIndex.of(Tag.class);

    private final int code;
    private final String specName;

    Tag(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    /** The 3-byte tag value, e.g. 0x420094. */
    @Override
    public int code() {
        return code;
    }

    /** The normalized name used as element name in TTLV-XML and as "tag" in TTLV-JSON, e.g. "UniqueIdentifier". */
    @Override
    public String specName() {
        return specName;
    }

    public static Optional<Tag> fromCode(int code) {
        return INDEX.byCode(code);
    }

    public static Optional<Tag> fromSpecName(String specName) {
        return INDEX.bySpecName(specName);
    }

    /**
     * The tag a KMIP 1.x attribute name designates, e.g. "Cryptographic Usage Mask" →
     * {@link #CRYPTOGRAPHIC_USAGE_MASK}; empty for custom ("x-…") and unknown names.
     */
    public static Optional<Tag> fromAttributeName(String attributeName) {
        return fromSpecName(SpecNames.normalize(attributeName));
    }

    public static KmipEnumIndex<Tag> index() {
        return INDEX;
    }

    /** True for tags in the range the specification leaves to extensions (first byte 0x54). */
    public static boolean isExtension(int code) {
        return (code >>> 16) == 0x54;
    }

    /** True if {@code code} may appear on the wire: a 3-byte value whose first byte is 0x42 or 0x54. */
    public static boolean isValidCode(int code) {
        int prefix = code >>> 16;
        return prefix == 0x42 || prefix == 0x54;
    }
}
