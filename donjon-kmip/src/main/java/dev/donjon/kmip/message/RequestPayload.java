package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateRequestType;
import dev.donjon.kmip.enums.DerivationMethod;
import dev.donjon.kmip.enums.InteropFunction;
import dev.donjon.kmip.enums.KeyCompressionType;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.KeyWrapType;
import dev.donjon.kmip.enums.ObjectGroupMemberOption;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.Operation;
import dev.donjon.kmip.enums.QueryFunction;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.enums.SplitKeyMethod;
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
            case CREATE -> Create.fromTtlv(payload);
            case CREATE_KEY_PAIR -> CreateKeyPair.fromTtlv(payload);
            case REGISTER -> Register.fromTtlv(payload);
            case DERIVE_KEY -> DeriveKey.fromTtlv(payload);
            case GET -> Get.fromTtlv(payload);
            case GET_ATTRIBUTES -> GetAttributes.fromTtlv(payload);
            case LOCATE -> Locate.fromTtlv(payload);
            case ACTIVATE -> new Activate(uniqueIdentifierOnly(payload));
            case DONJON_CLONE -> new DonjonClone(uniqueIdentifierOnly(payload));
            case DONJON_REPLICATE -> new DonjonReplicate(fields(payload, List.of(Tag.DATA))
                    .required(Tag.DATA, Ttlv.BytesItem.class).value());
            case DONJON_PROXIED_CALL -> DonjonProxiedCall.fromTtlv(payload);
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
            case MAC_VERIFY -> MacVerify.fromTtlv(payload);
            case HASH -> Hash.fromTtlv(payload);
            case CHECK -> Check.fromTtlv(payload);
            case OBTAIN_LEASE -> new ObtainLease(uniqueIdentifierOnly(payload));
            case GET_USAGE_ALLOCATION -> GetUsageAllocation.fromTtlv(payload);
            case GET_ATTRIBUTE_LIST -> new GetAttributeList(uniqueIdentifierOnly(payload));
            case RE_KEY -> ReKey.fromTtlv(payload);
            case CERTIFY -> Certify.fromTtlv(payload);
            case RE_CERTIFY -> ReCertify.fromTtlv(payload);
            case RE_KEY_KEY_PAIR -> ReKeyKeyPair.fromTtlv(payload);
            case EXPORT -> Export.fromTtlv(payload);
            case IMPORT -> Import.fromTtlv(payload);
            case ADD_ATTRIBUTE -> AddAttribute.fromTtlv(payload, version);
            case MODIFY_ATTRIBUTE -> ModifyAttribute.fromTtlv(payload, version);
            case DELETE_ATTRIBUTE -> DeleteAttribute.fromTtlv(payload, version);
            case SET_ATTRIBUTE -> SetAttribute.fromTtlv(payload, version);
            case INTEROP -> Interop.fromTtlv(payload);
            case LOG -> Log.fromTtlv(payload);
            case RNG_SEED -> RngSeed.fromTtlv(payload);
            case CREATE_SPLIT_KEY -> CreateSplitKey.fromTtlv(payload);
            case JOIN_SPLIT_KEY -> JoinSplitKey.fromTtlv(payload);
            default -> null;
        });
    }

    /**
     * A request payload's fields. A server reads requests as leniently as it safely can: fields in any order, and
     * attribute groups in either version's form ({@link #group}); foreign and repeated fields are still refused.
     */
    private static Fields fields(Structure payload, List<Tag> grammar) throws KmipMessageException {
        return Payloads.requestFields(payload, grammar, Set.of());
    }

    /** A grammar: the tags given, an attribute group's two wrapper tags in place of each group. */
    private static List<Tag> grammar(Object... items) {
        List<Tag> out = new ArrayList<>();
        for (Object item : items) {
            switch (item) {
                case Tag tag -> out.add(tag);
                case AttributeCodec.Group group -> out.addAll(group.tags());
                case List<?> tags -> tags.forEach(tag -> out.add((Tag) tag));
                default -> throw new IllegalArgumentException("not a grammar item: " + item);
            }
        }
        return out;
    }

    /** An attribute group in either form (both, if a client sends both); empty when absent. */
    private static Optional<Attributes> group(Fields f, AttributeCodec.Group group) throws KmipMessageException {
        List<Attribute> read = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        boolean present = false;
        for (Tag tag : group.tags()) {
            Optional<Structure> structure = f.struct(tag);
            if (structure.isPresent()) {
                present = true;
                Attributes attributes = AttributeCodec.readEither(group, structure.get());
                read.addAll(attributes.list());
                templates.addAll(attributes.templates());
            }
        }
        return present ? Optional.of(new Attributes(read, templates)) : Optional.empty();
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

        /** A request without attributes reads as one with none, so that the server can say what is missing. */
        static Create fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.OBJECT_TYPE, AttributeCodec.Group.TEMPLATE));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Create lacks Object Type"));
            return new Create(type, group(f, AttributeCodec.Group.TEMPLATE).orElse(Attributes.EMPTY));
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

        static CreateKeyPair fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(AttributeCodec.Group.COMMON, AttributeCodec.Group.PRIVATE_KEY, AttributeCodec.Group.PUBLIC_KEY));
            return new CreateKeyPair(group(f, AttributeCodec.Group.COMMON), group(f, AttributeCodec.Group.PRIVATE_KEY),
                    group(f, AttributeCodec.Group.PUBLIC_KEY));
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

        static Register fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.OBJECT_TYPE, AttributeCodec.Group.TEMPLATE, Payloads.MANAGED_OBJECTS));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Register lacks Object Type"));
            return new Register(type, group(f, AttributeCodec.Group.TEMPLATE).orElse(Attributes.EMPTY), Payloads.managedObject(f, "Register"));
        }
    }

    /**
     * Derive Key (1.4 §4.6, 2.1 §6.1.15): one or more base objects (the ID Placeholder never stands for them), the
     * method, its Derivation Parameters (kept TTLV: Cryptographic Parameters, Initialization Vector, Derivation Data,
     * Salt, Iteration Count) and the new object's attributes.
     */
    record DeriveKey(ObjectType objectType, List<String> uniqueIdentifiers, DerivationMethod derivationMethod,
                     Structure derivationParameters, Attributes attributes) implements RequestPayload {
        public DeriveKey {
            uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
        }

        @Override
        public Operation operation() {
            return Operation.DERIVE_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children children = new Children().add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType));
            uniqueIdentifiers.forEach(id -> children.text(Tag.UNIQUE_IDENTIFIER, id));
            return children.add(new Ttlv.EnumerationItem(Tag.DERIVATION_METHOD, derivationMethod))
                    .add(derivationParameters)
                    .add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static DeriveKey fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = Payloads.requestFields(payload, grammar(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER,
                    Tag.DERIVATION_METHOD, Tag.DERIVATION_PARAMETERS, AttributeCodec.Group.TEMPLATE),
                    Set.of(Tag.UNIQUE_IDENTIFIER));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode)
                    .orElseThrow(() -> f.error("Derive Key lacks Object Type"));
            List<String> ids = new ArrayList<>();
            for (Ttlv.TextItem id : f.all(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class)) {
                ids.add(id.value());
            }
            if (ids.isEmpty()) {
                throw f.error("Derive Key names no object to derive from");
            }
            DerivationMethod method = f.enumeration(Tag.DERIVATION_METHOD, DerivationMethod::fromCode)
                    .orElseThrow(() -> f.error("Derive Key lacks Derivation Method"));
            Structure parameters = f.struct(Tag.DERIVATION_PARAMETERS)
                    .orElseThrow(() -> f.error("Derive Key lacks Derivation Parameters"));
            return new DeriveKey(type, ids, method, parameters,
                    group(f, AttributeCodec.Group.TEMPLATE).orElse(Attributes.EMPTY));
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

        /** Names are read in either form, Attribute Name text or Attribute Reference, whatever the version. */
        static GetAttributes fromTtlv(Structure payload) throws KmipMessageException {
            List<Tag> selectors = List.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_REFERENCE);
            Fields f = Payloads.requestFields(payload, grammar(Tag.UNIQUE_IDENTIFIER, selectors), Set.copyOf(selectors));
            List<AttributeName> names = new ArrayList<>();
            for (Tag selector : selectors) {
                for (Ttlv item : f.all(selector, Ttlv.class)) {
                    names.add(AttributeCodec.readEitherReference(item));
                }
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

        /** The attributes are read in either form (bare 1.x Attribute structures, a 2.x Attributes), whatever the version. */
        static Locate fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = Payloads.requestFields(payload, List.of(Tag.MAXIMUM_ITEMS, Tag.OFFSET_ITEMS, Tag.STORAGE_STATUS_MASK,
                    Tag.OBJECT_GROUP_MEMBER, Tag.ATTRIBUTE, Tag.ATTRIBUTES), Set.of(Tag.ATTRIBUTE));
            List<Attribute> read = new ArrayList<>(AttributeCodec.readV1List(f.all(Tag.ATTRIBUTE, Structure.class)).list());
            Optional<Structure> tagged = f.struct(Tag.ATTRIBUTES);
            if (tagged.isPresent()) {
                read.addAll(AttributeCodec.readEither(AttributeCodec.Group.TEMPLATE, tagged.get()).list());
            }
            Attributes attributes = new Attributes(read);
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

    /** Donjon Clone (a Donjon extension, docs/kmip-server.md): the object to clone, or the ID Placeholder's. */
    record DonjonClone(Optional<String> uniqueIdentifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.DONJON_CLONE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /** Donjon Replicate (a Donjon extension, docs/replication.md): one signed replication change. */
    record DonjonReplicate(byte[] change) implements RequestPayload {
        public DonjonReplicate {
            change = change.clone();
        }

        @Override
        public byte[] change() {
            return change.clone();
        }

        @Override
        public Operation operation() {
            return Operation.DONJON_REPLICATE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.BytesItem(Tag.DATA, change)).build(Tag.REQUEST_PAYLOAD);
        }
    }

    /**
     * Donjon Proxied Call (a Donjon extension, docs/replication.md): one batch item a replica refused, forwarded to
     * the object's owner. The item's Request Payload travels as its TTLV encoding, exactly the bytes the proxy's
     * assertion digests, with the protocol version it speaks (the outer message may speak another).
     *
     * @param forwardedOperation the forwarded operation
     * @param version       the version {@code payload} is encoded for, and its answer is to be
     * @param idPlaceholder the ID Placeholder at the proxy, for a forwarded item that names no object itself
     * @param payload       the forwarded Request Payload, TTLV-encoded
     * @param assertion     the proxy's signed assertion of its caller, bound to this call (a compact JWS)
     */
    record DonjonProxiedCall(Operation forwardedOperation, ProtocolVersion version, Optional<String> idPlaceholder,
                             byte[] payload, String assertion) implements RequestPayload {
        public DonjonProxiedCall {
            payload = payload.clone();
        }

        /** The call forwarding {@code forwarded}, encoded for {@code version}. */
        public static DonjonProxiedCall of(Structure forwarded, Operation operation, ProtocolVersion version,
                                           Optional<String> idPlaceholder, String assertion) {
            return new DonjonProxiedCall(operation, version, idPlaceholder, dev.donjon.kmip.TtlvBinary.encode(forwarded),
                    assertion);
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The forwarded operation's typed Request Payload; empty for an operation this library does not model. */
        public Optional<RequestPayload> forwarded() throws KmipMessageException {
            return RequestPayload.fromTtlv(forwardedOperation, forwardedStructure(payload, Tag.REQUEST_PAYLOAD), version);
        }

        @Override
        public Operation operation() {
            return Operation.DONJON_PROXIED_CALL;
        }

        @Override
        public Structure toTtlv(ProtocolVersion outer) {
            return new Children()
                    .add(new Ttlv.EnumerationItem(Tag.OPERATION, forwardedOperation))
                    .add(version.toTtlv())
                    .text(Tag.UNIQUE_IDENTIFIER, idPlaceholder)
                    .add(new Ttlv.BytesItem(Tag.DATA, payload))
                    .add(new Ttlv.BytesItem(Tag.SIGNATURE_DATA, assertion.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static DonjonProxiedCall fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.OPERATION, Tag.PROTOCOL_VERSION, Tag.UNIQUE_IDENTIFIER, Tag.DATA,
                    Tag.SIGNATURE_DATA));
            Operation operation = f.enumeration(Tag.OPERATION, Operation::fromCode)
                    .orElseThrow(() -> f.error("Donjon Proxied Call lacks the forwarded Operation"));
            if (operation == Operation.DONJON_PROXIED_CALL) {
                throw f.error("a proxied call cannot forward another proxied call");
            }
            ProtocolVersion version = ProtocolVersion.fromTtlv(f.required(Tag.PROTOCOL_VERSION, Structure.class));
            return new DonjonProxiedCall(operation, version, f.text(Tag.UNIQUE_IDENTIFIER),
                    f.required(Tag.DATA, Ttlv.BytesItem.class).value(),
                    new String(f.required(Tag.SIGNATURE_DATA, Ttlv.BytesItem.class).value(),
                            java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    /** A forwarded payload's bytes as the one structure they must hold. */
    static Structure forwardedStructure(byte[] encoded, Tag expected) throws KmipMessageException {
        Ttlv item;
        try {
            item = dev.donjon.kmip.TtlvBinary.decode(encoded);
        } catch (dev.donjon.kmip.TtlvException e) {
            throw new KmipMessageException(dev.donjon.kmip.enums.ResultReason.INVALID_FIELD,
                    "the forwarded payload is not TTLV: " + e.getMessage());
        }
        if (!(item instanceof Structure structure) || structure.tag() != expected.code()) {
            throw new KmipMessageException(dev.donjon.kmip.enums.ResultReason.INVALID_FIELD,
                    "the forwarded payload is not a " + expected.specName());
        }
        return structure;
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
            Fields f = Payloads.requestFields(payload, List.of(Tag.QUERY_FUNCTION), Set.of(Tag.QUERY_FUNCTION));
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

    /** RNG Seed (1.4 §4.36, 2.1 §6.1.46): seeding material for the server's random number generator. */
    record RngSeed(byte[] data) implements RequestPayload {
        public RngSeed {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public Operation operation() {
            return Operation.RNG_SEED;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.BytesItem(Tag.DATA, data)).build(Tag.REQUEST_PAYLOAD);
        }

        static RngSeed fromTtlv(Structure payload) throws KmipMessageException {
            return new RngSeed(fields(payload, List.of(Tag.DATA)).required(Tag.DATA, Ttlv.BytesItem.class).value());
        }

        @Override
        public String toString() {
            return "RngSeed[" + data.length + " bytes]";
        }
    }

    /**
     * Create Split Key (1.4 §4.38, 2.1 §6.1.9): split a new key, or the existing key named, into {@code parts} Split Key
     * objects of which {@code threshold} rebuild it.
     */
    record CreateSplitKey(ObjectType objectType, Optional<String> uniqueIdentifier, int parts, int threshold,
                          SplitKeyMethod method, Optional<java.math.BigInteger> primeFieldSize, Attributes attributes)
            implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.CREATE_SPLIT_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().enumeration(Tag.OBJECT_TYPE, Optional.of(objectType))
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .integer(Tag.SPLIT_KEY_PARTS, Optional.of(parts))
                    .integer(Tag.SPLIT_KEY_THRESHOLD, Optional.of(threshold))
                    .enumeration(Tag.SPLIT_KEY_METHOD, Optional.of(method))
                    .add(primeFieldSize.map(p -> new Ttlv.BigIntegerItem(Tag.PRIME_FIELD_SIZE, p)))
                    .add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static CreateSplitKey fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER, Tag.SPLIT_KEY_PARTS, Tag.SPLIT_KEY_THRESHOLD,
                    Tag.SPLIT_KEY_METHOD, Tag.PRIME_FIELD_SIZE, AttributeCodec.Group.TEMPLATE));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Object Type is required"));
            int parts = f.integer(Tag.SPLIT_KEY_PARTS).orElseThrow(() -> f.error("Split Key Parts is required"));
            int threshold = f.integer(Tag.SPLIT_KEY_THRESHOLD).orElseThrow(() -> f.error("Split Key Threshold is required"));
            SplitKeyMethod method = f.enumeration(Tag.SPLIT_KEY_METHOD, SplitKeyMethod::fromCode)
                    .orElseThrow(() -> f.error("Split Key Method is required"));
            return new CreateSplitKey(type, f.text(Tag.UNIQUE_IDENTIFIER), parts, threshold, method,
                    f.optional(Tag.PRIME_FIELD_SIZE, Ttlv.BigIntegerItem.class).map(Ttlv.BigIntegerItem::value),
                    group(f, AttributeCodec.Group.TEMPLATE).orElse(Attributes.EMPTY));
        }
    }

    /** Join Split Key (1.4 §4.39, 2.1 §6.1.31): the object the named Split Keys rebuild, of {@code objectType}. */
    record JoinSplitKey(ObjectType objectType, List<String> uniqueIdentifiers, Optional<SecretDataType> secretDataType,
                        Attributes attributes) implements RequestPayload {
        public JoinSplitKey {
            uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
        }

        @Override
        public Operation operation() {
            return Operation.JOIN_SPLIT_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().enumeration(Tag.OBJECT_TYPE, Optional.of(objectType))
                    .addAll(uniqueIdentifiers.stream().map(id -> new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id)).toList())
                    .enumeration(Tag.SECRET_DATA_TYPE, secretDataType)
                    .add(attributes.isEmpty() ? Optional.empty()
                            : Optional.of(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static JoinSplitKey fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = Payloads.requestFields(payload, grammar(Tag.OBJECT_TYPE, Tag.UNIQUE_IDENTIFIER, Tag.SECRET_DATA_TYPE,
                    AttributeCodec.Group.TEMPLATE), Set.of(Tag.UNIQUE_IDENTIFIER));
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElseThrow(() -> f.error("Object Type is required"));
            return new JoinSplitKey(type, f.all(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).stream().map(Ttlv.TextItem::value).toList(),
                    f.enumeration(Tag.SECRET_DATA_TYPE, SecretDataType::fromCode),
                    group(f, AttributeCodec.Group.TEMPLATE).orElse(Attributes.EMPTY));
        }
    }

    /** Interop (2.1 §6.1.27): a test client marks the beginning, end or reset of a test case. */
    record Interop(InteropFunction function, String identifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.INTEROP;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().add(new Ttlv.EnumerationItem(Tag.INTEROP_FUNCTION, function))
                    .text(Tag.INTEROP_IDENTIFIER, identifier).build(Tag.REQUEST_PAYLOAD);
        }

        static Interop fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.INTEROP_FUNCTION, Tag.INTEROP_IDENTIFIER));
            InteropFunction function = f.enumeration(Tag.INTEROP_FUNCTION, InteropFunction::fromCode)
                    .orElseThrow(() -> f.error("Interop lacks Interop Function"));
            return new Interop(function, f.required(Tag.INTEROP_IDENTIFIER, Ttlv.TextItem.class).value());
        }
    }

    /** Log (2.1 §6.1.29): a message for the server's log. */
    record Log(String message) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.LOG;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.LOG_MESSAGE, message).build(Tag.REQUEST_PAYLOAD);
        }

        static Log fromTtlv(Structure payload) throws KmipMessageException {
            return new Log(fields(payload, List.of(Tag.LOG_MESSAGE)).required(Tag.LOG_MESSAGE, Ttlv.TextItem.class).value());
        }
    }

    /** MAC Verify (1.4 §4.34, 2.1 §6.1.30). */
    record MacVerify(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters, Optional<byte[]> data,
                     Optional<byte[]> macData, Optional<byte[]> correlationValue, Optional<Boolean> initIndicator,
                     Optional<Boolean> finalIndicator) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.UNIQUE_IDENTIFIER, Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.MAC_DATA,
                Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR, Tag.FINAL_INDICATOR);

        @Override
        public Operation operation() {
            return Operation.MAC_VERIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.MAC_DATA, macData)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static MacVerify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new MacVerify(f.text(Tag.UNIQUE_IDENTIFIER), f.struct(Tag.CRYPTOGRAPHIC_PARAMETERS), f.bytes(Tag.DATA), f.bytes(Tag.MAC_DATA),
                    f.bytes(Tag.CORRELATION_VALUE), f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR));
        }
    }

    /** Hash (1.4 §4.36, 2.1 §6.1.24): the Cryptographic Parameters name the Hashing Algorithm. */
    record Hash(Structure cryptographicParameters, Optional<byte[]> data, Optional<byte[]> correlationValue, Optional<Boolean> initIndicator,
                Optional<Boolean> finalIndicator) implements RequestPayload {

        private static final List<Tag> GRAMMAR = List.of(Tag.CRYPTOGRAPHIC_PARAMETERS, Tag.DATA, Tag.CORRELATION_VALUE, Tag.INIT_INDICATOR,
                Tag.FINAL_INDICATOR);

        @Override
        public Operation operation() {
            return Operation.HASH;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .add(cryptographicParameters)
                    .bytes(Tag.DATA, data)
                    .bytes(Tag.CORRELATION_VALUE, correlationValue)
                    .bool(Tag.INIT_INDICATOR, initIndicator)
                    .bool(Tag.FINAL_INDICATOR, finalIndicator)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static Hash fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, GRAMMAR);
            return new Hash(f.required(Tag.CRYPTOGRAPHIC_PARAMETERS, Structure.class), f.bytes(Tag.DATA), f.bytes(Tag.CORRELATION_VALUE),
                    f.bool(Tag.INIT_INDICATOR), f.bool(Tag.FINAL_INDICATOR));
        }
    }

    /** Check (1.4 §4.10, 2.1 §6.1.6): whether the object could be used so; each criterion is optional. */
    record Check(Optional<String> uniqueIdentifier, Optional<Long> usageLimitsCount, Optional<Integer> cryptographicUsageMask,
                 Optional<Long> leaseTime) implements RequestPayload {
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
            return out.build(Tag.REQUEST_PAYLOAD);
        }

        static Check fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.USAGE_LIMITS_COUNT, Tag.CRYPTOGRAPHIC_USAGE_MASK, Tag.LEASE_TIME));
            return new Check(f.text(Tag.UNIQUE_IDENTIFIER), f.longInteger(Tag.USAGE_LIMITS_COUNT), f.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK),
                    f.optional(Tag.LEASE_TIME, Ttlv.IntervalItem.class).map(Ttlv.IntervalItem::seconds));
        }
    }

    record ObtainLease(Optional<String> uniqueIdentifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.OBTAIN_LEASE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /**
     * Get Usage Allocation (1.4 §4.18, 2.1 §6.1.23): how many Usage Limits units to take. The count is required; its
     * absence is left to the server, whose answer the OASIS vectors fix (Invalid Message).
     */
    record GetUsageAllocation(Optional<String> uniqueIdentifier, Optional<Long> usageLimitsCount) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.GET_USAGE_ALLOCATION;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).longInteger(Tag.USAGE_LIMITS_COUNT, usageLimitsCount)
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static GetUsageAllocation fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.USAGE_LIMITS_COUNT));
            return new GetUsageAllocation(f.text(Tag.UNIQUE_IDENTIFIER), f.longInteger(Tag.USAGE_LIMITS_COUNT));
        }
    }

    record GetAttributeList(Optional<String> uniqueIdentifier) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.GET_ATTRIBUTE_LIST;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return uniqueIdentifierOnly(uniqueIdentifier);
        }
    }

    /**
     * Certify (1.4 §4.7, 2.1 §6.1.8): a certificate for a public key (by identifier, or the ID Placeholder) and/or a
     * certificate request. The request is 1.x's Certificate Request or 2.x's Certificate Request Value; either is
     * read, and it is written in the form of the version.
     */
    record Certify(Optional<String> uniqueIdentifier, Optional<CertificateRequestType> requestType,
                   Optional<byte[]> request, Optional<Attributes> attributes) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.CERTIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return certificateRequest(uniqueIdentifier, requestType, request, Optional.empty(), attributes, version);
        }

        static Certify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.UNIQUE_IDENTIFIER, Tag.CERTIFICATE_REQUEST_TYPE,
                    Tag.CERTIFICATE_REQUEST, Tag.CERTIFICATE_REQUEST_VALUE, AttributeCodec.Group.TEMPLATE));
            return new Certify(f.text(Tag.UNIQUE_IDENTIFIER), readRequestType(f), readRequest(f),
                    group(f, AttributeCodec.Group.TEMPLATE));
        }
    }

    /** Re-certify (1.4 §4.8, 2.1 §6.1.44): Certify's fields for an existing certificate, and an Offset. */
    record ReCertify(Optional<String> uniqueIdentifier, Optional<CertificateRequestType> requestType,
                     Optional<byte[]> request, Optional<Long> offset, Optional<Attributes> attributes)
            implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.RE_CERTIFY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return certificateRequest(uniqueIdentifier, requestType, request, offset, attributes, version);
        }

        static ReCertify fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.UNIQUE_IDENTIFIER, Tag.CERTIFICATE_REQUEST_TYPE,
                    Tag.CERTIFICATE_REQUEST, Tag.CERTIFICATE_REQUEST_VALUE, Tag.OFFSET, AttributeCodec.Group.TEMPLATE));
            return new ReCertify(f.text(Tag.UNIQUE_IDENTIFIER), readRequestType(f), readRequest(f),
                    f.optional(Tag.OFFSET, Ttlv.IntervalItem.class).map(Ttlv.IntervalItem::seconds),
                    group(f, AttributeCodec.Group.TEMPLATE));
        }
    }

    private static Structure certificateRequest(Optional<String> uniqueIdentifier,
                                                Optional<CertificateRequestType> requestType, Optional<byte[]> request,
                                                Optional<Long> offset, Optional<Attributes> attributes,
                                                ProtocolVersion version) {
        return new Children()
                .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                .enumeration(Tag.CERTIFICATE_REQUEST_TYPE, requestType)
                .bytes(version.usesTaggedAttributes() ? Tag.CERTIFICATE_REQUEST_VALUE : Tag.CERTIFICATE_REQUEST, request)
                .add(offset.map(seconds -> new Ttlv.IntervalItem(Tag.OFFSET, seconds)))
                .add(attributes.map(a -> AttributeCodec.write(AttributeCodec.Group.TEMPLATE, a, version)))
                .build(Tag.REQUEST_PAYLOAD);
    }

    /** A request needs its type: it is REQUIRED when the Certificate Request is present (1.4 §4.7). */
    private static Optional<CertificateRequestType> readRequestType(Fields f) throws KmipMessageException {
        Optional<CertificateRequestType> type = f.enumeration(Tag.CERTIFICATE_REQUEST_TYPE,
                CertificateRequestType::fromCode);
        if (type.isEmpty() && readRequest(f).isPresent()) {
            throw f.error("a Certificate Request needs its Certificate Request Type");
        }
        return type;
    }

    private static Optional<byte[]> readRequest(Fields f) throws KmipMessageException {
        Optional<byte[]> v1 = f.bytes(Tag.CERTIFICATE_REQUEST);
        return v1.isPresent() ? v1 : f.bytes(Tag.CERTIFICATE_REQUEST_VALUE);
    }

    /** Re-key (1.4 §4.4, 2.1 §6.1.45): the replacement's attributes, if any, win over the copied ones. */
    record ReKey(Optional<String> uniqueIdentifier, Optional<Long> offset, Optional<Attributes> attributes) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.RE_KEY;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(offset.map(seconds -> new Ttlv.IntervalItem(Tag.OFFSET, seconds)))
                    .add(attributes.map(a -> AttributeCodec.write(AttributeCodec.Group.TEMPLATE, a, version)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static ReKey fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.UNIQUE_IDENTIFIER, Tag.OFFSET, AttributeCodec.Group.TEMPLATE));
            return new ReKey(f.text(Tag.UNIQUE_IDENTIFIER), f.optional(Tag.OFFSET, Ttlv.IntervalItem.class).map(Ttlv.IntervalItem::seconds),
                    group(f, AttributeCodec.Group.TEMPLATE));
        }
    }

    /** Re-key Key Pair (1.4 §4.5, 2.1 §6.1.46): the private key names the pair. */
    record ReKeyKeyPair(Optional<String> privateKeyUniqueIdentifier, Optional<Long> offset, Optional<Attributes> common,
                        Optional<Attributes> privateKey, Optional<Attributes> publicKey) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.RE_KEY_KEY_PAIR;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children()
                    .text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, privateKeyUniqueIdentifier)
                    .add(offset.map(seconds -> new Ttlv.IntervalItem(Tag.OFFSET, seconds)))
                    .add(common.map(a -> AttributeCodec.write(AttributeCodec.Group.COMMON, a, version)))
                    .add(privateKey.map(a -> AttributeCodec.write(AttributeCodec.Group.PRIVATE_KEY, a, version)))
                    .add(publicKey.map(a -> AttributeCodec.write(AttributeCodec.Group.PUBLIC_KEY, a, version)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static ReKeyKeyPair fromTtlv(Structure payload) throws KmipMessageException {
            Fields f = fields(payload, grammar(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, Tag.OFFSET, AttributeCodec.Group.COMMON,
                    AttributeCodec.Group.PRIVATE_KEY, AttributeCodec.Group.PUBLIC_KEY));
            return new ReKeyKeyPair(f.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER), f.optional(Tag.OFFSET, Ttlv.IntervalItem.class).map(Ttlv.IntervalItem::seconds),
                    group(f, AttributeCodec.Group.COMMON), group(f, AttributeCodec.Group.PRIVATE_KEY), group(f, AttributeCodec.Group.PUBLIC_KEY));
        }
    }

    /** Export (1.4 §4.40, 2.1 §6.1.18): Get's fields. */
    record Export(Optional<String> uniqueIdentifier, Optional<KeyFormatType> keyFormatType, Optional<KeyWrapType> keyWrapType,
                  Optional<KeyCompressionType> keyCompressionType, Optional<Structure> keyWrappingSpecification) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.EXPORT;
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

        static Export fromTtlv(Structure payload) throws KmipMessageException {
            Get get = Get.fromTtlv(payload);
            return new Export(get.uniqueIdentifier(), get.keyFormatType(), get.keyWrapType(), get.keyCompressionType(), get.keyWrappingSpecification());
        }
    }

    /**
     * Import (1.4 §4.41, 2.1 §6.1.25): an object with its attributes, under the client's Unique Identifier. 1.4 has no
     * Object Type field (the object's own tag says it) and carries the attributes as bare Attribute structures; 2.x
     * names the Object Type and holds them in one Attributes structure. Either form is read whatever the version.
     */
    record Import(String uniqueIdentifier, ObjectType objectType, Optional<Boolean> replaceExisting, Optional<KeyWrapType> keyWrapType,
                  Attributes attributes, Structure managedObject) implements RequestPayload {
        public Import {
            Payloads.checkManagedObject(managedObject);
        }

        @Override
        public Operation operation() {
            return Operation.IMPORT;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
            if (version.usesTaggedAttributes()) {
                out.add(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, objectType));
            }
            out.bool(Tag.REPLACE_EXISTING, replaceExisting).enumeration(Tag.KEY_WRAP_TYPE, keyWrapType);
            if (version.usesTaggedAttributes()) {
                out.add(AttributeCodec.write(AttributeCodec.Group.TEMPLATE, attributes, version));
            } else {
                out.addAll(AttributeCodec.writeItems(attributes, version));
            }
            return out.add(managedObject).build(Tag.REQUEST_PAYLOAD);
        }

        static Import fromTtlv(Structure payload) throws KmipMessageException {
            List<Tag> grammar = new ArrayList<>(grammar(Tag.UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE, Tag.REPLACE_EXISTING, Tag.KEY_WRAP_TYPE,
                    Tag.ATTRIBUTE, AttributeCodec.Group.TEMPLATE));
            grammar.addAll(Payloads.MANAGED_OBJECTS);
            Fields f = Payloads.requestFields(payload, grammar, Set.of(Tag.ATTRIBUTE));
            Structure object = Payloads.managedObject(f, "Import");
            ObjectType type = f.enumeration(Tag.OBJECT_TYPE, ObjectType::fromCode).orElse(Payloads.objectType(object));
            if (type != Payloads.objectType(object)) {
                throw f.error("Import's Object Type " + type.specName() + " is not the object it carries, " + object.tagName());
            }
            List<Attribute> read = new ArrayList<>(AttributeCodec.readV1List(f.all(Tag.ATTRIBUTE, Structure.class)).list());
            Optional<Attributes> group = group(f, AttributeCodec.Group.TEMPLATE);
            group.ifPresent(attributes -> read.addAll(attributes.list()));
            if (read.isEmpty() && group.isEmpty()) {
                throw f.error("Import lacks the object's attributes");
            }
            return new Import(f.required(Tag.UNIQUE_IDENTIFIER, Ttlv.TextItem.class).value(), type, f.bool(Tag.REPLACE_EXISTING),
                    f.enumeration(Tag.KEY_WRAP_TYPE, KeyWrapType::fromCode), new Attributes(read), object);
        }
    }

    /** Add Attribute (1.4 §4.14, 2.1 §6.1.3): a 1.x Attribute, or the 2.x New Attribute's one attribute. */
    record AddAttribute(Optional<String> uniqueIdentifier, Attribute attribute) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.ADD_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).add(Payloads.writeAttribute(attribute, Tag.NEW_ATTRIBUTE, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static AddAttribute fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Tag holder = version.usesTaggedAttributes() ? Tag.NEW_ATTRIBUTE : Tag.ATTRIBUTE;
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, holder));
            return new AddAttribute(f.text(Tag.UNIQUE_IDENTIFIER), Payloads.readAttribute(f.required(holder, Structure.class), version));
        }
    }

    /**
     * Modify Attribute (1.4 §4.16, 2.1 §6.1.34): the 1.x Attribute (its index says which instance), or the 2.x New
     * Attribute replacing the Current Attribute (the first instance when there is none).
     */
    record ModifyAttribute(Optional<String> uniqueIdentifier, Optional<Attribute> currentAttribute, Attribute attribute) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.MODIFY_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            if (currentAttribute.isPresent() && !version.usesTaggedAttributes()) {
                // 1.x has no Current Attribute: its Attribute names the instance to change by name and index.
                throw new IllegalArgumentException("KMIP 1.x Modify Attribute carries no Current Attribute");
            }
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier)
                    .add(currentAttribute.map(a -> Payloads.writeAttribute(a, Tag.CURRENT_ATTRIBUTE, version)))
                    .add(Payloads.writeAttribute(attribute, Tag.NEW_ATTRIBUTE, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static ModifyAttribute fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            if (!version.usesTaggedAttributes()) {
                Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.ATTRIBUTE));
                return new ModifyAttribute(f.text(Tag.UNIQUE_IDENTIFIER), Optional.empty(),
                        Payloads.readAttribute(f.required(Tag.ATTRIBUTE, Structure.class), version));
            }
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.CURRENT_ATTRIBUTE, Tag.NEW_ATTRIBUTE));
            Optional<Structure> current = f.struct(Tag.CURRENT_ATTRIBUTE);
            return new ModifyAttribute(f.text(Tag.UNIQUE_IDENTIFIER),
                    current.isEmpty() ? Optional.empty() : Optional.of(Payloads.readAttribute(current.get(), version)),
                    Payloads.readAttribute(f.required(Tag.NEW_ATTRIBUTE, Structure.class), version));
        }
    }

    /**
     * Delete Attribute (1.4 §4.16, 2.1 §6.1.13): 1.x names the attribute and its index; 2.x gives the Current Attribute
     * (a value to match) or an Attribute Reference (its first instance).
     */
    record DeleteAttribute(Optional<String> uniqueIdentifier, Optional<AttributeName> name, Optional<Integer> index,
                           Optional<Attribute> currentAttribute) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.DELETE_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            Children out = new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
            if (!version.usesTaggedAttributes()) {
                return out.add(name.map(n -> AttributeCodec.writeReference(n, version))).integer(Tag.ATTRIBUTE_INDEX, index)
                        .build(Tag.REQUEST_PAYLOAD);
            }
            return out.add(currentAttribute.map(a -> Payloads.writeAttribute(a, Tag.CURRENT_ATTRIBUTE, version)))
                    .add(name.map(n -> AttributeCodec.writeReference(n, version)))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static DeleteAttribute fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            if (!version.usesTaggedAttributes()) {
                Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_INDEX));
                Optional<Ttlv.TextItem> name = f.optional(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class);
                return new DeleteAttribute(f.text(Tag.UNIQUE_IDENTIFIER),
                        name.isEmpty() ? Optional.empty() : Optional.of(AttributeCodec.readReference(name.get(), version)),
                        f.integer(Tag.ATTRIBUTE_INDEX), Optional.empty());
            }
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.CURRENT_ATTRIBUTE, Tag.ATTRIBUTE_REFERENCE));
            Optional<Structure> current = f.struct(Tag.CURRENT_ATTRIBUTE);
            Optional<Ttlv> reference = f.any(Tag.ATTRIBUTE_REFERENCE);
            return new DeleteAttribute(f.text(Tag.UNIQUE_IDENTIFIER),
                    reference.isEmpty() ? Optional.empty() : Optional.of(AttributeCodec.readReference(reference.get(), version)),
                    Optional.empty(), current.isEmpty() ? Optional.empty() : Optional.of(Payloads.readAttribute(current.get(), version)));
        }
    }

    /** Set Attribute (2.1 §6.1.51): the New Attribute's one attribute, set whether or not the object has it. */
    record SetAttribute(Optional<String> uniqueIdentifier, Attribute attribute) implements RequestPayload {
        @Override
        public Operation operation() {
            return Operation.SET_ATTRIBUTE;
        }

        @Override
        public Structure toTtlv(ProtocolVersion version) {
            return new Children().text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier).add(Payloads.writeAttribute(attribute, Tag.NEW_ATTRIBUTE, version))
                    .build(Tag.REQUEST_PAYLOAD);
        }

        static SetAttribute fromTtlv(Structure payload, ProtocolVersion version) throws KmipMessageException {
            Fields f = fields(payload, List.of(Tag.UNIQUE_IDENTIFIER, Tag.NEW_ATTRIBUTE));
            return new SetAttribute(f.text(Tag.UNIQUE_IDENTIFIER), Payloads.readAttribute(f.required(Tag.NEW_ATTRIBUTE, Structure.class), version));
        }
    }
}
