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
            case DERIVE_KEY -> DeriveKey.fromTtlv(payload, version);
            case GET -> Get.fromTtlv(payload);
            case GET_ATTRIBUTES -> GetAttributes.fromTtlv(payload, version);
            case LOCATE -> Locate.fromTtlv(payload);
            case ACTIVATE -> new Activate(uniqueIdentifier(payload));
            case DONJON_CLONE -> new DonjonClone(uniqueIdentifier(payload));
            case DONJON_REPLICATE -> DonjonReplicate.fromTtlv(payload);
            case DONJON_PROXIED_CALL -> DonjonProxiedCall.fromTtlv(payload);
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
            case MAC_VERIFY -> MacVerify.fromTtlv(payload);
            case HASH -> Hash.fromTtlv(payload);
            case CHECK -> Check.fromTtlv(payload);
            case OBTAIN_LEASE -> ObtainLease.fromTtlv(payload);
            case GET_USAGE_ALLOCATION -> new GetUsageAllocation(uniqueIdentifier(payload));
            case GET_ATTRIBUTE_LIST -> GetAttributeList.fromTtlv(payload, version);
            case RE_KEY -> ReKey.fromTtlv(payload, version);
            case CERTIFY -> new Certify(certifiedIdentifier(payload, version));
            case RE_CERTIFY -> new ReCertify(certifiedIdentifier(payload, version));
            case RE_KEY_KEY_PAIR -> ReKeyKeyPair.fromTtlv(payload, version);
            case EXPORT -> Export.fromTtlv(payload, version);
            case IMPORT -> new Import(uniqueIdentifier(payload));
            case ADD_ATTRIBUTE -> new AddAttribute(uniqueIdentifier(payload, version), changedAttribute(payload, version));
            case MODIFY_ATTRIBUTE -> new ModifyAttribute(uniqueIdentifier(payload, version), changedAttribute(payload, version));
            case DELETE_ATTRIBUTE -> new DeleteAttribute(uniqueIdentifier(payload, version), changedAttribute(payload, version));
            case SET_ATTRIBUTE -> new SetAttribute(uniqueIdentifier(payload));
            case INTEROP -> empty(payload, new Interop());
            case LOG -> empty(payload, new Log());
            case RNG_SEED -> new RngSeed(fields(payload, List.of(Tag.DATA_LENGTH)).required(Tag.DATA_LENGTH, Ttlv.IntegerItem.class).value());
            case CREATE_SPLIT_KEY -> new CreateSplitKey(Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, List.of(Tag.UNIQUE_IDENTIFIER,
                    Tag.TEMPLATE_ATTRIBUTE), Set.of(Tag.UNIQUE_IDENTIFIER)).all(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).stream()
                    .map(Ttlv.TextItem::value).toList());
            case JOIN_SPLIT_KEY -> new JoinSplitKey(fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE))
                    .required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value());
            default -> null;
        });
    }

    private static Fields fields(Structure payload, List<Tag> grammar) throws KmipMessageException {
        return Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, grammar, Set.of());
    }

    private static String uniqueIdentifier(Structure payload) throws KmipMessageException {
        return fields(payload, List.of(Tag.UNIQUE_IDENTIFIER)).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value();
    }

    /** The identifier of Add, Modify and Delete Attribute answers, which in 1.x also carry an Attribute. */
    private static String uniqueIdentifier(Structure payload, ProtocolVersion version) throws KmipMessageException {
        if (version.usesTaggedAttributes()) {
            return uniqueIdentifier(payload);
        }
        return fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.ATTRIBUTE)).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value();
    }

    /** In 1.x, the attribute as Add or Modify Attribute left it, or as Delete Attribute removed it. */
    private static Optional<Attribute> changedAttribute(Structure payload, ProtocolVersion version) throws KmipMessageException {
        if (version.usesTaggedAttributes()) {
            return Optional.empty();
        }
        Optional<Structure> attribute = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.ATTRIBUTE)).struct(Tag.ATTRIBUTE);
        return attribute.isEmpty() ? Optional.empty() : Optional.of(AttributeCodec.readV1(attribute.get()));
    }

    private static Structure attributeAnswer(String uniqueIdentifier, Optional<Attribute> attribute, ProtocolVersion version) {
        return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                .add(version.usesTaggedAttributes() ? Optional.empty() : attribute.map(AttributeCodec::writeV1))
                .build(Tag.RESPONSE_PAYLOAD);
    }

    /** A payload that must be empty. */
    private static ResponsePayload empty(Structure payload, ResponsePayload typed) throws KmipMessageException {
        fields(payload, List.of());
        return typed;
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

    /** Derive Key: the new object's identifier. */
    record DeriveKey(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.DERIVE_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }

        static DeriveKey fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<Tag> grammar = version.usesTaggedAttributes() ? List.of(Tag.UNIQUE_IDENTIFIER)
                    : List.of(Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE);
            return new DeriveKey(fields(payload, grammar).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class)
                    .value());
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

    /**
     * The owner's answer to a Donjon Proxied Call (a Donjon extension, docs/replication.md): the forwarded operation's
     * Response Payload, TTLV-encoded for the version the call named. A forwarded operation that failed fails the
     * Donjon Proxied Call item itself, with the owner's Result Reason and Message.
     */
    record DonjonProxiedCall(Operation forwardedOperation, byte[] payload) implements ResponsePayload {
        public DonjonProxiedCall {
            payload = payload.clone();
        }

        /** The answer {@code answer}, encoded for {@code version}. */
        public static DonjonProxiedCall of(ResponsePayload answer, ProtocolVersion version) {
            return new DonjonProxiedCall(answer.operation(), dev.donjon.kmip.TtlvBinary.encode(answer.toTtlv(version)));
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The forwarded operation's typed answer, read for {@code version}. */
        public Optional<ResponsePayload> answer(ProtocolVersion version) throws KmipMessageException {
            return ResponsePayload.fromTtlv(forwardedOperation, RequestPayload.forwardedStructure(payload, Tag.RESPONSE_PAYLOAD),
                    version);
        }

        @Override
        public Operation operation() {
            return Operation.DONJON_PROXIED_CALL;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.EnumerationItem(Tag.OPERATION, forwardedOperation))
                    .add(new Ttlv.BytesItem(Tag.DATA, payload)).build(Tag.RESPONSE_PAYLOAD);
        }

        static DonjonProxiedCall fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.OPERATION, Tag.DATA));
            Operation operation = f.enumeration(Tag.OPERATION, Operation::fromCode)
                    .orElseThrow(() -> f.error("Donjon Proxied Call answer lacks the forwarded Operation"));
            return new DonjonProxiedCall(operation, f.required(Tag.DATA, Ttlv.BytesItem.class).value());
        }
    }

    /** The replicated object's identifier (a Donjon extension): the peer has the change. */
    /**
     * The acknowledgement of a Donjon Replicate: the object (one change) or the batch's lockbox identifier, and for a
     * batch the answer in Data (a JSON document: the highest change number applied, what was refused).
     */
    record DonjonReplicate(String uniqueIdentifier, Optional<byte[]> answer) implements ResponsePayload {
        public DonjonReplicate(String uniqueIdentifier) {
            this(uniqueIdentifier, Optional.empty());
        }

        @Override
        public Operation operation() {
            return Operation.DONJON_REPLICATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).bytes(Tag.DATA, answer)
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static DonjonReplicate fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.DATA));
            return new DonjonReplicate(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), f.bytes(Tag.DATA));
        }
    }

    /** The clone's identifier (a Donjon extension). */
    record DonjonClone(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.DONJON_CLONE;
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

    /** RNG Seed: how many bytes of the seed the server used (0 when it ignored it, as it may). */
    record RngSeed(int dataLength) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.RNG_SEED;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.IntegerItem(Tag.DATA_LENGTH, dataLength)).build(Tag.RESPONSE_PAYLOAD);
        }
    }

    /** Create Split Key: the identifiers of the parts, the one with Key Part Identifier 1 first. */
    record CreateSplitKey(List<String> uniqueIdentifiers) implements ResponsePayload {
        public CreateSplitKey {
            uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
        }

        @Override
        public Operation operation() {
            return Operation.CREATE_SPLIT_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().addAll(uniqueIdentifiers.stream().map(id -> new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id)).toList())
                    .build(Tag.RESPONSE_PAYLOAD);
        }
    }

    /** Join Split Key: the identifier of the object the parts rebuilt. */
    record JoinSplitKey(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.JOIN_SPLIT_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /** Interop: an empty payload. */
    record Interop() implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.INTEROP;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Structure(Tag.RESPONSE_PAYLOAD, List.of());
        }
    }

    /** Log: an empty payload. */
    record Log() implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.LOG;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Structure(Tag.RESPONSE_PAYLOAD, List.of());
        }
    }

    record MacVerify(String uniqueIdentifier, Optional<ValidityIndicator> validityIndicator, Optional<byte[]> correlationValue)
            implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.MAC_VERIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).enumeration(Tag.VALIDITY_INDICATOR, validityIndicator)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue).build(Tag.RESPONSE_PAYLOAD);
        }

        static MacVerify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.VALIDITY_INDICATOR, Tag.CORRELATION_VALUE));
            return new MacVerify(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(),
                    f.enumeration(Tag.VALIDITY_INDICATOR, ValidityIndicator::fromCode), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    record Hash(Optional<byte[]> data, Optional<byte[]> correlationValue) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.HASH;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().bytes(Tag.DATA, data).bytes(Tag.CORRELATION_VALUE, correlationValue).build(Tag.RESPONSE_PAYLOAD);
        }

        static Hash fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.DATA, Tag.CORRELATION_VALUE));
            return new Hash(f.bytes(Tag.DATA), f.bytes(Tag.CORRELATION_VALUE));
        }
    }

    /** Check: the identifier, and on failure what could not be granted. */
    record Check(Optional<String> uniqueIdentifier, Optional<Long> usageLimitsCount, Optional<Integer> cryptographicUsageMask,
                 Optional<Long> leaseTime) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.CHECK;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .longInteger(Tag.USAGE_LIMITS_COUNT, usageLimitsCount)
                    .integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, cryptographicUsageMask);
            leaseTime.ifPresent(seconds -> out.add(new Ttlv.IntervalItem(Tag.LEASE_TIME, seconds)));
            return out.build(Tag.RESPONSE_PAYLOAD);
        }

        static Check fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.USAGE_LIMITS_COUNT, Tag.CRYPTOGRAPHIC_USAGE_MASK, Tag.LEASE_TIME));
            return new Check(f.text(Tag.UNIQUE_IDENTIFIER), f.longInteger(Tag.USAGE_LIMITS_COUNT), f.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK),
                    f.optional(Tag.LEASE_TIME, Ttlv.IntervalItem.class).map(Ttlv.IntervalItem::seconds));
        }
    }

    /** Obtain Lease: the lease granted, in seconds, and the object's Last Change Date. */
    record ObtainLease(String uniqueIdentifier, long leaseTime, java.time.Instant lastChangeDate) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.OBTAIN_LEASE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).add(new Ttlv.IntervalItem(Tag.LEASE_TIME, leaseTime))
                    .add(new Ttlv.DateTimeItem(Tag.LAST_CHANGE_DATE, lastChangeDate)).build(Tag.RESPONSE_PAYLOAD);
        }

        static ObtainLease fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.LEASE_TIME, Tag.LAST_CHANGE_DATE));
            return new ObtainLease(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(),
                    f.required(Tag.LEASE_TIME, Ttlv.IntervalItem.class).seconds(),
                    f.required(Tag.LAST_CHANGE_DATE, Ttlv.DateTimeItem.class).value());
        }
    }

    record GetUsageAllocation(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.GET_USAGE_ALLOCATION;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /** Get Attribute List: the object's attributes by Attribute Name (1.x) or Attribute Reference (2.x). */
    record GetAttributeList(String uniqueIdentifier, List<AttributeName> names) implements ResponsePayload {
        public GetAttributeList {
            names = List.copyOf(names);
        }

        @Override
        public Operation operation() {
            return Operation.GET_ATTRIBUTE_LIST;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .addAll(names.stream().map(n -> AttributeCodec.writeReference(n, version)).toList())
                    .build(Tag.RESPONSE_PAYLOAD);
        }

        static GetAttributeList fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag selector = version.usesTaggedAttributes() ? Tag.ATTRIBUTE_REFERENCE : Tag.ATTRIBUTE_NAME;
            Fields f = Payloads.fields(payload, Tag.RESPONSE_PAYLOAD, List.of(Tag.UNIQUE_IDENTIFIER, selector), Set.of(selector));
            List<AttributeName> names = new ArrayList<>();
            for (Ttlv item : f.all(selector, Ttlv.class)) {
                names.add(AttributeCodec.readReference(item, version));
            }
            return new GetAttributeList(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), names);
        }
    }

    record ReKey(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.RE_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }

        static ReKey fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            List<Tag> grammar = version.usesTaggedAttributes() ? List.of(Tag.UNIQUE_IDENTIFIER) : List.of(Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE);
            return new ReKey(fields(payload, grammar).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value());
        }
    }

    /** Certify: the new certificate (1.x may add the attributes the server set, a Template-Attribute). */
    record Certify(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.CERTIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    record ReCertify(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.RE_CERTIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    private static String certifiedIdentifier(Structure payload, ProtocolVersion version) throws KmipMessageException {
        List<Tag> grammar = version.usesTaggedAttributes() ? List.of(Tag.UNIQUE_IDENTIFIER)
                : List.of(Tag.UNIQUE_IDENTIFIER, Tag.TEMPLATE_ATTRIBUTE);
        return fields(payload, grammar).required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value();
    }

    record ReKeyKeyPair(String privateKeyUniqueIdentifier, String publicKeyUniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.RE_KEY_KEY_PAIR;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier)
                    .text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, publicKeyUniqueIdentifier).build(Tag.RESPONSE_PAYLOAD);
        }

        static ReKeyKeyPair fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            CreateKeyPair pair = CreateKeyPair.fromTtlv(payload, version);
            return new ReKeyKeyPair(pair.privateKeyUniqueIdentifier(), pair.publicKeyUniqueIdentifier());
        }
    }

    /**
     * Export (1.4 §4.40, 2.1 §6.1.18): Get's answer with every attribute, as bare Attribute structures in 1.4 and one
     * Attributes structure in 2.x; a destroyed object comes back without its managed object.
     */
    record Export(ObjectType objectType, String uniqueIdentifier, Attributes attributes, Optional<Structure> managedObject)
            implements ResponsePayload {
        public Export {
            managedObject.ifPresent(Payloads::checkManagedObject);
        }

        @Override
        public Operation operation() {
            return Operation.EXPORT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children().add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType)).text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
            if (version.usesTaggedAttributes()) {
                out.add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version));
            } else {
                out.addAll(AttributeCodec.writeItems(attributes, version));
            }
            return out.add(managedObject).build(Tag.RESPONSE_PAYLOAD);
        }

        static Export fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag attributesTag = version.usesTaggedAttributes() ? Tag.ATTRIBUTES : Tag.ATTRIBUTE;
            Fields f = Payloads.fields(payload, Tag.RESPONSE_PAYLOAD,
                    Payloads.withManagedObject(List.of(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER, attributesTag), List.of()), Set.of(Tag.ATTRIBUTE));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Export response lacks Object Type"));
            boolean carriesObject = Payloads.MANAGED_OBJECTS.stream().anyMatch(f::has);
            Attributes attributes = version.usesTaggedAttributes()
                    ? AttributeCodec.read(AttributeCodec.Group.TEMPLATE, f.required(Tag.ATTRIBUTES, Structure.class), version)
                    : AttributeCodec.readV1List(f.all(Tag.ATTRIBUTE, Structure.class));
            return new Export(type, f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), attributes,
                    carriesObject ? Optional.of(Payloads.managedObject(f, "Export response")) : Optional.empty());
        }
    }

    record Import(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.IMPORT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /** Add Attribute: in 1.x, the attribute added (with its index). */
    record AddAttribute(String uniqueIdentifier, Optional<Attribute> attribute) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.ADD_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return attributeAnswer(uniqueIdentifier, attribute, version);
        }
    }

    /** Modify Attribute: in 1.x, the attribute as modified. */
    record ModifyAttribute(String uniqueIdentifier, Optional<Attribute> attribute) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.MODIFY_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return attributeAnswer(uniqueIdentifier, attribute, version);
        }
    }

    /** Delete Attribute: in 1.x, the attribute deleted. */
    record DeleteAttribute(String uniqueIdentifier, Optional<Attribute> attribute) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.DELETE_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return attributeAnswer(uniqueIdentifier, attribute, version);
        }
    }

    record SetAttribute(String uniqueIdentifier) implements ResponsePayload {
        @Override
        public Operation operation() {
            return Operation.SET_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }
}
