package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.DRBGAlgorithm;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.RNGAlgorithm;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.server.domain.object.KeyGenerator;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects Create, Create Key Pair, Register, Re-key and Import make, described in domain terms: what the client
 * asked for, what the material says of itself, and the attributes the server keeps from creation on.
 */
final class NewObjects {
    /** The stored Lease Time every new object gets, encoded once; null for no lease limit. */
    private final List<String> leaseTimeValue;
    private final Templates templates;
    private final ObjectCodec codec;

    /**
     * @param leaseTime what Obtain Lease grants, which the Lease Time attribute records; zero for no lease limit
     * @param templates the Template objects a 1.x request's Template-Attribute may name
     * @param codec     computes the Digest of the material carried
     */
    NewObjects(Duration leaseTime, Templates templates, ObjectCodec codec) {
        this.leaseTimeValue = leaseTime.isZero() ? null : List.of(AttributeMapping.encode(
                new Ttlv.IntervalItem(Tag.LEASE_TIME, leaseTime.toSeconds())));
        this.templates = templates;
        this.codec = codec;
    }

    static KeyGenerator.SymmetricAlgorithm symmetricGenerator(CryptographicAlgorithm algorithm) {
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

    static KeyGenerator.AsymmetricAlgorithm asymmetricGenerator(CryptographicAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA -> KeyGenerator.AsymmetricAlgorithm.RSA;
            case DSA -> KeyGenerator.AsymmetricAlgorithm.DSA;
            case EC, ECDSA -> KeyGenerator.AsymmetricAlgorithm.EC;
            default -> throw KmipError.invalidField(algorithm.specName() + " key pairs cannot be created here");
        };
    }

    /**
     * The object Register or Import stores: the material the payload carries, described by what the client asked for
     * and what the material itself says (algorithm, length, certificate fields), the client's word winning.
     */
    NewObject carried(ObjectType type, ObjectCodec.Material material, Requested requested) {
        Requested described = withDerived(requested, material.derived());
        CryptographicAlgorithm algorithm = described.algorithm().or(material::algorithm).orElse(null);
        Integer length = described.length().or(material::length).orElse(
                type == ObjectType.SYMMETRIC_KEY ? material.bytes().length * 8 : null);
        return newObject(material.type(), described, algorithm, length, new Origin(false, material.format()));
    }

    /** Where key material comes from: generated here, or registered by the client in a given key format. */
    record Origin(boolean generated, Optional<KeyFormatType> format) {
        static final Origin GENERATED = new Origin(true, Optional.empty());
    }

    NewObject newObject(SecretType type, Requested requested, CryptographicAlgorithm algorithm,
                                Integer length, Origin origin) {
        if (requested.objectType().isPresent()
                && AttributeMapping.secretType(requested.objectType().get()).orElse(null) != type) {
            throw KmipError.invalidField("the Object Type attribute contradicts the request");
        }
        if (type == SecretType.TEMPLATE) {
            // A template is no cryptographic object: no Digest, generator, Fresh or protection flags (1.4 §3.17,
            // §3.34, §3.48–3.51 apply to keys, certificates and secret data).
            return new NewObject(type, null, null, requested.attributes(), null, null, (current, material) -> current);
        }
        ObjectAttributes attributes = serverKept(requested.attributes());
        return new NewObject(type, algorithm == null ? null : AttributeMapping.algorithmName(algorithm), length,
                attributes, requested.activationDate().orElse(null), requested.deactivationDate().orElse(null),
                (current, material) -> {
                    Map<String, List<String>> derived = new LinkedHashMap<>();
                    derived.put(KmipAttribute.DIGEST.v1Name(), List.of(
                            AttributeMapping.encode(codec.digest(type, material, origin.format()))));
                    String rng = KmipAttribute.RANDOM_NUMBER_GENERATOR.v1Name();
                    if (origin.generated() && !current.text().containsKey(rng)) {
                        derived.put(rng, RANDOM_NUMBER_GENERATOR_VALUE);
                    }
                    return current.withTexts(derived);
                });
    }

    /**
     * The attributes the server keeps from creation on: Sensitive False and Extractable True unless the client chose,
     * Always Sensitive and Never Extractable as those stand, Fresh True unless the client registers it False, and
     * the Lease Time Obtain Lease grants (KMIP 1.4 §3.15, §3.34, §3.48–3.51; 2.1 §4.3, 4.23, 4.24, 4.30, 4.33, 4.55).
     */
    private ObjectAttributes serverKept(ObjectAttributes given) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        AttributeMapping.putFlag(kept, KmipAttribute.ALWAYS_SENSITIVE, given.protection().sensitive());
        AttributeMapping.putFlag(kept, KmipAttribute.NEVER_EXTRACTABLE, !given.protection().extractable());
        AttributeMapping.putFlag(kept, KmipAttribute.FRESH,
                AttributeMapping.flag(given, KmipAttribute.FRESH).orElse(true));
        if (leaseTimeValue != null) {
            kept.put(KmipAttribute.LEASE_TIME.v1Name(), leaseTimeValue);
        }
        return given.withTexts(kept);
    }

    /** The request's attributes with those the server reads from the object itself, which win. */
    private static Requested withDerived(Requested requested, List<Entry> derived) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (Entry entry : derived) {
            byName.computeIfAbsent(entry.name(), name -> new ArrayList<>()).add(AttributeMapping.encode(entry.value()));
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
            new Ttlv.EnumerationItem(Tag.RNG_ALGORITHM, RNGAlgorithm.DRBG),
            new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256),
            new Ttlv.EnumerationItem(Tag.DRBG_ALGORITHM, DRBGAlgorithm.HASH));
    /** Its stored form, encoded once (every generated key gets it). */
    private static final List<String> RANDOM_NUMBER_GENERATOR_VALUE = List.of(
            AttributeMapping.encode(RANDOM_NUMBER_GENERATOR));

    /** The Operation Policy Name a 1.0–1.2 client's new objects get when the client names none. */
    static final String DEFAULT_OPERATION_POLICY = "default";

    /**
     * What a request that makes an object asks for. For a 1.0–1.2 client the server sets the Operation Policy Name
     * the client did not ("SHOULD be set when operations that result in a new Managed Object on the server are
     * executed ... either explicitly or via some default set by the server", KMIP 1.2 §3.18, implicitly set by
     * Create, Create Key Pair, Register, Derive Key, ...); from 1.3 on the attribute is deprecated (1.4 §3.18, and the
     * OASIS 1.4 vectors list none) and 2.0 removed it, so newer clients get none. The name decides nothing: access
     * is Donjon's own policy.
     */
    static Requested requested(OperationContext context, List<Entry> entries) {
        boolean named = entries.stream().anyMatch(e -> e.known().filter(k -> k == KmipAttribute.OPERATION_POLICY_NAME)
                .isPresent());
        if (named || context.v2() || context.minor() > 2) {
            return AttributeMapping.requested(entries);
        }
        List<Entry> withPolicy = new ArrayList<>(entries);
        withPolicy.add(new Entry(KmipAttribute.OPERATION_POLICY_NAME.v1Name(), 0,
                new Ttlv.TextItem(Tag.OPERATION_POLICY_NAME, DEFAULT_OPERATION_POLICY)));
        return AttributeMapping.requested(withPolicy);
    }

    /**
     * The server's entries of the attributes a request that makes an object carries, with those of the templates it
     * names (KMIP 1.x, {@link Templates}).
     */
    List<Entry> entries(OperationContext context, Attributes attributes) {
        return templates.entries(context, List.of(attributes));
    }

    /**
     * The server's entries of the attribute groups a request may carry, lowest precedence first (Common, then Private
     * or Public Key), with those of the templates each names.
     */
    @SafeVarargs
    final List<Entry> entries(OperationContext context, Optional<Attributes>... groups) {
        return templates.entries(context, groups);
    }

    /** The server's entries of attributes given in a request that cannot name templates (Locate, Import). */
    static List<Entry> entries(Attributes attributes) {
        if (!attributes.templates().isEmpty()) {
            throw KmipError.invalidField("templates name attributes for new objects only");
        }
        return entries(attributes.list());
    }

    static List<Entry> entries(List<dev.donjon.kmip.message.Attribute> attributes) {
        return attributes.stream().map(AttributeMapping::entry).toList();
    }

    /** Key pair templates may carry the Object Type of each half; the operation decides it anyway. */
    static List<Entry> withoutObjectType(List<Entry> entries) {
        return entries.stream().filter(e -> e.known().filter(k -> k == KmipAttribute.OBJECT_TYPE).isEmpty()).toList();
    }
}
