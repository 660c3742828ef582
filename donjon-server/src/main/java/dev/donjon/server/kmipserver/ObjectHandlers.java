package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectGroupMemberOption;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.server.crypto.Primitives;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.KeyGenerator;
import dev.donjon.server.domain.KeyProtection;
import dev.donjon.server.domain.KeyService;
import dev.donjon.server.domain.KeyUsage;
import dev.donjon.server.domain.Lifecycle;
import dev.donjon.server.domain.LifecycleState;
import dev.donjon.server.domain.LinkKind;
import dev.donjon.server.domain.LocateCriterion;
import dev.donjon.server.domain.LocateQuery;
import dev.donjon.server.domain.ManagedObject;
import dev.donjon.server.domain.NewObject;
import dev.donjon.server.domain.ObjectAttributes;
import dev.donjon.server.domain.ObjectLink;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.PayloadContentType;
import dev.donjon.server.domain.Plaintext;
import dev.donjon.server.domain.Revocation;
import dev.donjon.server.domain.SecretId;
import dev.donjon.server.domain.SecretType;
import dev.donjon.server.domain.UsageMask;
import dev.donjon.server.kmipserver.AttributeCodec.Entry;
import dev.donjon.server.kmipserver.AttributeCodec.Requested;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The operations on managed objects and their attributes, each a thin mapping onto {@link KeyService}. */
final class ObjectHandlers {
    /** Locate without Maximum Items returns at most this many identifiers, so that no request reads a whole project. */
    static final int DEFAULT_MAXIMUM_ITEMS = 1000;

    private static final ProtocolVersion V2 = ProtocolVersion.V2_1;

    private final KeyService keys;
    private final java.time.Clock clock;
    private final java.time.Duration leaseTime;

    /** @param leaseTime what Obtain Lease grants; zero for no lease limit */
    ObjectHandlers(KeyService keys, java.time.Clock clock, java.time.Duration leaseTime) {
        this.keys = keys;
        this.clock = clock;
        this.leaseTime = leaseTime;
    }

    List<Ttlv> create(Exchange exchange, Structure payload) {
        ObjectType type = Fields.enumeration(payload, Tag.OBJECT_TYPE, ObjectType.index())
                .orElseThrow(() -> KmipError.missing("Object Type"));
        if (type != ObjectType.SYMMETRIC_KEY) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Create makes symmetric keys; use Create Key Pair");
        }
        Requested requested = AttributeCodec.requested(templateEntries(payload, Tag.TEMPLATE_ATTRIBUTE,
                Tag.ATTRIBUTES));
        CryptographicAlgorithm algorithm = requested.algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = requested.length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        KeyGenerator.SymmetricAlgorithm generated = symmetricGenerator(algorithm);
        ManagedObject created = keys.createSymmetric(exchange.call(), newObject(SecretType.SYMMETRIC, requested,
                algorithm, length, Origin.GENERATED), generated, length);
        exchange.placeholder(created.id());
        return List.of(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, type), uid(created.id()));
    }

    List<Ttlv> createKeyPair(Exchange exchange, Structure payload) {
        List<Entry> common = templateEntries(payload, Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES);
        List<Entry> privateEntries = new ArrayList<>(common);
        privateEntries.addAll(templateEntries(payload, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
                Tag.PRIVATE_KEY_ATTRIBUTES));
        List<Entry> publicEntries = new ArrayList<>(common);
        publicEntries.addAll(templateEntries(payload, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES));
        Requested forPrivate = AttributeCodec.requested(withoutObjectType(privateEntries));
        Requested forPublic = AttributeCodec.requested(withoutObjectType(publicEntries));
        CryptographicAlgorithm algorithm = forPrivate.algorithm().or(forPublic::algorithm)
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = forPrivate.length().or(forPublic::length)
                .orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        KeyGenerator.AsymmetricAlgorithm generated = asymmetricGenerator(algorithm);
        KeyService.KeyPairObjects pair = keys.createKeyPair(exchange.call(),
                newObject(SecretType.PRIVATE, forPrivate, algorithm, length, Origin.GENERATED),
                newObject(SecretType.PUBLIC, forPublic, algorithm, length, Origin.GENERATED), generated, length);
        exchange.placeholder(pair.privateKey().id());
        return List.of(new Ttlv.TextItem(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, pair.privateKey().id().toString()),
                new Ttlv.TextItem(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, pair.publicKey().id().toString()));
    }

    private static KeyGenerator.SymmetricAlgorithm symmetricGenerator(CryptographicAlgorithm algorithm) {
        return switch (algorithm) {
            case AES -> KeyGenerator.SymmetricAlgorithm.AES;
            case DES3 -> KeyGenerator.SymmetricAlgorithm.DES3;
            case HMAC_SHA1 -> KeyGenerator.SymmetricAlgorithm.HMAC_SHA1;
            case HMAC_SHA256 -> KeyGenerator.SymmetricAlgorithm.HMAC_SHA256;
            case HMAC_SHA384 -> KeyGenerator.SymmetricAlgorithm.HMAC_SHA384;
            case HMAC_SHA512 -> KeyGenerator.SymmetricAlgorithm.HMAC_SHA512;
            case IDEA -> KeyGenerator.SymmetricAlgorithm.IDEA;
            case CAMELLIA -> KeyGenerator.SymmetricAlgorithm.CAMELLIA;
            default -> throw KmipError.invalidField(algorithm.specName() + " keys cannot be created here");
        };
    }

    private static KeyGenerator.AsymmetricAlgorithm asymmetricGenerator(CryptographicAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA -> KeyGenerator.AsymmetricAlgorithm.RSA;
            case DSA -> KeyGenerator.AsymmetricAlgorithm.DSA;
            case EC, ECDSA -> KeyGenerator.AsymmetricAlgorithm.EC;
            default -> throw KmipError.invalidField(algorithm.specName() + " key pairs cannot be created here");
        };
    }

    /**
     * Re-key (KMIP 1.4 §4.4, 2.1 §6.1.45): a new symmetric key generated with the existing key's attributes, which
     * takes over its names; the existing key links to it as its Replacement Object, it to the existing key as its
     * Replaced Object. Dates follow the Offset rules (see {@link Replacement}).
     */
    List<Ttlv> reKey(Exchange exchange, Structure payload) {
        SecretId existingId = exchange.uid(payload);
        ManagedObject existing = keys.get(exchange.call(), existingId);
        if (existing.secret().type() != SecretType.SYMMETRIC) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Re-key replaces symmetric keys");
        }
        Replacement replacement = replacement(exchange, payload, existing,
                templateEntries(payload, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
        CryptographicAlgorithm algorithm = replacement.requested().algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = replacement.requested().length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        ManagedObject created = keys.reKey(exchange.call(), existingId, newObject(SecretType.SYMMETRIC,
                replacement.requested(), algorithm, length, Origin.GENERATED), symmetricGenerator(algorithm), length);
        exchange.placeholder(created.id());
        return List.of(uid(created.id()));
    }

    /**
     * Re-key Key Pair (KMIP 1.4 §4.5, 2.1 §6.1.46): as {@link #reKey} for both halves of a pair, the public half found
     * through the private key's Public Key link.
     */
    List<Ttlv> reKeyKeyPair(Exchange exchange, Structure payload) {
        SecretId privateId = Fields.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER)
                .map(exchange::parseUid)
                .orElseGet(() -> exchange.uid(new Structure(Tag.REQUEST_PAYLOAD, List.of())));
        ManagedObject existingPrivate = keys.get(exchange.call(), privateId);
        if (existingPrivate.secret().type() != SecretType.PRIVATE) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Re-key Key Pair replaces a private key's pair");
        }
        ManagedObject existingPublic = existingPrivate.attributes().links().stream()
                .filter(link -> link.kind() == LinkKind.PUBLIC_KEY)
                .findFirst()
                .flatMap(link -> SecretId.parse(link.target()))
                .map(id -> keys.get(exchange.call(), id))
                .orElseThrow(() -> new KmipError(ResultReason.ITEM_NOT_FOUND, "the private key has no public key"));
        List<Entry> common = templateEntries(payload, Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES);
        List<Entry> privateEntries = new ArrayList<>(common);
        privateEntries.addAll(templateEntries(payload, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
                Tag.PRIVATE_KEY_ATTRIBUTES));
        List<Entry> publicEntries = new ArrayList<>(common);
        publicEntries.addAll(templateEntries(payload, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES));
        Replacement forPrivate = replacement(exchange, payload, existingPrivate, withoutObjectType(privateEntries));
        Replacement forPublic = replacement(exchange, payload, existingPublic, withoutObjectType(publicEntries));
        CryptographicAlgorithm algorithm = forPrivate.requested().algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = forPrivate.requested().length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        KeyService.KeyPairObjects pair = keys.reKeyPair(exchange.call(), existingPrivate.id(), existingPublic.id(),
                newObject(SecretType.PRIVATE, forPrivate.requested(), algorithm, length, Origin.GENERATED),
                newObject(SecretType.PUBLIC, forPublic.requested(), algorithm, length, Origin.GENERATED),
                asymmetricGenerator(algorithm), length);
        exchange.placeholder(pair.privateKey().id());
        return List.of(new Ttlv.TextItem(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, pair.privateKey().id().toString()),
                new Ttlv.TextItem(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, pair.publicKey().id().toString()));
    }

    /** What a replacement key is created with. */
    private record Replacement(Requested requested) {
    }

    /**
     * The replacement of {@code existing} (KMIP 1.4 Tables 172–173): its attributes copied, except those the server
     * sets (dates, digest, Random Number Generator, Fresh, Always Sensitive, Never Extractable, Lease Time, state)
     * and its links, which become one Replaced Object link; the Usage Limits Count starts again at the Total. Without
     * an Offset the Activation, Deactivation, Process Start and Protect Stop Dates are copied; with one the Activation
     * Date is now + Offset (a future one leaves the replacement Pre-Active until then) and the other three move by as
     * much as the Activation Date did. The request's attributes, if any, win over the copied ones.
     */
    private Replacement replacement(Exchange exchange, Structure payload, ManagedObject existing,
                                    List<Entry> overrides) {
        if (existing.state().isDestroyed()) {
            throw new DomainException.Conflict(DomainException.Clash.WRONG_STATE);
        }
        Optional<Long> offset = payload.find(Tag.OFFSET).map(item -> switch (item) {
            case Ttlv.IntervalItem interval -> interval.seconds();
            case Ttlv.IntegerItem integer -> (long) integer.value();
            default -> throw KmipError.invalidField("Offset must be an Interval");
        });
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // Dates travel in whole seconds: the shift is computed between dates as the client sees them.
        java.time.Instant oldActivation = Optional.ofNullable(existing.lifecycle().activationDate())
                .map(date -> date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).orElse(null);
        java.time.Instant activation = offset.map(now::plusSeconds).orElse(oldActivation);
        java.time.Duration shift = offset.isPresent() && oldActivation != null
                ? java.time.Duration.between(oldActivation, activation) : java.time.Duration.ZERO;
        ObjectAttributes copied = existing.attributes().withLinks(List.of(new ObjectLink(
                LinkKind.REPLACED_OBJECT, existing.id().toString())));
        // Set anew for the replacement: the digest and generator of its own key material, and the attributes the
        // server keeps about the object's history (a new key is fresh, and has always been as sensitive as it is).
        for (KmipAttribute serverSet : List.of(KmipAttribute.DIGEST, KmipAttribute.RANDOM_NUMBER_GENERATOR,
                KmipAttribute.FRESH, KmipAttribute.ALWAYS_SENSITIVE, KmipAttribute.NEVER_EXTRACTABLE,
                KmipAttribute.LEASE_TIME)) {
            copied = copied.withText(serverSet.v1Name(), List.of());
        }
        for (KmipAttribute date : List.of(KmipAttribute.PROCESS_START_DATE, KmipAttribute.PROTECT_STOP_DATE)) {
            List<String> shifted = new ArrayList<>();
            for (String stored : copied.text().getOrDefault(date.v1Name(), List.of())) {
                java.time.Instant value = Fields.dateTime(AttributeCodec.storedValue(date.v1Name(), stored));
                shifted.add(AttributeCodec.encode(new Ttlv.DateTimeItem(date.tag(), value.plus(shift))));
            }
            copied = copied.withText(date.v1Name(), shifted);
        }
        String limitsName = KmipAttribute.USAGE_LIMITS.v1Name();
        List<String> limits = copied.text().getOrDefault(limitsName, List.of());
        if (!limits.isEmpty()) {
            Structure stored = (Structure) AttributeCodec.storedValue(limitsName, limits.getFirst());
            List<Ttlv> children = new ArrayList<>();
            for (Ttlv child : stored.children()) {
                if (child.tag() != Tag.USAGE_LIMITS_COUNT.code()) {
                    children.add(child);
                }
            }
            stored.find(Tag.USAGE_LIMITS_TOTAL).ifPresent(total -> children.add(
                    total.withTag(Tag.USAGE_LIMITS_COUNT.code())));
            copied = copied.withText(limitsName, List.of(AttributeCodec.encode(
                    new Structure(Tag.USAGE_LIMITS, children))));
        }
        Requested asked = AttributeCodec.requested(overrides);
        boolean maskAsked = overrides.stream().anyMatch(e -> e.known()
                .filter(k -> k == KmipAttribute.CRYPTOGRAPHIC_USAGE_MASK).isPresent());
        if (maskAsked) {
            copied = copied.withUsageMask(asked.attributes().usageMask());
        }
        if (!asked.attributes().names().isEmpty()) {
            copied = copied.withNames(asked.attributes().names());
        }
        for (var link : asked.attributes().links()) {
            copied = copied.withLink(link);
        }
        for (var text : asked.attributes().text().entrySet()) {
            copied = copied.withText(text.getKey(), text.getValue());
        }
        Optional<CryptographicAlgorithm> algorithm = asked.algorithm()
                .or(() -> AttributeCodec.algorithm(existing.secret().algorithm()));
        Optional<Integer> length = asked.length().or(() -> Optional.ofNullable(existing.secret().bitLength()));
        Optional<java.time.Instant> deactivation = Optional.ofNullable(existing.lifecycle().deactivationDate())
                .map(date -> date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plus(shift));
        return new Replacement(new Requested(Optional.empty(), algorithm, length, copied,
                asked.activationDate().or(() -> Optional.ofNullable(activation)),
                asked.deactivationDate().or(() -> deactivation)));
    }

    /** The existing key after its replacement: its names go to the replacement, and it links to it. */
    List<Ttlv> register(Exchange exchange, Structure payload) {
        ObjectType type = Fields.enumeration(payload, Tag.OBJECT_TYPE, ObjectType.index())
                .orElseThrow(() -> KmipError.missing("Object Type"));
        Requested requested = AttributeCodec.requested(templateEntries(payload, Tag.TEMPLATE_ATTRIBUTE,
                Tag.ATTRIBUTES));
        ObjectCodec.Material material = ObjectCodec.read(type, payload);
        NewObject spec = carried(type, material, requested);
        try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
            ManagedObject registered = keys.register(exchange.call(), spec, clear);
            exchange.placeholder(registered.id());
            return List.of(uid(registered.id()));
        } finally {
            java.util.Arrays.fill(material.bytes(), (byte) 0);
        }
    }

    /**
     * The object Register or Import stores: the material the payload carries, described by what the client asked for
     * and what the material itself says (algorithm, length, certificate fields), the client's word winning.
     */
    private NewObject carried(ObjectType type, ObjectCodec.Material material, Requested requested) {
        Requested described = withDerived(requested, material.derived());
        CryptographicAlgorithm algorithm = described.algorithm().or(material::algorithm).orElse(null);
        Integer length = described.length().or(material::length).orElse(
                type == ObjectType.SYMMETRIC_KEY ? material.bytes().length * 8 : null);
        return newObject(material.type(), described, algorithm, length, new Origin(false, material.format()));
    }

    /**
     * Export (KMIP 2.1 §6.1.18): Get with all of the object's attributes. A destroyed object has no key material to
     * return, so its answer carries the attributes only.
     */
    List<Ttlv> export(Exchange exchange, Structure payload) {
        requireV2(exchange, "Export");
        SecretId id = exchange.uid(payload);
        ManagedObject object = keys.get(exchange.call(), id);
        List<Ttlv> attributes = AttributeCodec.describe(object, true).stream().map(AttributeCodec::encodeV2).toList();
        Structure all = new Structure(Tag.ATTRIBUTES, attributes);
        exchange.placeholder(object.id());
        if (object.state().isDestroyed()) {
            return List.of(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, AttributeCodec.objectType(object.secret().type())),
                    uid(object.id()), all);
        }
        List<Ttlv> got = new ArrayList<>(get(exchange, payload));
        got.add(2, all);
        return got;
    }

    /**
     * Import (KMIP 2.1 §6.1.25): Register under the client's Unique Identifier (a UUID here), in the caller's project,
     * with the attributes it supplies, the State and lifecycle dates included; Replace Existing replaces the caller's
     * object of that identifier, otherwise an existing one is Object Already Exists. The server still computes the
     * Digest and sets the Initial and Last Change Dates; destroyed objects and wrapped key material are not imported.
     */
    List<Ttlv> importObject(Exchange exchange, Structure payload) {
        requireV2(exchange, "Import");
        String identifier = Fields.text(payload, Tag.UNIQUE_IDENTIFIER)
                .orElseThrow(() -> KmipError.missing("Unique Identifier"));
        SecretId id = SecretId.parse(identifier).orElseThrow(() -> KmipError.invalidField(
                "Donjon's unique identifiers are UUIDs"));
        ObjectType type = Fields.enumeration(payload, Tag.OBJECT_TYPE, ObjectType.index())
                .orElseThrow(() -> KmipError.missing("Object Type"));
        boolean replace = Fields.bool(payload, Tag.REPLACE_EXISTING).orElse(false);
        List<Entry> entries = AttributeCodec.read(Fields.requiredStructure(payload, Tag.ATTRIBUTES));
        List<Entry> rest = new ArrayList<>();
        java.util.Map<KmipAttribute, Ttlv> lifecycle = new java.util.EnumMap<>(KmipAttribute.class);
        for (Entry entry : entries) {
            KmipAttribute known = entry.known().orElse(null);
            if (known == null) {
                rest.add(entry);
                continue;
            }
            switch (known) {
                case UNIQUE_IDENTIFIER -> {
                    if (!identifier.equals(AttributeCodec.text(entry))) {
                        throw KmipError.invalidField("the Unique Identifier attribute contradicts the request");
                    }
                }
                case DIGEST -> {
                    // Set by the server from what it stores.
                }
                case STATE, ACTIVATION_DATE, DEACTIVATION_DATE, DESTROY_DATE, COMPROMISE_OCCURRENCE_DATE,
                     COMPROMISE_DATE, REVOCATION_REASON -> lifecycle.put(known, entry.value());
                default -> {
                    // What the server sets (dates, identifiers, what it reads from the object) it sets anew.
                    if (known.change() != KmipAttribute.Change.NEVER) {
                        rest.add(entry);
                    }
                }
            }
        }
        Requested requested = AttributeCodec.requested(rest);
        Lifecycle given = importedLifecycle(lifecycle);
        if (given == null && lifecycle.containsKey(KmipAttribute.ACTIVATION_DATE)) {
            requested = new Requested(requested.objectType(), requested.algorithm(), requested.length(),
                    requested.attributes(), Optional.of(Fields.dateTime(lifecycle.get(KmipAttribute.ACTIVATION_DATE))),
                    requested.deactivationDate());
        }
        ObjectCodec.Material material = ObjectCodec.read(type, payload);
        NewObject spec = carried(type, material, requested);
        try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
            ManagedObject imported = keys.importObject(exchange.call(), id, spec, clear, given, replace);
            exchange.placeholder(imported.id());
            return List.of(uid(imported.id()));
        } catch (KeyService.IdentifierTaken e) {
            throw new KmipError(ResultReason.OBJECT_ALREADY_EXISTS, e.getMessage());
        } finally {
            java.util.Arrays.fill(material.bytes(), (byte) 0);
        }
    }

    /**
     * The lifecycle an Import gives, when it names the State; {@code null} without one (then only an Activation Date
     * may come, as for Register). Destroyed objects are not imported.
     */
    private static Lifecycle importedLifecycle(java.util.Map<KmipAttribute, Ttlv> given) {
        java.util.function.Function<KmipAttribute, java.time.Instant> date = attribute -> Optional.ofNullable(
                given.get(attribute)).map(Fields::dateTime).map(d -> d.truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .orElse(null);
        if (!given.containsKey(KmipAttribute.STATE)) {
            if (given.keySet().stream().anyMatch(k -> k != KmipAttribute.ACTIVATION_DATE)) {
                throw KmipError.invalidField("an import with lifecycle dates or a revocation needs the State");
            }
            return null;
        }
        LifecycleState state = AttributeCodec.lifecycleState(
                Fields.enumeration(given.get(KmipAttribute.STATE), State.index()));
        if (state.isDestroyed() || given.containsKey(KmipAttribute.DESTROY_DATE)) {
            throw KmipError.invalidField("destroyed objects are not imported");
        }
        Revocation revocation = Optional.ofNullable(given.get(KmipAttribute.REVOCATION_REASON)).map(value -> {
            Structure reason = Fields.as(value, Structure.class);
            RevocationReasonCode code = Fields.enumeration(reason, Tag.REVOCATION_REASON_CODE,
                    RevocationReasonCode.index()).orElseThrow(() -> KmipError.missing("Revocation Reason Code"));
            return new Revocation(AttributeCodec.revocationReason(code),
                    Fields.text(reason, Tag.REVOCATION_MESSAGE).orElse(null));
        }).orElse(null);
        return new Lifecycle(state, date.apply(KmipAttribute.ACTIVATION_DATE),
                date.apply(KmipAttribute.DEACTIVATION_DATE), null,
                date.apply(KmipAttribute.COMPROMISE_OCCURRENCE_DATE), date.apply(KmipAttribute.COMPROMISE_DATE),
                revocation);
    }

    private static void requireV2(Exchange exchange, String operation) {
        if (!exchange.v2()) {
            throw new KmipError(ResultReason.OPERATION_NOT_SUPPORTED, operation + " is a KMIP 2 operation");
        }
    }

    List<Ttlv> get(Exchange exchange, Structure payload) {
        Optional<Structure> wrapping = Fields.structure(payload, Tag.KEY_WRAPPING_SPECIFICATION);
        Optional<KeyFormatType> requested = Fields.enumeration(payload, Tag.KEY_FORMAT_TYPE, KeyFormatType.index());
        // Sensitive and Extractable are the domain's KeyProtection, which refuses here as it does over REST.
        try (KeyService.Revealed revealed = keys.reveal(exchange.call(), exchange.uid(payload), wrapping.isPresent()
                ? KeyProtection.Exposure.WRAPPED : KeyProtection.Exposure.CLEAR)) {
            ManagedObject object = revealed.object();
            // Without a Key Format Type, a symmetric key or secret data comes back as it was registered (Raw, Opaque or
            // Transparent); other objects in their stored form (ObjectCodec).
            boolean servedAsRegistered = object.secret().type() == SecretType.SYMMETRIC
                    || object.secret().type() == SecretType.PASSPHRASE;
            Optional<KeyFormatType> format = requested.or(() -> !servedAsRegistered
                    ? Optional.empty() : AttributeCodec.keyFormatType(object)
                    .map(item -> Fields.enumeration(item, KeyFormatType.index())));
            Ttlv served = ObjectCodec.write(object, revealed.material().bytes(), format);
            if (wrapping.isPresent()) {
                served = wrapped(exchange, (Structure) served, wrapping.get());
            }
            if (AttributeCodec.flag(object.attributes(), KmipAttribute.FRESH).orElse(false)) {
                // Fresh until the key material is first served (KMIP 1.4 §3.34, 2.1 §4.24).
                keys.recordServed(exchange.call(), object.id(),
                        attributes -> AttributeCodec.withFlag(attributes, KmipAttribute.FRESH, false));
            }
            return List.of(new Ttlv.EnumerationItem(Tag.OBJECT_TYPE, AttributeCodec.objectType(object.secret().type())),
                    uid(object.id()), served);
        }
    }

    /**
     * The object with its Key Value wrapped (KMIP 1.4 §2.1.5): Wrapping Method Encrypt with an AES key that permits
     * Wrap Key, under NIST Key Wrap (RFC 3394). The wrapped value is the TTLV-encoded Key Value unless the Encoding
     * Option says No Encoding (then the bare key material, kept in its Key Value structure). MAC/signature wrapping and wrapped attributes are not
     * supported.
     */
    private Ttlv wrapped(Exchange exchange, Structure object, Structure specification) {
        dev.donjon.kmip.enums.WrappingMethod method = Fields.enumeration(specification, Tag.WRAPPING_METHOD,
                dev.donjon.kmip.enums.WrappingMethod.index()).orElseThrow(() -> KmipError.missing("Wrapping Method"));
        if (method != dev.donjon.kmip.enums.WrappingMethod.ENCRYPT
                || specification.find(Tag.MAC_SIGNATURE_KEY_INFORMATION).isPresent()
                || specification.find(Tag.ATTRIBUTE_NAME).isPresent()) {
            throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "only Encrypt wrapping is supported");
        }
        Structure keyInformation = Fields.requiredStructure(specification, Tag.ENCRYPTION_KEY_INFORMATION);
        Optional<dev.donjon.kmip.enums.EncodingOption> encoding = Fields.enumeration(specification,
                Tag.ENCODING_OPTION, dev.donjon.kmip.enums.EncodingOption.index());
        Structure keyBlock = object.find(Tag.KEY_BLOCK, Structure.class).orElseThrow(() -> new KmipError(
                ResultReason.INVALID_OBJECT_TYPE, "only objects with a key block can be wrapped"));
        Structure keyValue = keyBlock.find(Tag.KEY_VALUE, Structure.class).orElseThrow();
        boolean unencoded = encoding.orElse(dev.donjon.kmip.enums.EncodingOption.TTLV_ENCODING)
                == dev.donjon.kmip.enums.EncodingOption.NO_ENCODING;
        byte[] clear = unencoded
                ? Fields.requiredBytes(keyValue, Tag.KEY_MATERIAL)
                : dev.donjon.kmip.TtlvBinary.encode(keyValue);
        SecretId wrappingId = exchange.uid(keyInformation);
        byte[] wrappedValue;
        try (KeyService.Revealed kek = keys.use(exchange.call(), wrappingId, KeyUsage.WRAP_KEY)) {
            if (kek.object().secret().type() != SecretType.SYMMETRIC || !"aes".equals(kek.object().secret().algorithm())) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "the wrapping key must be an AES key");
            }
            Optional<Structure> parameters = Fields.structure(keyInformation, Tag.CRYPTOGRAPHIC_PARAMETERS);
            parameters.flatMap(p -> Fields.enumeration(p, Tag.BLOCK_CIPHER_MODE,
                            dev.donjon.kmip.enums.BlockCipherMode.index()))
                    .filter(mode -> mode != dev.donjon.kmip.enums.BlockCipherMode.NISTKEYWRAP)
                    .ifPresent(mode -> {
                        throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED,
                                mode.specName() + " wrapping is not supported");
                    });
            wrappedValue = Primitives.aesKeyWrap(kek.material().bytes(), clear);
        } finally {
            java.util.Arrays.fill(clear, (byte) 0);
        }
        List<Ttlv> wrappingData = new ArrayList<>(List.of(
                new Ttlv.EnumerationItem(Tag.WRAPPING_METHOD, method), keyInformation));
        encoding.ifPresent(e -> wrappingData.add(new Ttlv.EnumerationItem(Tag.ENCODING_OPTION, e)));
        List<Ttlv> block = new ArrayList<>();
        for (Ttlv child : keyBlock.children()) {
            // No Encoding wraps "the Byte String Key Material field in the Key Value structure" (1.4 §2.1.5): the
            // structure stays, holding the wrapped bytes and no attributes; TTLV Encoding wraps the whole structure.
            block.add(child.tag() != Tag.KEY_VALUE.code() ? child : unencoded
                    ? new Structure(Tag.KEY_VALUE, List.of(new Ttlv.BytesItem(Tag.KEY_MATERIAL, wrappedValue)))
                    : new Ttlv.BytesItem(Tag.KEY_VALUE, wrappedValue));
        }
        block.add(new Structure(Tag.KEY_WRAPPING_DATA, wrappingData));
        List<Ttlv> children = new ArrayList<>();
        for (Ttlv child : object.children()) {
            children.add(child.tag() == Tag.KEY_BLOCK.code() ? new Structure(Tag.KEY_BLOCK, block) : child);
        }
        return new Structure(object.tag(), children);
    }

    List<Ttlv> getAttributes(Exchange exchange, Structure payload) {
        ManagedObject object = keys.get(exchange.call(), exchange.uid(payload));
        List<String> wanted = new ArrayList<>();
        for (Ttlv item : payload.children()) {
            if (item.tag() == Tag.ATTRIBUTE_NAME.code()) {
                wanted.add(Fields.as(item, Ttlv.TextItem.class).value());
            } else if (item.tag() == Tag.ATTRIBUTE_REFERENCE.code()) {
                try {
                    AttributeCodec.v1Name(dev.donjon.kmip.message.AttributeCodec.readReference(item, V2))
                            .ifPresent(wanted::add);
                } catch (dev.donjon.kmip.message.KmipMessageException e) {
                    throw new KmipError(e.reason(), e.getMessage());
                }
            }
        }
        List<Entry> entries = AttributeCodec.describe(object, exchange.v2()).stream()
                .filter(e -> wanted.isEmpty() || wanted.contains(e.name()))
                .toList();
        if (exchange.v2()) {
            return List.of(uid(object.id()), new Structure(Tag.ATTRIBUTES,
                    entries.stream().map(AttributeCodec::encodeV2).toList()));
        }
        List<Ttlv> out = new ArrayList<>(List.of(uid(object.id())));
        entries.forEach(e -> out.add(AttributeCodec.encodeV1(e)));
        return out;
    }

    List<Ttlv> getAttributeList(Exchange exchange, Structure payload) {
        ManagedObject object = keys.get(exchange.call(), exchange.uid(payload));
        List<Ttlv> out = new ArrayList<>(List.of(uid(object.id())));
        AttributeCodec.describe(object, exchange.v2()).stream().map(Entry::name).distinct().forEach(name -> {
            if (exchange.v2()) {
                out.add(dev.donjon.kmip.message.AttributeCodec.writeReference(
                        AttributeCodec.libraryName(name), V2));
            } else {
                out.add(new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, name));
            }
        });
        return out;
    }

    /** How an attribute operation treats an existing value. */
    private enum DateEdit { ADD, SET, MODIFY }

    /**
     * The Activation and Deactivation Dates belong to the lifecycle: a client moves them, the Activation Date while
     * the object is pre-active, the Deactivation Date while it is pre-active or active (KMIP 1.4 §3.24, §3.27; 2.1
     * §4.1, §4.18), and a date already passed changes the state at once. Empty for any other attribute.
     */
    private Optional<ManagedObject> lifecycleDate(Exchange exchange, SecretId id, Entry entry, DateEdit edit) {
        Optional<KmipAttribute> known = entry.known().filter(k -> k == KmipAttribute.ACTIVATION_DATE
                || k == KmipAttribute.DEACTIVATION_DATE);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        if (entry.value() == null) {
            throw KmipError.missing("Attribute Value of " + entry.name());
        }
        boolean activation = known.get() == KmipAttribute.ACTIVATION_DATE;
        Lifecycle lifecycle = keys.get(exchange.call(), id).lifecycle();
        boolean present = (activation ? lifecycle.activationDate() : lifecycle.deactivationDate()) != null;
        if (edit == DateEdit.ADD && present) {
            throw new KmipError(exchange.v2() ? ResultReason.ATTRIBUTE_SINGLE_VALUED : ResultReason.ILLEGAL_OPERATION,
                    entry.name() + " already has a value; use Modify Attribute");
        }
        if (edit == DateEdit.MODIFY && !present) {
            throw new KmipError(exchange.v2() ? ResultReason.ATTRIBUTE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND,
                    "the object has no " + entry.name());
        }
        java.time.Instant date = Fields.dateTime(entry.value());
        return Optional.of(keys.reschedule(exchange.call(), id, activation ? date : null, activation ? null : date));
    }

    List<Ttlv> addAttribute(Exchange exchange, Structure payload) {
        Entry entry = exchange.v2()
                ? AttributeCodec.readV2(single(Fields.requiredStructure(payload, Tag.NEW_ATTRIBUTE)))
                : AttributeCodec.readV1(Fields.requiredStructure(payload, Tag.ATTRIBUTE));
        SecretId id = exchange.uid(payload);
        Optional<ManagedObject> rescheduled = lifecycleDate(exchange, id, entry, DateEdit.ADD);
        if (rescheduled.isPresent()) {
            return attributeAnswer(exchange, rescheduled.get(), entry);
        }
        int[] index = new int[1];
        ManagedObject changed = keys.changeAttributes(exchange.call(), id, attributes -> {
            AttributeEdits.Result result = AttributeEdits.add(attributes, entry, exchange.v2());
            index[0] = result.index();
            return result.attributes();
        });
        return attributeAnswer(exchange, changed, new Entry(entry.name(), index[0], entry.value()));
    }

    List<Ttlv> setAttribute(Exchange exchange, Structure payload) {
        Entry entry = AttributeCodec.readV2(single(Fields.requiredStructure(payload, Tag.NEW_ATTRIBUTE)));
        SecretId id = exchange.uid(payload);
        ManagedObject changed = lifecycleDate(exchange, id, entry, DateEdit.SET).orElseGet(() ->
                keys.changeAttributes(exchange.call(), id, attributes -> AttributeEdits.set(attributes, entry)));
        return List.of(uid(changed.id()));
    }

    List<Ttlv> modifyAttribute(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        Entry entry;
        if (exchange.v2()) {
            Entry replacement = AttributeCodec.readV2(single(Fields.requiredStructure(payload, Tag.NEW_ATTRIBUTE)));
            int index = Fields.structure(payload, Tag.CURRENT_ATTRIBUTE)
                    .map(current -> AttributeEdits.indexOf(keys.get(exchange.call(), id),
                            AttributeCodec.readV2(single(current))))
                    .orElse(0);
            entry = new Entry(replacement.name(), index, replacement.value());
        } else {
            entry = AttributeCodec.readV1(Fields.requiredStructure(payload, Tag.ATTRIBUTE));
        }
        Entry modified = entry;
        ManagedObject changed = lifecycleDate(exchange, id, modified, DateEdit.MODIFY).orElseGet(() ->
                keys.changeAttributes(exchange.call(), id,
                        attributes -> AttributeEdits.modify(attributes, modified, exchange.v2())));
        return attributeAnswer(exchange, changed, entry);
    }

    List<Ttlv> deleteAttribute(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        String name;
        int index;
        if (exchange.v2()) {
            Optional<Structure> current = Fields.structure(payload, Tag.CURRENT_ATTRIBUTE);
            if (current.isPresent()) {
                Entry entry = AttributeCodec.readV2(single(current.get()));
                name = entry.name();
                index = AttributeEdits.indexOf(keys.get(exchange.call(), id), entry);
            } else {
                Ttlv reference = payload.find(Tag.ATTRIBUTE_REFERENCE)
                        .orElseThrow(() -> KmipError.missing("Current Attribute or Attribute Reference"));
                try {
                    // A standard attribute's tag, or a vendor attribute's Vendor Identification and Attribute Name.
                    name = AttributeCodec.v1Name(dev.donjon.kmip.message.AttributeCodec.readReference(reference, V2))
                            .orElseThrow(() -> new KmipError(ResultReason.ATTRIBUTE_NOT_FOUND,
                                    "the object has no such attribute"));
                } catch (dev.donjon.kmip.message.KmipMessageException e) {
                    throw new KmipError(e.reason(), e.getMessage());
                }
                index = 0;
            }
        } else {
            name = Fields.text(payload, Tag.ATTRIBUTE_NAME).orElseThrow(() -> KmipError.missing("Attribute Name"));
            index = Fields.integer(payload, Tag.ATTRIBUTE_INDEX).orElse(0);
        }
        Entry[] deleted = new Entry[1];
        ManagedObject changed = keys.changeAttributes(exchange.call(), id, attributes -> {
            AttributeEdits.Result result = AttributeEdits.delete(attributes, name, index, exchange.v2());
            deleted[0] = result.removed();
            return result.attributes();
        });
        if (exchange.v2()) {
            return List.of(uid(changed.id()));
        }
        return List.of(uid(changed.id()), AttributeCodec.encodeV1(deleted[0]));
    }

    List<Ttlv> locate(Exchange exchange, Structure payload) {
        int maximum = Fields.integer(payload, Tag.MAXIMUM_ITEMS).orElse(DEFAULT_MAXIMUM_ITEMS);
        int offset = Fields.integer(payload, Tag.OFFSET_ITEMS).orElse(0);
        List<Entry> filters = new ArrayList<>();
        payload.findAll(Tag.ATTRIBUTE).forEach(a -> filters.add(AttributeCodec.readV1(Fields.as(a, Structure.class))));
        Fields.structure(payload, Tag.ATTRIBUTES).ifPresent(a -> filters.addAll(AttributeCodec.read(a)));
        Optional<ObjectGroupMemberOption> member = Fields.enumeration(payload, Tag.OBJECT_GROUP_MEMBER,
                ObjectGroupMemberOption.index());
        if (member.isPresent()) {
            if (filters.stream().noneMatch(f -> f.name().equals(KmipAttribute.OBJECT_GROUP.v1Name()))) {
                throw new KmipError(ResultReason.INVALID_FIELD, "Object Group Member needs an Object Group");
            }
            switch (member.get()) {
                // Donjon's policy for the group's default member: the most recently created, which comes first.
                case GROUP_MEMBER_DEFAULT -> maximum = Math.min(maximum, 1);
                // "matching candidate objects SHALL be fresh objects from the object group" (KMIP 1.4 §4.9); Donjon
                // does not make new members on the fly when none is left.
                case GROUP_MEMBER_FRESH -> filters.add(new Entry(KmipAttribute.FRESH.v1Name(), 0,
                        new Ttlv.BooleanItem(KmipAttribute.FRESH.tag(), true)));
            }
        }
        Optional<List<LocateCriterion>> criteria = LocateFilters.criteria(filters, exchange.v2());
        Optional<LocateQuery.Storage> storage = storage(payload, criteria.orElse(List.of()));
        Page<SecretId> found = storage.isEmpty() || criteria.isEmpty() ? new Page<>(List.of(), 0)
                : keys.locate(exchange.call(), new LocateQuery(criteria.get(), storage.get(), maximum, offset));
        List<Ttlv> out = new ArrayList<>();
        // Located Items is optional (KMIP 1.4 §4.9, 2.1 §6.1.28); Donjon counts when the client pages.
        boolean paging = payload.find(Tag.MAXIMUM_ITEMS).isPresent() || payload.find(Tag.OFFSET_ITEMS).isPresent();
        if (paging && (exchange.v2() || exchange.minor() >= 3)) {
            out.add(new Ttlv.IntegerItem(Tag.LOCATED_ITEMS, (int) Math.min(Integer.MAX_VALUE, found.total())));
        }
        found.items().forEach(id -> out.add(uid(id)));
        // "If a single Unique Identifier is returned to the client, then the server SHALL copy the Unique Identifier
        // returned by this operation into the ID Placeholder variable. If the Locate operation matches more than one
        // object, and the Maximum Items value is omitted in the request, or is set to a value larger than one, then
        // the server SHALL empty the ID Placeholder" (KMIP 1.4 §4.9, 2.1 §6.1.28).
        if (found.items().size() == 1) {
            exchange.placeholder(found.items().getFirst());
        } else if (found.total() > 1 && maximum > 1) {
            exchange.clearPlaceholder();
        }
        return out;
    }

    /**
     * Which objects a Locate searches (KMIP 2.1 §6.1.28): the Storage Status Mask's On-line and Destroyed bits, Donjon
     * archiving nothing; without a mask on-line objects, and destroyed ones too when the State criterion asks for a
     * destroyed state. Empty when the mask leaves nothing to search (archived objects only, say).
     */
    private static Optional<LocateQuery.Storage> storage(Structure payload, List<LocateCriterion> criteria) {
        Optional<Integer> mask = Fields.integer(payload, Tag.STORAGE_STATUS_MASK);
        if (mask.isEmpty()) {
            boolean destroyedState = criteria.stream().anyMatch(c -> c instanceof LocateCriterion.InState(
                    LifecycleState state) && state.isDestroyed());
            return Optional.of(destroyedState ? LocateQuery.Storage.DESTROYED : LocateQuery.Storage.ONLINE);
        }
        boolean online = (mask.get() & dev.donjon.kmip.enums.StorageStatusMask.ON_LINE_STORAGE.code()) != 0;
        boolean destroyed = (mask.get() & dev.donjon.kmip.enums.StorageStatusMask.DESTROYED_STORAGE.code()) != 0;
        if (online && destroyed) {
            return Optional.of(LocateQuery.Storage.ANY);
        }
        if (online || destroyed) {
            return Optional.of(online ? LocateQuery.Storage.ONLINE : LocateQuery.Storage.DESTROYED);
        }
        return Optional.empty();
    }

    /**
     * Obtain Lease (KMIP 1.4 §4.17, 2.1 §6.1.33): the configured lease time and the object's Last Change Date. Donjon
     * issues no lease for an object whose key material is gone or compromised (Permission Denied, as §11.18 says).
     */
    List<Ttlv> obtainLease(Exchange exchange, Structure payload) {
        ManagedObject object = keys.get(exchange.call(), exchange.uid(payload));
        requireLeasable(object);
        return List.of(uid(object.id()), new Ttlv.IntervalItem(Tag.LEASE_TIME, leaseTime.toSeconds()),
                new Ttlv.DateTimeItem(Tag.LAST_CHANGE_DATE, object.secret().updated()));
    }

    private static void requireLeasable(ManagedObject object) {
        if (object.state().isDestroyed() || object.state() == LifecycleState.COMPROMISED) {
            throw new KmipError(ResultReason.PERMISSION_DENIED, "no lease is issued for a "
                    + object.state().storedName() + " object");
        }
    }

    /**
     * Get Usage Allocation (KMIP 1.4 §4.18, 2.1 §6.1.23): takes the requested units from the Usage Limits Count, in the
     * transaction that checks it, for a key able to apply protection now (a symmetric or private key, Active, before
     * its Protect Stop Date). No Usage Limits, or a key that cannot protect: Illegal Operation; more than is left:
     * Permission Denied (§11.19). Server-side Encrypt, Sign and MAC count against the same Count.
     */
    List<Ttlv> getUsageAllocation(Exchange exchange, Structure payload) {
        SecretId id = exchange.uid(payload);
        long wanted = payload.find(Tag.USAGE_LIMITS_COUNT).map(item -> switch (item) {
            case Ttlv.LongItem l -> l.value();
            case Ttlv.IntegerItem i -> (long) i.value();
            default -> throw KmipError.invalidField("Usage Limits Count must be a Long Integer");
        }).orElseThrow(() -> new KmipError(ResultReason.INVALID_MESSAGE, "Usage Limits Count is required"));
        if (wanted < 0) {
            throw KmipError.invalidField("Usage Limits Count must not be negative");
        }
        ManagedObject object = keys.get(exchange.call(), id);
        String name = KmipAttribute.USAGE_LIMITS.v1Name();
        SecretType type = object.secret().type();
        java.time.Instant now = clock.instant();
        boolean stopped = object.attributes().text().getOrDefault(KmipAttribute.PROTECT_STOP_DATE.v1Name(), List.of())
                .stream().map(stored -> Fields.dateTime(AttributeCodec.storedValue(
                        KmipAttribute.PROTECT_STOP_DATE.v1Name(), stored)))
                .anyMatch(now::isAfter);
        if (!object.attributes().text().containsKey(name)
                || (type != SecretType.SYMMETRIC && type != SecretType.PRIVATE)
                || !object.state().permits(KeyUsage.ENCRYPT) || stopped) {
            throw new KmipError(ResultReason.ILLEGAL_OPERATION,
                    "only an active key with Usage Limits that can apply protection now has usage to allocate");
        }
        ManagedObject changed = keys.changeAttributes(exchange.call(), id, attributes -> {
            List<String> stored = attributes.text().getOrDefault(name, List.of());
            if (stored.isEmpty()) {
                throw new KmipError(ResultReason.ILLEGAL_OPERATION, "the object has no Usage Limits");
            }
            Structure limits = (Structure) AttributeCodec.storedValue(name, stored.getFirst());
            long total = limits.find(Tag.USAGE_LIMITS_TOTAL, Ttlv.LongItem.class).map(Ttlv.LongItem::value)
                    .orElse(Long.MAX_VALUE);
            long left = limits.find(Tag.USAGE_LIMITS_COUNT, Ttlv.LongItem.class).map(Ttlv.LongItem::value)
                    .orElse(total);
            if (wanted > left) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "only " + left + " units are left to allocate");
            }
            List<Ttlv> children = new ArrayList<>(limits.children().stream()
                    .filter(c -> c.tag() != Tag.USAGE_LIMITS_COUNT.code()).toList());
            children.add(new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, left - wanted));
            List<String> replaced = new ArrayList<>(stored);
            replaced.set(0, AttributeCodec.encode(new Structure(Tag.USAGE_LIMITS, children)));
            return attributes.withText(name, replaced);
        });
        return List.of(uid(changed.id()));
    }

    List<Ttlv> activate(Exchange exchange, Structure payload) {
        return List.of(uid(keys.activate(exchange.call(), exchange.uid(payload)).id()));
    }

    List<Ttlv> revoke(Exchange exchange, Structure payload) {
        Structure reason = Fields.requiredStructure(payload, Tag.REVOCATION_REASON);
        RevocationReasonCode code = Fields.enumeration(reason, Tag.REVOCATION_REASON_CODE,
                RevocationReasonCode.index()).orElseThrow(() -> KmipError.missing("Revocation Reason Code"));
        Revocation revocation = new Revocation(AttributeCodec.revocationReason(code),
                Fields.text(reason, Tag.REVOCATION_MESSAGE).orElse(null));
        return List.of(uid(keys.revoke(exchange.call(), exchange.uid(payload), revocation,
                Fields.dateTime(payload, Tag.COMPROMISE_OCCURRENCE_DATE).orElse(null)).id()));
    }

    List<Ttlv> destroy(Exchange exchange, Structure payload) {
        return List.of(uid(keys.destroy(exchange.call(), exchange.uid(payload)).id()));
    }

    List<Ttlv> check(Exchange exchange, Structure payload) {
        ManagedObject object = keys.get(exchange.call(), exchange.uid(payload));
        Optional<Integer> mask = Fields.integer(payload, Tag.CRYPTOGRAPHIC_USAGE_MASK);
        if (mask.isPresent()) {
            if (!object.attributes().usageMask().covers(new UsageMask(mask.get()))) {
                throw new DomainException.Conflict(DomainException.Clash.USAGE_NOT_PERMITTED);
            }
        }
        // KMIP 1.4 §4.10: a Lease Time asks whether Obtain Lease would grant at least that long.
        Optional<Long> lease = payload.find(Tag.LEASE_TIME).map(item -> switch (item) {
            case Ttlv.IntervalItem interval -> interval.seconds();
            default -> throw KmipError.invalidField("Lease Time must be an Interval");
        });
        if (lease.isPresent()) {
            requireLeasable(object);
            if (!leaseTime.isZero() && lease.get() > leaseTime.toSeconds()) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "leases are granted for at most "
                        + leaseTime.toSeconds() + " seconds");
            }
        }
        // The mask comes back only when the check fails (KMIP 1.4 §4.10), which is an error here.
        return List.of(uid(object.id()));
    }

    private List<Ttlv> attributeAnswer(Exchange exchange, ManagedObject changed, Entry entry) {
        if (exchange.v2()) {
            return List.of(uid(changed.id()));
        }
        return List.of(uid(changed.id()), AttributeCodec.encodeV1(entry));
    }

    /** Where key material comes from: generated here, or registered by the client in a given key format. */
    private record Origin(boolean generated, Optional<KeyFormatType> format) {
        static final Origin GENERATED = new Origin(true, Optional.empty());
    }

    private NewObject newObject(SecretType type, Requested requested, CryptographicAlgorithm algorithm,
                                Integer length, Origin origin) {
        if (requested.objectType().isPresent()
                && AttributeCodec.secretType(requested.objectType().get()).orElse(null) != type) {
            throw KmipError.invalidField("the Object Type attribute contradicts the request");
        }
        ObjectAttributes attributes = serverKept(requested.attributes());
        return new NewObject(type, algorithm == null ? null : AttributeCodec.algorithmName(algorithm), length,
                attributes, requested.activationDate().orElse(null), requested.deactivationDate().orElse(null),
                (current, material) -> {
                    ObjectAttributes derived = current.withText(KmipAttribute.DIGEST.v1Name(), List.of(
                            AttributeCodec.encode(ObjectCodec.digest(type, material, origin.format()))));
                    String rng = KmipAttribute.RANDOM_NUMBER_GENERATOR.v1Name();
                    if (origin.generated() && !derived.text().containsKey(rng)) {
                        derived = derived.withText(rng, List.of(AttributeCodec.encode(RANDOM_NUMBER_GENERATOR)));
                    }
                    return derived;
                });
    }

    /**
     * The attributes the server keeps from creation on: Sensitive False and Extractable True unless the client chose,
     * Always Sensitive and Never Extractable as those stand, Fresh True unless the client registers it False, and
     * the Lease Time Obtain Lease grants (KMIP 1.4 §3.15, §3.34, §3.48–3.51; 2.1 §4.3, 4.23, 4.24, 4.30, 4.33, 4.55).
     */
    private ObjectAttributes serverKept(ObjectAttributes given) {
        ObjectAttributes kept = given;
        kept = AttributeCodec.withFlag(kept, KmipAttribute.ALWAYS_SENSITIVE, kept.protection().sensitive());
        kept = AttributeCodec.withFlag(kept, KmipAttribute.NEVER_EXTRACTABLE, !kept.protection().extractable());
        kept = AttributeCodec.withFlag(kept, KmipAttribute.FRESH,
                AttributeCodec.flag(kept, KmipAttribute.FRESH).orElse(true));
        if (!leaseTime.isZero()) {
            kept = kept.withText(KmipAttribute.LEASE_TIME.v1Name(), List.of(AttributeCodec.encode(
                    new Ttlv.IntervalItem(Tag.LEASE_TIME, leaseTime.toSeconds()))));
        }
        return kept;
    }

    /** The request's attributes with those the server reads from the object itself, which win. */
    private static Requested withDerived(Requested requested, List<Entry> derived) {
        java.util.Map<String, List<String>> byName = new java.util.LinkedHashMap<>();
        for (Entry entry : derived) {
            byName.computeIfAbsent(entry.name(), name -> new ArrayList<>()).add(AttributeCodec.encode(entry.value()));
        }
        ObjectAttributes attributes = requested.attributes();
        for (var entry : byName.entrySet()) {
            attributes = attributes.withText(entry.getKey(), entry.getValue());
        }
        return new Requested(requested.objectType(), requested.algorithm(), requested.length(), attributes,
                requested.activationDate(), requested.deactivationDate());
    }

    /** The JDK's default DRBG, which generates every key here: Hash_DRBG over SHA-256 (see Node). */
    private static final Ttlv RANDOM_NUMBER_GENERATOR = new Structure(Tag.RANDOM_NUMBER_GENERATOR,
            new Ttlv.EnumerationItem(Tag.RNG_ALGORITHM, dev.donjon.kmip.enums.RNGAlgorithm.DRBG),
            new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, dev.donjon.kmip.enums.HashingAlgorithm.SHA_256),
            new Ttlv.EnumerationItem(Tag.DRBG_ALGORITHM, dev.donjon.kmip.enums.DRBGAlgorithm.HASH));

    /** The 1.x template or the 2.x attributes of a request, whichever it has. */
    private static List<Entry> templateEntries(Structure payload, Tag v1, Tag v2) {
        List<Entry> entries = new ArrayList<>();
        Fields.structure(payload, v1).ifPresent(t -> entries.addAll(AttributeCodec.read(t)));
        Fields.structure(payload, v2).ifPresent(t -> entries.addAll(AttributeCodec.read(t)));
        return entries;
    }

    /** Key pair templates may carry the Object Type of each half; the handler decides it anyway. */
    private static List<Entry> withoutObjectType(List<Entry> entries) {
        return entries.stream().filter(e -> e.known().filter(k -> k == KmipAttribute.OBJECT_TYPE).isEmpty()).toList();
    }

    private static Ttlv single(Structure holder) {
        if (holder.children().size() != 1) {
            throw KmipError.invalidField(holder.tagName() + " must hold exactly one attribute");
        }
        return holder.children().getFirst();
    }

    static Ttlv uid(SecretId id) {
        return new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id.toString());
    }
}
