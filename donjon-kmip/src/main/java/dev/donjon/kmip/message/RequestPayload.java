package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.KeyCompressionType;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.KeyWrapType;
import dev.donjon.kmip.enums.ObjectGroupMemberOption;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.RevocationReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed Request Payloads of the common operations. Each writes itself for a protocol version and
 * is read for one: attributes go through {@link AttributeCodec}, everything else is the same in
 * 1.x and 2.x. Reading errors are Invalid Field. Records holding byte arrays compare by identity;
 * compare their {@code toTtlv} to compare content.
 *
 * <p>An absent Unique Identifier means the ID Placeholder (the object of the previous batch item).
 */
public sealed interface RequestPayload {

    Operation operation();

    Structure toTtlv(ProtocolVersion version);

    /** The typed payload of an operation this library models, or empty for the others (whose payload stays TTLV). */
    static Optional<RequestPayload> fromTtlv(Operation operation, Structure payload, ProtocolVersion version) throws KmipMessageException {
        return Optional.ofNullable(switch (operation) {
            case CREATE -> Create.fromTtlv(payload, version);
            case CREATE_KEY_PAIR -> CreateKeyPair.fromTtlv(payload, version);
            case REGISTER -> Register.fromTtlv(payload, version);
            case GET -> Get.fromTtlv(payload);
            case GET_ATTRIBUTES -> GetAttributes.fromTtlv(payload, version);
            case LOCATE -> Locate.fromTtlv(payload, version);
            case ACTIVATE -> new Activate(uniqueIdentifierOnly(payload));
            case REVOKE -> Revoke.fromTtlv(payload);
            case DESTROY -> new Destroy(uniqueIdentifierOnly(payload));
            case QUERY -> Query.fromTtlv(payload);
            case DISCOVER_VERSIONS -> DiscoverVersions.fromTtlv(payload);
            case ENCRYPT -> Encrypt.fromTtlv(payload);
            case DECRYPT -> Decrypt.fromTtlv(payload);
            case SIGN -> Sign.fromTtlv(payload);
            case SIGNATURE_VERIFY -> SignatureVerify.fromTtlv(payload);
            case MAC -> Mac.fromTtlv(payload);
            case RNG_RETRIEVE -> RngRetrieve.fromTtlv(payload);
            default -> null;
        });
    }

    private static Fields fields(Structure payload, List<Tag> grammar) throws KmipMessageException {
        return Payloads.fields(payload, Tag.REQUEST_PAYLOAD, grammar, Set.of());
    }

    private static Optional<String> uniqueIdentifierOnly(Structure payload) throws KmipMessageException {
        return fields(payload, List.of(Tag.UNIQUE_IDENTIFIER)).text(Tag.UNIQUE_IDENTIFIER);
    }

    private static Structure uniqueIdentifierOnly(Optional<String> uniqueIdentifier) {
        return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).build(Tag.REQUEST_PAYLOAD);
    }

    /** Create (1.4 §4.1, 2.1 §6.1.8). Protection Storage Masks (2.x) are not modelled and so refused as an Invalid Field. */
    record Create(ObjectType objectType, Attributes attributes) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.CREATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType))
                    .add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Create fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag group = AttributeCodec.Group.TEMPLATE.tag(version);
            Fields f = fields(payload, List.of(Tag.OBJECT_TYPE, group));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Create lacks Object Type"));
            return new Create(type, AttributeCodec.read(AttributeCodec.Group.TEMPLATE, f.required(group, Structure.class), version));
        }
    }

    /** Create Key Pair (1.4 §4.2, 2.1 §6.1.9); each attribute group is optional. */
    record CreateKeyPair(Optional<Attributes> common, Optional<Attributes> privateKey, Optional<Attributes> publicKey) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.CREATE_KEY_PAIR;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .add(common.map(a -> AttributeCodec.write(AttributeCodec.Group.COMMON, a, version)))
                    .add(privateKey.map(a -> AttributeCodec.write(AttributeCodec.Group.PRIVATE_KEY, a, version)))
                    .add(publicKey.map(a -> AttributeCodec.write(AttributeCodec.Group.PUBLIC_KEY, a, version)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static CreateKeyPair fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<AttributeCodec.Group> groups = List.of(AttributeCodec.Group.COMMON, AttributeCodec.Group.PRIVATE_KEY, AttributeCodec.Group.PUBLIC_KEY);
            Fields f = fields(payload, groups.stream().map(g -> g.tag(version)).toList());
            List<Optional<Attributes>> read = new ArrayList<>();
            for (AttributeCodec.Group group : groups) {
                Optional<Structure> s = f.struct(group.tag(version));
                read.add(s.isEmpty() ? Optional.empty() : Optional.of(AttributeCodec.read(group, s.get(), version)));
            }
            return new CreateKeyPair(read.get(0), read.get(1), read.get(2));
        }
    }

    /** Register (1.4 §4.3, 2.1 §6.1.47): the managed object stays TTLV (a Symmetric Key, Certificate... structure). */
    record Register(ObjectType objectType, Attributes attributes, Structure managedObject) implements RequestPayload {
        public Register {
            Payloads.checkManagedObject(managedObject);
        }

        @Override
        public Operation operation() {
            return Operation.REGISTER;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType))
                    .add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version))
                    .add(managedObject)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Register fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag group = AttributeCodec.Group.TEMPLATE.tag(version);
            Fields f = fields(payload, Payloads.withManagedObject(List.of(Tag.OBJECT_TYPE, group), List.of()));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Register lacks Object Type"));
            Attributes attributes = AttributeCodec.read(AttributeCodec.Group.TEMPLATE, f.required(group, Structure.class), version);
            return new Register(type, attributes, Payloads.managedObject(f, "Register"));
        }
    }

    /** Get (1.4 §4.11, 2.1 §6.1.22); the Key Wrapping Specification stays TTLV. */
    record Get(Optional<String> uniqueIdentifier, Optional<KeyFormatType> keyFormatType, Optional<KeyWrapType> keyWrapType,
               Optional<KeyCompressionType> keyCompressionType, Optional<Structure> keyWrappingSpecification) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.KEY_FORMAT_TYPE, Tag.KEY_WRAP_TYPE,
                Tag.KEY_COMPRESSION_TYPE, Tag.KEY_WRAPPING_SPECIFICATION);

        public Get(String uniqueIdentifier) {
            this(Optional.of(uniqueIdentifier), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public Operation operation() {
            return Operation.GET;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .enumeration(Tag.KEY_FORMAT_TYPE, keyFormatType)
                    .enumeration(Tag.KEY_WRAP_TYPE, keyWrapType)
                    .enumeration(Tag.KEY_COMPRESSION_TYPE, keyCompressionType)
                    .add(keyWrappingSpecification)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Get fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Get(f.text(Tag.UNIQUE_IDENTIFIER), f.enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType::fromCode),
                    f.enumeration(Tag.KEY_WRAP_TYPE, KeyWrapType::fromCode), f.enumeration(Tag.KEY_COMPRESSION_TYPE, KeyCompressionType::fromCode),
                    f.struct(Tag.KEY_WRAPPING_SPECIFICATION));
        }
    }

    /** Get Attributes (1.4 §4.12, 2.1 §6.1.23): no names means all attributes. */
    record GetAttributes(Optional<String> uniqueIdentifier, List<AttributeName> names) implements RequestPayload {
        public GetAttributes {
            names = List.copyOf(names);
        }

        @Override
        public Operation operation() {
            return Operation.GET_ATTRIBUTES;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .addAll(names.stream().map(n -> AttributeCodec.writeReference(n, version)).toList())
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static GetAttributes fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag selector = version.usesTaggedAttributes() ? Tag.ATTRIBUTE_REFERENCE : Tag.ATTRIBUTE_NAME;
            Fields f = Payloads.fields(payload, Tag.REQUEST_PAYLOAD, List.of(Tag.UNIQUE_IDENTIFIER, selector), Set.of(selector));
            List<AttributeName> names = new ArrayList<>();
            for (Ttlv item : f.all(selector, Ttlv.class)) {
                names.add(AttributeCodec.readReference(item, version));
            }
            return new GetAttributes(f.text(Tag.UNIQUE_IDENTIFIER), names);
        }
    }

    /**
     * Locate (1.4 §4.9, 2.1 §6.1.27). The attributes are bare Attribute structures in 1.x and one
     * Attributes structure in 2.x, where it is required (and may be empty).
     */
    record Locate(Optional<Integer> maximumItems, Optional<Integer> offsetItems, Optional<Integer> storageStatusMask,
                  Optional<ObjectGroupMemberOption> objectGroupMember, Attributes attributes) implements RequestPayload {

        public static Locate byAttributes(Attributes attributes) {
            return new Locate(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), attributes);
        }

        @Override
        public Operation operation() {
            return Operation.LOCATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children()
                    .integer(Tag.MAXIMUM_ITEMS, maximumItems)
                    .integer(Tag.OFFSET_ITEMS, offsetItems)
                    .integer(Tag.STORAGE_STATUS_MASK, storageStatusMask)
                    .enumeration(Tag.OBJECT_GROUP_MEMBER, objectGroupMember);
            if (version.usesTaggedAttributes()) {
                out.add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version));
            } else {
                out.addAll(AttributeCodec.writeItems(attributes, version));
            }
            return out.build(Tag.REQUEST_PAYLOAD);
        }

        static Locate fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag attributesTag = version.usesTaggedAttributes() ? Tag.ATTRIBUTES : Tag.ATTRIBUTE;
            Fields f = Payloads.fields(payload, Tag.REQUEST_PAYLOAD, List.of(Tag.MAXIMUM_ITEMS, Tag.OFFSET_ITEMS, Tag.STORAGE_STATUS_MASK,
                    Tag.OBJECT_GROUP_MEMBER, attributesTag), Set.of(Tag.ATTRIBUTE));
            Attributes attributes = version.usesTaggedAttributes()
                    ? AttributeCodec.read(AttributeCodec.Group.TEMPLATE, f.required(Tag.ATTRIBUTES, Structure.class), version)
                    : AttributeCodec.readV1List(f.all(Tag.ATTRIBUTE, Structure.class));
            return new Locate(f.integer(Tag.MAXIMUM_ITEMS), f.integer(Tag.OFFSET_ITEMS), f.integer(Tag.STORAGE_STATUS_MASK),
                    f.enumeration(Tag.OBJECT_GROUP_MEMBER, ObjectGroupMemberOption::fromCode), attributes);
        }
    }

    record Activate(Optional<String> uniqueIdentifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.ACTIVATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /** Revoke (1.4 §4.20, 2.1 §6.1.50). */
    record Revoke(Optional<String> uniqueIdentifier, RevocationReasonCode reasonCode, Optional<String> revocationMessage,
                  Optional<Instant> compromiseOccurrenceDate) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.REVOKE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Structure reason = new Children()
                    .add(new Ttlv.EnumerationItem(Tag.REVOCATION_REASON_CODE, reasonCode))
                    .text(Tag.REVOCATION_MESSAGE, revocationMessage)
                    .build(Tag.REVOCATION_REASON);
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(reason)
                    .dateTime(Tag.COMPROMISE_OCCURRENCE_DATE, compromiseOccurrenceDate)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Revoke fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.REVOCATION_REASON, Tag.COMPROMISE_OCCURRENCE_DATE));
            Fields reason = Payloads.fields(f.required(Tag.REVOCATION_REASON, Structure.class), Tag.REVOCATION_REASON,
                    List.of(Tag.REVOCATION_REASON_CODE, Tag.REVOCATION_MESSAGE), Set.of());
            RevocationReasonCode code = reason.enumeration(Tag.REVOCATION_REASON_CODE, RevocationReasonCode::fromCode)
                    .orElseThrow(() -> reason.error("Revocation Reason lacks Revocation Reason Code"));
            return new Revoke(f.text(Tag.UNIQUE_IDENTIFIER), code, reason.text(Tag.REVOCATION_MESSAGE), f.dateTime(Tag.COMPROMISE_OCCURRENCE_DATE));
        }
    }

    record Destroy(Optional<String> uniqueIdentifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.DESTROY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    record Query(List<QueryFunction> functions) implements RequestPayload {
        public Query {
            functions = List.copyOf(functions);
        }

        @Override
        public Operation operation() {
            return Operation.QUERY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().enumerations(Tag.QUERY_FUNCTION, functions).build(Tag.REQUEST_PAYLOAD);
        }

        static Query fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = Payloads.fields(payload, Tag.REQUEST_PAYLOAD, List.of(Tag.QUERY_FUNCTION), Set.of(Tag.QUERY_FUNCTION));
            return new Query(f.enumerations(Tag.QUERY_FUNCTION, QueryFunction::fromCode));
        }
    }

    /** Discover Versions: the client's versions, most preferred first; none asks for all the server's. */
    record DiscoverVersions(List<ProtocolVersion> versions) implements RequestPayload {
        public DiscoverVersions {
            versions = List.copyOf(versions);
        }

        @Override
        public Operation operation() {
            return Operation.DISCOVER_VERSIONS;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().addAll(versions.stream().map(ProtocolVersion::toTtlv).toList()).build(Tag.REQUEST_PAYLOAD);
        }

        static DiscoverVersions fromTtlv(Structure payload) throws KmipMessageException {
            return new DiscoverVersions(Payloads.protocolVersions(payload, Tag.REQUEST_PAYLOAD));
        }
    }

    /** Encrypt (1.4 §4.29, 2.1 §6.1.17), single-part or one part of a stream. */
    record Encrypt(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
                   Optional<byte[]> ivCounterNonce, Optional<byte[]> correlationValue, Optional<Boolean> initIndicator,
                   Optional<Boolean> finalIndicator, Optional<byte[]> authenticatedEncryptionAdditionalData) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.IV_COUNTER_NONCE,
                Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA);

        /** A single-part encryption. */
        public static Encrypt of(String uniqueIdentifier, Optional<Structure> cryptographicParameters, byte[] data, Optional<byte[]> iv) {
            return new Encrypt(Optional.of(uniqueIdentifier), cryptographicParameters, Optional.of(data), iv, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        @Override
        public Operation operation() {
            return Operation.ENCRYPT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, authenticatedEncryptionAdditionalData)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Encrypt fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Encrypt(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA), f.bytes(Tag.IV_COUNTER_NONCE),
                    f.bytes(Tag.CORRELATION_VALUE), f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR),
                    f.bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA));
        }
    }

    /** Decrypt (1.4 §4.30, 2.1 §6.1.11): Encrypt's fields plus the authenticated-encryption tag to check. */
    record Decrypt(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
                   Optional<byte[]> ivCounterNonce, Optional<byte[]> correlationValue, Optional<Boolean> initIndicator,
                   Optional<Boolean> finalIndicator, Optional<byte[]> authenticatedEncryptionAdditionalData,
                   Optional<byte[]> authenticatedEncryptionTag) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.IV_COUNTER_NONCE,
                Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA,
                Tag.AUTHENTICATED_ENCRYPTION_TAG);

        /** A single-part decryption. */
        public static Decrypt of(String uniqueIdentifier, Optional<Structure> cryptographicParameters, byte[] data, Optional<byte[]> iv) {
            return new Decrypt(Optional.of(uniqueIdentifier), cryptographicParameters, Optional.of(data), iv, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public Operation operation() {
            return Operation.DECRYPT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, authenticatedEncryptionAdditionalData)
                    .bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, authenticatedEncryptionTag)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Decrypt fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Decrypt(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA), f.bytes(Tag.IV_COUNTER_NONCE),
                    f.bytes(Tag.CORRELATION_VALUE), f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR),
                    f.bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA), f.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG));
        }
    }

    /** Sign (1.4 §4.31, 2.1 §6.1.55): the data, or its digest. */
    record Sign(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
                Optional<byte[]> digestedData, Optional<byte[]> correlationValue, Optional<Boolean> initIndicator,
                Optional<Boolean> finalIndicator) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.DIGESTED_DATA,
                Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR);

        @Override
        public Operation operation() {
            return Operation.SIGN;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.DIGESTED_DATA, digestedData)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Sign fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Sign(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA), f.bytes(Tag.DIGESTED_DATA),
                    f.bytes(Tag.CORRELATION_VALUE), f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR));
        }
    }

    /** Signature Verify (1.4 §4.32, 2.1 §6.1.56). */
    record SignatureVerify(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
                           Optional<byte[]> digestedData, Optional<byte[]> signatureData, Optional<byte[]> correlationValue,
                           Optional<Boolean> initIndicator, Optional<Boolean> finalIndicator) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.DIGESTED_DATA,
                Tag.SIGNATURE_DATA, Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR);

        @Override
        public Operation operation() {
            return Operation.SIGNATURE_VERIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.DIGESTED_DATA, digestedData)
                    .bytes(Tag.SIGNATURE_DATA, signatureData)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static SignatureVerify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new SignatureVerify(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA),
                    f.bytes(Tag.DIGESTED_DATA), f.bytes(Tag.SIGNATURE_DATA), f.bytes(Tag.CORRELATION_VALUE), f.bool(Tag.INIT_INDICATOR),
                    f.bool(Tag.FINAL_INDICATOR));
        }
    }

    /** MAC (1.4 §4.33, 2.1 §6.1.29). */
    record Mac(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
               Optional<byte[]> correlationValue, Optional<Boolean> initIndicator, Optional<Boolean> finalIndicator) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.CORRELATION_VALUE,
                Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR);

        @Override
        public Operation operation() {
            return Operation.MAC;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Mac fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Mac(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA), f.bytes(Tag.CORRELATION_VALUE),
                    f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR));
        }
    }

    /** RNG Retrieve (1.4 §4.35, 2.1 §6.1.46): how many random bytes. */
    record RngRetrieve(int dataLength) implements RequestPayload {
        public RngRetrieve {
            if (dataLength <= 0) {
                throw new IllegalArgumentException("data length must be positive: " + dataLength);
            }
        }

        @Override
        public Operation operation() {
            return Operation.RNG_RETRIEVE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.IntegerItem(Tag.DATA_LENGTH, dataLength)).build(Tag.REQUEST_PAYLOAD);
        }

        static RngRetrieve fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.DATA_LENGTH));
            int length = f.required(Tag.DATA_LENGTH, Ttlv.IntegerItem.class).value();
            if (length <= 0) {
                throw f.error("Data Length must be positive: " + length);
            }
            return new RngRetrieve(length);
        }
    }
}
