package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.ValidityIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed Response Payloads of the operations {@link RequestPayload} models, with the same rules:
 * written and read for a protocol version, reading errors are Invalid Field, byte arrays compare by
 * identity. The 1.x Template-Attribute a server may add to Create, Create Key Pair and Register
 * responses (attributes it set implicitly) is accepted and dropped: 2.x removed it and nothing here
 * relies on it.
 */
public sealed interface ResponsePayload {

    Operation operation();

    Structure toTtlv(ProtocolVersion version);

    static Optional<ResponsePayload> fromTtlv(Operation operation, Structure payload, ProtocolVersion version) throws KmipMessageException {
        return Optional.ofNullable(switch (operation) {
            case CREATE -> Create.fromTtlv(payload, version);
            case CREATE_KEY_PAIR -> CreateKeyPair.fromTtlv(payload, version);
            case REGISTER -> Register.fromTtlv(payload, version);
            case GET -> Get.fromTtlv(payload);
            case GET_ATTRIBUTES -> GetAttributes.fromTtlv(payload, version);
            case LOCATE -> Locate.fromTtlv(payload);
            case ACTIVATE -> new Activate(uniqueIdentifier(payload));
            case REVOKE -> new Revoke(uniqueIdentifier(payload));
            case DESTROY -> new Destroy(uniqueIdentifier(payload));
            case QUERY -> Query.fromTtlv(payload);
            case DISCOVER_VERSIONS -> new DiscoverVersions(Payloads.protocolVersions(payload, Tag.RESPONSE_PAYLOAD));
            case ENCRYPT -> Encrypt.fromTtlv(payload);
            case DECRYPT -> Decrypt.fromTtlv(payload);
            case SIGN -> Sign.fromTtlv(payload);
            case SIGNATURE_VERIFY -> SignatureVerify.fromTtlv(payload);
            case MAC -> Mac.fromTtlv(payload);
            case RNG_RETRIEVE -> new RngRetrieve(fields(payload, List.of(Tag.DATA)).required(Tag.DATA, Ttlv.BytesItem.class).value());
            default -> null;
        });
    }

    private static Fields fields(Structure payload, List<Tag> grammar) throws KmipMessageException {
        return Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, grammar, Set.of());
    }

    private static String uniqueIdentifier(Structure payload) throws KmipMessageException {
        return fields(payload, List.of(Tag.UNIQUE_IDENTIFIER)).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value();
    }

    private static Structure uniqueIdentifierOnly(String uniqueIdentifier) {
        return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).build(Tag.RESPONSE_PAYLOAD);
    }

    record Create(ObjectType objectType, String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.CREATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType)).text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static Create fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<Tag> grammar = version.usesTaggedAttributes()
                    ? List.of(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER)
                    : List.of(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE);
            Fields f = fields(payload, grammar);
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Create response lacks Object Type"));
            return new Create(type, f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value());
        }
    }

    record CreateKeyPair(String privateKeyUniqueIdentifier, String publicKeyUniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.CREATE_KEY_PAIR;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier)
                    .text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, publicKeyUniqueIdentifier).build(Tag.RESPONSE_PAYLOAD);
        }

        static CreateKeyPair fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<Tag> grammar = version.usesTaggedAttributes()
                    ? List.of(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)
                    : List.of(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
                            Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE);
            Fields f = fields(payload, grammar);
            return new CreateKeyPair(f.required(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(),
                    f.required(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value());
        }
    }

    record Register(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.REGISTER;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }

        static Register fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<Tag> grammar = version.usesTaggedAttributes() ? List.of(Tag.UNIQUE_IDENTIFIER) : List.of(Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE);
            return new Register(fields(payload, grammar).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value());
        }
    }

    /** Get: the managed object stays TTLV (a Symmetric Key, Certificate... structure). */
    record Get(ObjectType objectType, String uniqueIdentifier, Structure managedObject) implements ResponsePayload {
        public Get {
            Payloads.checkManagedObject(managedObject);
        }

        @Override
        public Operation operation() {
            return Operation.GET;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType)).text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(managedObject).build(Tag.RESPONSE_PAYLOAD);
        }

        static Get fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, Payloads.withManagedObject(List.of(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER), List.of()));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Get response lacks Object Type"));
            return new Get(type, f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), Payloads.managedObject(f, "Get response"));
        }
    }

    /** Get Attributes: bare Attribute structures in 1.x, one Attributes structure in 2.x. */
    record GetAttributes(String uniqueIdentifier, Attributes attributes) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.GET_ATTRIBUTES;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
            if (version.usesTaggedAttributes()) {
                out.add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version));
            } else {
                out.addAll(AttributeCodec.writeItems(attributes, version));
            }
            return out.build(Tag.RESPONSE_PAYLOAD);
        }

        static GetAttributes fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag attributesTag = version.usesTaggedAttributes() ? Tag.ATTRIBUTES : Tag.ATTRIBUTE;
            Fields f = Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, List.of(Tag.UNIQUE_IDENTIFIER, attributesTag), Set.of(Tag.ATTRIBUTE));
            String id = f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value();
            Attributes attributes = version.usesTaggedAttributes()
                    ? AttributeCodec.read(AttributeCodec.Group.TEMPLATE, f.required(Tag.ATTRIBUTES, Structure.class), version)
                    : AttributeCodec.readV1List(f.all(Tag.ATTRIBUTE, Structure.class));
            return new GetAttributes(id, attributes);
        }
    }

    /** Locate: the identifiers found, and optionally how many matched in all. */
    record Locate(Optional<Integer> locatedItems, List<String> uniqueIdentifiers) implements ResponsePayload {
        public Locate {
            uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
        }

        @Override
        public Operation operation() {
            return Operation.LOCATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().integer(Tag.LOCATED_ITEMS, locatedItems)
                    .addAll(uniqueIdentifiers.stream().map(id -> new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id)).toList())
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static Locate fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, List.of(Tag.LOCATED_ITEMS, Tag.UNIQUE_IDENTIFIER), Set.of(Tag.UNIQUE_IDENTIFIER));
            return new Locate(f.integer(Tag.LOCATED_ITEMS), f.all(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).stream().map(Ttlv.TextItem::value).toList());
        }
    }

    record Activate(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.ACTIVATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    record Revoke(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.REVOKE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    record Destroy(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.DESTROY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /**
     * Query: the operations and object types supported, the vendor and server information; the
     * further answers (profiles, capabilities, RNG parameters...) stay TTLV, in order.
     */
    record Query(List<Operation> operations, List<ObjectType> objectTypes, Optional<String> vendorIdentification,
                 Optional<Structure> serverInformation, List<Ttlv> otherInformation) implements ResponsePayload {

        private static final List<Tag> OTHER = List.of(Tag.APPLICATION_NAMESPACE, Tag.EXTENSION_INFORMATION, Tag.ATTESTATION_TYPE,
                Tag.RNG_PARAMETERS, Tag.PROFILE_INFORMATION, Tag.VALIDATION_INFORMATION, Tag.CAPABILITY_INFORMATION,
                Tag.CLIENT_REGISTRATION_METHOD, Tag.DEFAULTS_INFORMATION, Tag.PROTECTION_STORAGE_MASKS);

        public Query {
            operations = List.copyOf(operations);
            objectTypes = List.copyOf(objectTypes);
            otherInformation = List.copyOf(otherInformation);
        }

        @Override
        public Operation operation() {
            return Operation.QUERY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().enumerations(Tag.OPERATION, operations).enumerations(Tag.OBJECT_TYPE, objectTypes)
                    .text(Tag.VENDOR_IDENTIFICATION, vendorIdentification).add(serverInformation).addAll(otherInformation)
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static Query fromTtlv(Structure payload) throws KmipMessageException {
            List<Tag> grammar = new ArrayList<>(List.of(Tag.OPERATION, Tag.OBJECT_TYPE, Tag.VENDOR_IDENTIFICATION, Tag.SERVER_INFORMATION));
            grammar.addAll(OTHER);
            Set<Tag> repeatable = Set.of(Tag.OPERATION, Tag.OBJECT_TYPE, Tag.APPLICATION_NAMESPACE, Tag.EXTENSION_INFORMATION,
                    Tag.ATTESTATION_TYPE, Tag.RNG_PARAMETERS, Tag.PROFILE_INFORMATION, Tag.VALIDATION_INFORMATION, Tag.CAPABILITY_INFORMATION,
                    Tag.CLIENT_REGISTRATION_METHOD);
            Fields f = Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, grammar, repeatable);
            List<Ttlv> other = new ArrayList<>();
            for (Tag tag : OTHER) {
                other.addAll(f.all(tag, Ttlv.class));
            }
            return new Query(f.enumerations(Tag.OPERATION, Operation::fromCode), f.enumerations(Tag.OBJECT_TYPE, ObjectType::fromCode),
                    f.text(Tag.VENDOR_IDENTIFICATION), f.struct(Tag.SERVER_INFORMATION), other);
        }
    }

    /** Discover Versions: the versions both sides support, the server's preference first. */
    record DiscoverVersions(List<ProtocolVersion> versions) implements ResponsePayload {
        public DiscoverVersions {
            versions = List.copyOf(versions);
        }

        @Override
        public Operation operation() {
            return Operation.DISCOVER_VERSIONS;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().addAll(versions.stream().map(ProtocolVersion::toTtlv).toList()).build(Tag.RESPONSE_PAYLOAD);
        }
    }

    record Encrypt(String uniqueIdentifier, Optional<byte[]> data, Optional<byte[]> ivCounterNonce, Optional<byte[]> correlationValue,
                   Optional<byte[]> authenticatedEncryptionTag) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.ENCRYPT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).bytes(Tag.DATA, data).bytes(Tag.IV_COUNTER_NONCE, ivCounterNonce)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue).bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, authenticatedEncryptionTag)
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static Encrypt fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.DATA, Tag.IV_COUNTER_NONCE, Tag.CORRELATION_VALUE,
                    Tag.AUTHENTICATED_ENCRYPTION_TAG));
            return new Encrypt(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), f.bytes(Tag.DATA), f.bytes(Tag.IV_COUNTER_NONCE),
                    f.bytes(Tag.CORRELATION_VALUE), f.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG));
        }
    }

    record Decrypt(String uniqueIdentifier, Optional<byte[]> data, Optional<byte[]> correlationValue) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.DECRYPT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).bytes(Tag.DATA, data).bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static Decrypt fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.DATA, Tag.CORRELATION_VALUE));
            return new Decrypt(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), f.bytes(Tag.DATA), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    record Sign(String uniqueIdentifier, Optional<byte[]> signatureData, Optional<byte[]> correlationValue) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.SIGN;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).bytes(Tag.SIGNATURE_DATA, signatureData)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue).build(Tag.RESPONSE_PAYLOAD);
        }

        static Sign fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.SIGNATURE_DATA, Tag.CORRELATION_VALUE));
            return new Sign(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), f.bytes(Tag.SIGNATURE_DATA), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    record SignatureVerify(String uniqueIdentifier, Optional<ValidityIndicator> validityIndicator, Optional<byte[]> data,
                           Optional<byte[]> correlationValue) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.SIGNATURE_VERIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).enumeration(Tag.VALIDITY_INDICATOR, validityIndicator)
                    .bytes(Tag.DATA, data).bytes(Tag.CORRELATION_VALUE, correlationValue).build(Tag.RESPONSE_PAYLOAD);
        }

        static SignatureVerify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.VALIDITY_INDICATOR, Tag.DATA, Tag.CORRELATION_VALUE));
            return new SignatureVerify(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(),
                    f.enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator::fromCode), f.bytes(Tag.DATA), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    record Mac(String uniqueIdentifier, Optional<byte[]> macData, Optional<byte[]> correlationValue) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.MAC;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).bytes(Tag.MAC_DATA, macData)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue).build(Tag.RESPONSE_PAYLOAD);
        }

        static Mac fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.MAC_DATA, Tag.CORRELATION_VALUE));
            return new Mac(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), f.bytes(Tag.MAC_DATA), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    record RngRetrieve(byte[] data) implements ResponsePayload {
        public RngRetrieve {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public Operation operation() {
            return Operation.RNG_RETRIEVE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.BytesItem(Tag.DATA, data)).build(Tag.RESPONSE_PAYLOAD);
        }
    }
}
