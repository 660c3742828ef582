package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.NameType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.object.UsageMask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place where KMIP attributes meet domain types. The wire forms (1.x Attribute structures named by text, 2.x
 * items named by their tag) are the library's {@link dev.donjon.kmip.message.AttributeCodec}; here its
 * {@link Attribute}s become domain values and back.
 */
final class AttributeMapping {
    private AttributeMapping() {
    }

    /**
     * One attribute instance.
     *
     * @param name  the 1.x attribute name (also for 2.x requests), or a custom "x-" name
     * @param index the attribute index among instances of the same name
     * @param value the value, tagged with the attribute's own tag (or Attribute Value for custom attributes)
     */
    record Entry(String name, int index, Ttlv value) {
        Optional<KmipAttribute> known() {
            return KmipAttribute.byV1Name(name);
        }
    }

    // ---------------------------------------------------------------- reading

    /** The server's view of a library attribute: its 1.x name ("x-ID" for vendor x's "ID"), index and value. */
    static Entry entry(Attribute attribute) {
        String name = v1Name(attribute.name()).orElseThrow(() ->
                new KmipError(ResultReason.INVALID_FIELD, "attribute " + attribute.name() + " is not supported"));
        known(name);
        return new Entry(name, attribute.index().orElse(0), attribute.value());
    }

    /**
     * The server's name of a library attribute: its 1.x name, or for an attribute KMIP 2.x introduced (which 1.x
     * cannot name) its specification name, as {@link KmipAttribute} spells it.
     */
    static Optional<String> v1Name(AttributeName name) {
        return dev.donjon.kmip.message.AttributeCodec.v1Name(name).or(() -> name instanceof AttributeName.Standard s
                ? KmipAttribute.byTag(s.tag().code()).map(KmipAttribute::v1Name) : Optional.empty());
    }

    /** The library's name for a 1.x attribute name (or a 2.x-only attribute's specification name). */
    static AttributeName libraryName(String name) {
        Optional<KmipAttribute> v2Only = KmipAttribute.byV1Name(name).filter(KmipAttribute::v2Only);
        if (v2Only.isPresent()) {
            return new AttributeName.Standard(v2Only.get().tag());
        }
        return library(() -> dev.donjon.kmip.message.AttributeCodec.fromV1Name(name));
    }

    /**
     * The library attribute of an entry, to encode with the library's codec. Its index is always stated, 0 included:
     * 1.x lets a response omit an index of 0 (1.4 §2.1.1, "not specified it SHALL be assumed to be 0"), but clients
     * such as PyKMIP read it from every Attribute they receive; 2.x attributes have no index and the codec drops it.
     */
    static Attribute attribute(Entry entry) {
        return new Attribute(libraryName(entry.name()), Optional.of(entry.index()), entry.value());
    }

    private static void known(String name) {
        if (!KmipAttribute.isCustom(name) && KmipAttribute.byV1Name(name).isEmpty()) {
            throw new KmipError(ResultReason.INVALID_FIELD, "attribute " + name + " is not supported");
        }
    }

    private interface LibraryCall<T> {
        T call() throws KmipMessageException;
    }

    private static <T> T library(LibraryCall<T> call) {
        try {
            return call.call();
        } catch (KmipMessageException e) {
            throw new KmipError(e.reason(), e.getMessage());
        }
    }

    /** What a Create or Register asks for, in domain terms. */
    record Requested(Optional<ObjectType> objectType, Optional<CryptographicAlgorithm> algorithm,
                     Optional<Integer> length, ObjectAttributes attributes, Optional<Instant> activationDate,
                     Optional<Instant> deactivationDate) {
    }

    static Requested requested(List<Entry> entries) {
        ObjectType objectType = null;
        CryptographicAlgorithm algorithm = null;
        Integer length = null;
        Instant activation = null;
        Instant deactivation = null;
        // KMIP makes the mask a required attribute of keys; clients that omit it get no restriction, as on REST.
        ObjectAttributes attributes = ObjectAttributes.of(UsageMask.UNRESTRICTED, List.of());
        for (Entry entry : entries) {
            if (entry.value() == null) {
                throw KmipError.missing("Attribute Value of " + entry.name());
            }
            Optional<KmipAttribute> known = entry.known();
            if (known.isEmpty()) {
                attributes = addText(attributes, entry.name(), custom(entry.value()));
                continue;
            }
            switch (known.get()) {
                case OBJECT_TYPE -> objectType = Fields.enumeration(entry.value(), ObjectType.index());
                case CRYPTOGRAPHIC_ALGORITHM ->
                        algorithm = Fields.enumeration(entry.value(), CryptographicAlgorithm.index());
                case CRYPTOGRAPHIC_LENGTH -> length = Fields.as(entry.value(), Ttlv.IntegerItem.class).value();
                case CRYPTOGRAPHIC_USAGE_MASK -> attributes = attributes.withUsageMask(usageMask(entry.value()));
                case SENSITIVE -> attributes = attributes.withProtection(attributes.protection()
                        .withSensitive(bool(entry.value())));
                case EXTRACTABLE -> attributes = attributes.withProtection(attributes.protection()
                        .withExtractable(bool(entry.value())));
                case NAME -> attributes = attributes.withNames(append(attributes.names(), name(entry.value())));
                case LINK -> attributes = attributes.withLink(link(entry.value()));
                case ACTIVATION_DATE -> activation = Fields.dateTime(entry.value());
                case DEACTIVATION_DATE -> deactivation = Fields.dateTime(entry.value());
                case OBJECT_GROUP, CONTACT_INFORMATION -> attributes = addText(attributes, entry.name(), text(entry));
                case DIGEST -> throw new KmipError(ResultReason.INVALID_FIELD, entry.name() + " is set by the server");
                default -> {
                    if (known.get().change() == KmipAttribute.Change.NEVER) {
                        throw new KmipError(ResultReason.INVALID_FIELD, entry.name() + " is set by the server");
                    }
                    // Attributes kept as given (KmipAttribute.Storage.ENCODED).
                    attributes = setOrAdd(attributes, known.get(), entry);
                }
            }
        }
        return new Requested(Optional.ofNullable(objectType), Optional.ofNullable(algorithm),
                Optional.ofNullable(length), attributes, Optional.ofNullable(activation),
                Optional.ofNullable(deactivation));
    }

    /** A single-valued attribute given twice keeps the last value; a multi-valued one gets another instance. */
    private static ObjectAttributes setOrAdd(ObjectAttributes attributes, KmipAttribute attribute, Entry entry) {
        if (attribute.change() == KmipAttribute.Change.MULTI) {
            return addText(attributes, entry.name(), encode(entry.value()));
        }
        return attributes.withText(entry.name(), List.of(encode(entry.value())));
    }

    static UsageMask usageMask(Ttlv value) {
        return new UsageMask(Fields.as(value, Ttlv.IntegerItem.class).value());
    }

    static String name(Ttlv value) {
        Structure name = Fields.as(value, Structure.class);
        return Fields.text(name, Tag.NAME_VALUE).orElseThrow(() -> KmipError.missing("Name Value"));
    }

    static ObjectLink link(Ttlv value) {
        Structure link = Fields.as(value, Structure.class);
        LinkType type = Fields.enumeration(link, Tag.LINK_TYPE, LinkType.index())
                .orElseThrow(() -> KmipError.missing("Link Type"));
        String target = Fields.text(link, Tag.LINKED_OBJECT_IDENTIFIER)
                .orElseThrow(() -> KmipError.missing("Linked Object Identifier"));
        return new ObjectLink(linkKind(type), target);
    }

    static String text(Entry entry) {
        return Fields.as(entry.value(), Ttlv.TextItem.class).value();
    }

    private static ObjectAttributes addText(ObjectAttributes attributes, String name, String value) {
        return attributes.withText(name, append(attributes.text().getOrDefault(name, List.of()), value));
    }

    static <T> List<T> append(List<T> list, T value) {
        List<T> more = new ArrayList<>(list);
        more.add(value);
        return more;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Every attribute the object has in the protocol version asked (KMIP 2.x introduced some, which 1.x answers
     * leave out), in a stable order.
     */
    static List<Entry> describe(ManagedObject object, boolean v2, KeyCryptography cryptography) {
        List<Entry> entries = describeAll(object);
        if (v2) {
            entries.removeIf(e -> e.known().filter(KmipAttribute::v1Only).isPresent());
            entries.add(entry(KmipAttribute.SHORT_UNIQUE_IDENTIFIER, 0, new Ttlv.BytesItem(
                    Tag.SHORT_UNIQUE_IDENTIFIER, shortUniqueIdentifier(object, cryptography))));
            keyFormatType(object).ifPresent(format -> entries.add(entry(KmipAttribute.KEY_FORMAT_TYPE, 0, format)));
            // Key material is held in software, in the encrypted store (KMIP 2.1 §4.44).
            entries.add(entry(KmipAttribute.PROTECTION_STORAGE_MASK, 0, new Ttlv.IntegerItem(
                    Tag.PROTECTION_STORAGE_MASK, dev.donjon.kmip.enums.ProtectionStorageMask.SOFTWARE.code())));
            return entries;
        }
        return entries.stream().filter(e -> e.known().filter(KmipAttribute::v2Only).isEmpty())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** KMIP 2.1 §4.56: the SHA-256 hash of the Unique Identifier, 32 bytes. */
    static byte[] shortUniqueIdentifier(ManagedObject object, KeyCryptography cryptography) {
        return cryptography.hash("SHA-256",
                object.id().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static boolean bool(Ttlv value) {
        return Fields.as(value, Ttlv.BooleanItem.class).value();
    }

    /** The value of a Boolean attribute kept encoded, if the object has one. */
    static Optional<Boolean> flag(ObjectAttributes attributes, KmipAttribute attribute) {
        return Optional.ofNullable(attributes.text().get(attribute.v1Name()))
                .map(stored -> Fields.as(storedValue(attribute.v1Name(), stored.getFirst()), Ttlv.BooleanItem.class)
                        .value());
    }

    static ObjectAttributes withFlag(ObjectAttributes attributes, KmipAttribute attribute, boolean value) {
        return attributes.withText(attribute.v1Name(), List.of(flagValue(attribute, value)));
    }

    /** {@link #withFlag} into changes to apply together ({@link ObjectAttributes#withTexts}). */
    static void putFlag(java.util.Map<String, List<String>> changes, KmipAttribute attribute, boolean value) {
        changes.put(attribute.v1Name(), List.of(flagValue(attribute, value)));
    }

    private static String flagValue(KmipAttribute attribute, boolean value) {
        return (value ? TRUE_FLAGS : FALSE_FLAGS).computeIfAbsent(attribute,
                flag -> encode(new Ttlv.BooleanItem(flag.tag(), value)));
    }

    /** The stored form of each flag attribute's two values, encoded once: every Create sets three flags. */
    private static final java.util.Map<KmipAttribute, String> TRUE_FLAGS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<KmipAttribute, String> FALSE_FLAGS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Always Sensitive and Never Extractable after a change (KMIP 1.4 §3.49, §3.51): each stays True only while
     * Sensitive has stayed True, or Extractable False.
     */
    static ObjectAttributes tracked(ObjectAttributes attributes) {
        ObjectAttributes tracked = attributes;
        if (!attributes.protection().sensitive()) {
            tracked = withFlag(tracked, KmipAttribute.ALWAYS_SENSITIVE, false);
        }
        if (attributes.protection().extractable()) {
            tracked = withFlag(tracked, KmipAttribute.NEVER_EXTRACTABLE, false);
        }
        return tracked;
    }

    private static List<Entry> describeAll(ManagedObject object) {
        List<Entry> entries = new ArrayList<>();
        Lifecycle lifecycle = object.lifecycle();
        ObjectAttributes attributes = object.attributes();
        entries.add(entry(KmipAttribute.UNIQUE_IDENTIFIER, 0, new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER,
                object.id().toString())));
        entries.add(entry(KmipAttribute.OBJECT_TYPE, 0, new Ttlv.EnumerationItem(Tag.OBJECT_TYPE,
                objectType(object.secret().type()))));
        algorithm(object.secret().algorithm()).ifPresent(algorithm -> entries.add(entry(
                KmipAttribute.CRYPTOGRAPHIC_ALGORITHM, 0, new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM,
                        algorithm))));
        if (object.secret().bitLength() != null) {
            entries.add(entry(KmipAttribute.CRYPTOGRAPHIC_LENGTH, 0, new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH,
                    object.secret().bitLength())));
        }
        entries.add(entry(KmipAttribute.CRYPTOGRAPHIC_USAGE_MASK, 0, new Ttlv.IntegerItem(
                Tag.CRYPTOGRAPHIC_USAGE_MASK, attributes.usageMask().bits())));
        for (int i = 0; i < attributes.names().size(); i++) {
            entries.add(entry(KmipAttribute.NAME, i, nameValue(attributes.names().get(i))));
        }
        entries.add(entry(KmipAttribute.STATE, 0, new Ttlv.EnumerationItem(Tag.STATE, state(lifecycle.state()))));
        date(entries, KmipAttribute.INITIAL_DATE, object.secret().created());
        date(entries, KmipAttribute.ACTIVATION_DATE, lifecycle.activationDate());
        date(entries, KmipAttribute.DEACTIVATION_DATE, lifecycle.deactivationDate());
        date(entries, KmipAttribute.DESTROY_DATE, lifecycle.destroyDate());
        date(entries, KmipAttribute.COMPROMISE_OCCURRENCE_DATE, lifecycle.compromiseOccurrenceDate());
        date(entries, KmipAttribute.COMPROMISE_DATE, lifecycle.compromiseDate());
        if (lifecycle.revocation() != null) {
            List<Ttlv> reason = new ArrayList<>(List.of(new Ttlv.EnumerationItem(Tag.REVOCATION_REASON_CODE,
                    revocationCode(lifecycle.revocation().reason()))));
            if (lifecycle.revocation().message() != null) {
                reason.add(new Ttlv.TextItem(Tag.REVOCATION_MESSAGE, lifecycle.revocation().message()));
            }
            entries.add(entry(KmipAttribute.REVOCATION_REASON, 0, new Structure(Tag.REVOCATION_REASON, reason)));
        }
        for (int i = 0; i < attributes.links().size(); i++) {
            entries.add(entry(KmipAttribute.LINK, i, linkValue(attributes.links().get(i))));
        }
        date(entries, KmipAttribute.LAST_CHANGE_DATE, object.secret().updated());
        entries.add(entry(KmipAttribute.SENSITIVE, 0, new Ttlv.BooleanItem(Tag.SENSITIVE,
                attributes.protection().sensitive())));
        entries.add(entry(KmipAttribute.EXTRACTABLE, 0, new Ttlv.BooleanItem(Tag.EXTRACTABLE,
                attributes.protection().extractable())));
        attributes.text().forEach((name, values) -> {
            if (ObjectCodec.OBJECT_FIELDS.contains(name)) {
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                entries.add(new Entry(name, i, storedValue(name, values.get(i))));
            }
        });
        if (!attributes.text().containsKey(KmipAttribute.ORIGINAL_CREATION_DATE.v1Name())) {
            date(entries, KmipAttribute.ORIGINAL_CREATION_DATE, object.secret().created());
        }
        // Objects stored over REST never had these set; they always have a value (KMIP 2.1 §4.3, 4.33).
        ObjectAttributes defaults = tracked(attributes);
        for (KmipAttribute flag : List.of(KmipAttribute.ALWAYS_SENSITIVE, KmipAttribute.NEVER_EXTRACTABLE)) {
            if (!attributes.text().containsKey(flag.v1Name())) {
                entries.add(entry(flag, 0, new Ttlv.BooleanItem(flag.tag(), flag(defaults, flag).orElse(false))));
            }
        }
        return entries;
    }

    static Ttlv nameValue(String name) {
        return new Structure(Tag.NAME, new Ttlv.TextItem(Tag.NAME_VALUE, name),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING));
    }

    static Ttlv linkValue(ObjectLink link) {
        return new Structure(Tag.LINK, new Ttlv.EnumerationItem(Tag.LINK_TYPE, linkType(link.kind())),
                new Ttlv.TextItem(Tag.LINKED_OBJECT_IDENTIFIER, link.target()));
    }

    /**
     * The 2.x Key Format Type attribute of a key or secret data: the format its mandatory digest was computed in,
     * which Get can serve (KMIP 1.4 §3.17).
     */
    static Optional<Ttlv> keyFormatType(ManagedObject object) {
        return Optional.ofNullable(object.attributes().text().get(KmipAttribute.DIGEST.v1Name()))
                .flatMap(values -> values.stream().findFirst())
                .map(stored -> storedValue(KmipAttribute.DIGEST.v1Name(), stored))
                .flatMap(digest -> ((Structure) digest).find(Tag.KEY_FORMAT_TYPE));
    }

    /** A stored text attribute as KMIP: decoded for the attributes kept encoded, a Text String otherwise. */
    static Ttlv storedValue(String name, String stored) {
        Optional<KmipAttribute> known = KmipAttribute.byV1Name(name);
        if (known.isPresent() && known.get().storage() == KmipAttribute.Storage.ENCODED) {
            try {
                return TtlvBinary.decode(HexFormat.of().parseHex(stored)).withTag(known.get().tag().code());
            } catch (TtlvException | IllegalArgumentException e) {
                throw new IllegalStateException("stored attribute " + name + " does not decode", e);
            }
        }
        if (known.isEmpty() && stored.startsWith(ENCODED_CUSTOM)) {
            try {
                return TtlvBinary.decode(HexFormat.of().parseHex(stored.substring(ENCODED_CUSTOM.length())))
                        .withTag(Tag.ATTRIBUTE_VALUE.code());
            } catch (TtlvException | IllegalArgumentException e) {
                throw new IllegalStateException("stored attribute " + name + " does not decode", e);
            }
        }
        return new Ttlv.TextItem(known.map(k -> k.tag().code()).orElse(Tag.ATTRIBUTE_VALUE.code()), stored);
    }

    /**
     * A custom (vendor) attribute's stored form: its text when it is a Text String, otherwise its TTLV encoding
     * behind {@link #ENCODED_CUSTOM}; a text that itself starts with that prefix is kept encoded too, so the two
     * forms never mix up.
     */
    static String custom(Ttlv value) {
        if (value instanceof Ttlv.TextItem text && !text.value().startsWith(ENCODED_CUSTOM)) {
            return text.value();
        }
        return ENCODED_CUSTOM + encode(value);
    }

    static final String ENCODED_CUSTOM = "ttlv:";

    /** How an attribute kept encoded is stored: its TTLV encoding in hex. */
    static String encode(Ttlv value) {
        return HexFormat.of().formatHex(TtlvBinary.encode(value));
    }

    /** The stored form of an attribute value: text, or the encoding of an attribute kept encoded. */
    static String stored(Entry entry) {
        return entry.known().filter(k -> k.storage() == KmipAttribute.Storage.ENCODED).isPresent()
                ? encode(entry.value()) : text(entry);
    }

    private static Entry entry(KmipAttribute attribute, int index, Ttlv value) {
        return new Entry(attribute.v1Name(), index, value);
    }

    private static void date(List<Entry> entries, KmipAttribute attribute, Instant date) {
        if (date != null) {
            entries.add(entry(attribute, 0, new Ttlv.DateTimeItem(attribute.tag(), date)));
        }
    }

    // ---------------------------------------------------------------- enumeration mappings

    static ObjectType objectType(SecretType type) {
        return switch (type) {
            case SYMMETRIC -> ObjectType.SYMMETRIC_KEY;
            case PUBLIC -> ObjectType.PUBLIC_KEY;
            case PRIVATE -> ObjectType.PRIVATE_KEY;
            case PASSPHRASE -> ObjectType.SECRET_DATA;
            case CERTIFICATE -> ObjectType.CERTIFICATE;
            case OPAQUE -> ObjectType.OPAQUE_OBJECT;
            case SPLIT_KEY -> ObjectType.SPLIT_KEY;
            case TEMPLATE -> ObjectType.TEMPLATE;
        };
    }

    static Optional<SecretType> secretType(ObjectType type) {
        return Optional.ofNullable(switch (type) {
            case SYMMETRIC_KEY -> SecretType.SYMMETRIC;
            case PUBLIC_KEY -> SecretType.PUBLIC;
            case PRIVATE_KEY -> SecretType.PRIVATE;
            case SECRET_DATA -> SecretType.PASSPHRASE;
            case CERTIFICATE -> SecretType.CERTIFICATE;
            case OPAQUE_OBJECT -> SecretType.OPAQUE;
            case SPLIT_KEY -> SecretType.SPLIT_KEY;
            case TEMPLATE -> SecretType.TEMPLATE;
            case PGP_KEY, CERTIFICATE_REQUEST -> null;
        });
    }

    /**
     * Barbican's lower-case algorithm name for a KMIP algorithm: "aes", "rsa", "ec", and "hmacsha256" as Barbican
     * orders spell HMAC; other algorithms by their lower-cased KMIP name.
     */
    static String algorithmName(CryptographicAlgorithm algorithm) {
        return algorithm.specName().toLowerCase(Locale.ROOT).replace("hmac_sha", "hmacsha");
    }

    /** The KMIP algorithm of a stored name, from either protocol; empty when KMIP has none for it. */
    static Optional<CryptographicAlgorithm> algorithm(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (CryptographicAlgorithm algorithm : CryptographicAlgorithm.values()) {
            if (algorithmName(algorithm).equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    static State state(LifecycleState state) {
        return switch (state) {
            case PRE_ACTIVE -> State.PRE_ACTIVE;
            case ACTIVE -> State.ACTIVE;
            case DEACTIVATED -> State.DEACTIVATED;
            case COMPROMISED -> State.COMPROMISED;
            case DESTROYED -> State.DESTROYED;
            case DESTROYED_COMPROMISED -> State.DESTROYED_COMPROMISED;
        };
    }

    static LifecycleState lifecycleState(State state) {
        return switch (state) {
            case PRE_ACTIVE -> LifecycleState.PRE_ACTIVE;
            case ACTIVE -> LifecycleState.ACTIVE;
            case DEACTIVATED -> LifecycleState.DEACTIVATED;
            case COMPROMISED -> LifecycleState.COMPROMISED;
            case DESTROYED -> LifecycleState.DESTROYED;
            case DESTROYED_COMPROMISED -> LifecycleState.DESTROYED_COMPROMISED;
        };
    }

    static RevocationReason revocationReason(RevocationReasonCode code) {
        return switch (code) {
            case UNSPECIFIED -> RevocationReason.UNSPECIFIED;
            case KEY_COMPROMISE -> RevocationReason.KEY_COMPROMISE;
            case CA_COMPROMISE -> RevocationReason.CA_COMPROMISE;
            case AFFILIATION_CHANGED -> RevocationReason.AFFILIATION_CHANGED;
            case SUPERSEDED -> RevocationReason.SUPERSEDED;
            case CESSATION_OF_OPERATION -> RevocationReason.CESSATION_OF_OPERATION;
            case PRIVILEGE_WITHDRAWN -> RevocationReason.PRIVILEGE_WITHDRAWN;
        };
    }

    static RevocationReasonCode revocationCode(RevocationReason reason) {
        return switch (reason) {
            case UNSPECIFIED -> RevocationReasonCode.UNSPECIFIED;
            case KEY_COMPROMISE -> RevocationReasonCode.KEY_COMPROMISE;
            case CA_COMPROMISE -> RevocationReasonCode.CA_COMPROMISE;
            case AFFILIATION_CHANGED -> RevocationReasonCode.AFFILIATION_CHANGED;
            case SUPERSEDED -> RevocationReasonCode.SUPERSEDED;
            case CESSATION_OF_OPERATION -> RevocationReasonCode.CESSATION_OF_OPERATION;
            case PRIVILEGE_WITHDRAWN -> RevocationReasonCode.PRIVILEGE_WITHDRAWN;
        };
    }

    static LinkKind linkKind(LinkType type) {
        return switch (type) {
            case CERTIFICATE_LINK -> LinkKind.CERTIFICATE;
            case PUBLIC_KEY_LINK -> LinkKind.PUBLIC_KEY;
            case PRIVATE_KEY_LINK -> LinkKind.PRIVATE_KEY;
            case DERIVATION_BASE_OBJECT_LINK -> LinkKind.DERIVATION_BASE_OBJECT;
            case DERIVED_KEY_LINK -> LinkKind.DERIVED_KEY;
            case REPLACEMENT_OBJECT_LINK -> LinkKind.REPLACEMENT_OBJECT;
            case REPLACED_OBJECT_LINK -> LinkKind.REPLACED_OBJECT;
            case PARENT_LINK -> LinkKind.PARENT;
            case CHILD_LINK -> LinkKind.CHILD;
            case PREVIOUS_LINK -> LinkKind.PREVIOUS;
            case NEXT_LINK -> LinkKind.NEXT;
            case PKCS_12_CERTIFICATE_LINK -> LinkKind.PKCS12_CERTIFICATE;
            case PKCS_12_PASSWORD_LINK -> LinkKind.PKCS12_PASSWORD;
            case WRAPPING_KEY_LINK -> LinkKind.WRAPPING_KEY;
        };
    }

    static LinkType linkType(LinkKind kind) {
        return switch (kind) {
            case CERTIFICATE -> LinkType.CERTIFICATE_LINK;
            case PUBLIC_KEY -> LinkType.PUBLIC_KEY_LINK;
            case PRIVATE_KEY -> LinkType.PRIVATE_KEY_LINK;
            case DERIVATION_BASE_OBJECT -> LinkType.DERIVATION_BASE_OBJECT_LINK;
            case DERIVED_KEY -> LinkType.DERIVED_KEY_LINK;
            case REPLACEMENT_OBJECT -> LinkType.REPLACEMENT_OBJECT_LINK;
            case REPLACED_OBJECT -> LinkType.REPLACED_OBJECT_LINK;
            case PARENT -> LinkType.PARENT_LINK;
            case CHILD -> LinkType.CHILD_LINK;
            case PREVIOUS -> LinkType.PREVIOUS_LINK;
            case NEXT -> LinkType.NEXT_LINK;
            case PKCS12_CERTIFICATE -> LinkType.PKCS_12_CERTIFICATE_LINK;
            case PKCS12_PASSWORD -> LinkType.PKCS_12_PASSWORD_LINK;
            case WRAPPING_KEY -> LinkType.WRAPPING_KEY_LINK;
        };
    }
}
