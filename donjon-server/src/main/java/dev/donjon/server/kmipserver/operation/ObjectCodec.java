package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateType;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.KeyFormatType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.SecretDataType;
import dev.donjon.kmip.enums.SplitKeyMethod;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyEncodings;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Managed objects on the wire (Symmetric Key, Secret Data, Opaque Object, Certificate, Public and Private Key, Split
 * Key) and the key format conversions of Get. Key material is stored as the client or REST supplied it (transparent RSA and EC keys
 * as the PKCS#8 / SubjectPublicKeyInfo they make); Get converts on the way out. The conversions themselves, and the
 * Digest's hash, are the crypto layer's ({@link KeyEncodings}, {@link KeyCryptography}): this class only says which
 * form the wire needs.
 */
final class ObjectCodec {
    /**
     * "None": PyKMIP and most clients send this extension value, as the spec defines no Opaque Data Types; what an
     * opaque object stored over REST, which has none, comes back with.
     */
    private static final int OPAQUE_DATA_TYPE_NONE = 0x80000000;

    /**
     * Fields of a managed object that are no attributes, kept with the object's attributes (encoded) under these
     * names, which no client can name (they are neither KMIP attribute names nor custom "x-"/"y-" ones) and which
     * are never listed as attributes: a Split Key's parameters (KMIP 1.4 §2.2.5), and the Key Wrapping Data of key
     * material registered wrapped (1.4 §2.1.5), which the server keeps as given and cannot use.
     */
    static final String SPLIT_KEY_FIELDS = "Split Key";
    static final String KEY_WRAPPING_DATA = "Key Wrapping Data";
    static final java.util.Set<String> OBJECT_FIELDS = java.util.Set.of(SPLIT_KEY_FIELDS, KEY_WRAPPING_DATA);

    private final KeyEncodings encodings;
    private final KeyCryptography cryptography;
    private final CertificateAttributes certificates;

    ObjectCodec(KeyEncodings encodings, KeyCryptography cryptography, CertificateAttributes certificates) {
        this.encodings = encodings;
        this.cryptography = cryptography;
        this.certificates = certificates;
    }

    /** Whether the object's key material is held wrapped, as a client registered it (unusable here). */
    static boolean wrapped(ManagedObject object) {
        return object.attributes().text().containsKey(KEY_WRAPPING_DATA);
    }

    static Optional<Structure> objectField(ManagedObject object, String name) {
        List<String> stored = object.attributes().text().get(name);
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Structure) dev.donjon.kmip.TtlvBinary.decode(
                    java.util.HexFormat.of().parseHex(stored.getFirst())));
        } catch (dev.donjon.kmip.TtlvException | RuntimeException e) {
            throw new IllegalStateException("stored " + name + " does not decode", e);
        }
    }

    /**
     * Key material from a Register request, with what its key block says about it.
     *
     * @param derived the attributes the server sets from the object itself (Opaque Data Type, certificate fields)
     */
    record Material(SecretType type, byte[] bytes, Optional<CryptographicAlgorithm> algorithm,
                    Optional<Integer> length, Optional<KeyFormatType> format, List<AttributeMapping.Entry> derived) {
        Material(SecretType type, byte[] bytes, Optional<CryptographicAlgorithm> algorithm,
                 Optional<Integer> length, List<AttributeMapping.Entry> derived) {
            this(type, bytes, algorithm, length, Optional.empty(), derived);
        }

        @Override
        public String toString() {
            return "Material[" + type + ", " + bytes.length + " bytes]";
        }
    }

    /** The material of the object a Register or Import carries ({@code object}: a Symmetric Key structure...). */
    Material read(ObjectType objectType, Structure object) {
        SecretType type = AttributeMapping.secretType(objectType).orElseThrow(() -> new KmipError(
                ResultReason.INVALID_OBJECT_TYPE, objectType.specName() + " objects are not supported"));
        return switch (objectType) {
            case OPAQUE_OBJECT -> {
                Structure opaque = carried(object, Tag.OPAQUE_OBJECT);
                // KMIP defines no Opaque Data Types: the value is the client's (an extension), kept as given.
                Ttlv dataType = opaque.find(Tag.OPAQUE_DATA_TYPE)
                        .map(item -> (Ttlv) new Ttlv.EnumerationItem(Tag.OPAQUE_DATA_TYPE,
                                Fields.as(item, Ttlv.EnumerationItem.class).value()))
                        .orElseThrow(() -> KmipError.missing("Opaque Data Type"));
                yield new Material(type, Fields.requiredBytes(opaque, Tag.OPAQUE_DATA_VALUE), Optional.empty(),
                        Optional.empty(), List.of(new AttributeMapping.Entry(KmipAttribute.OPAQUE_DATA_TYPE.v1Name(), 0,
                        dataType)));
            }
            case CERTIFICATE -> {
                Structure certificate = carried(object, Tag.CERTIFICATE);
                Fields.enumeration(certificate, Tag.CERTIFICATE_TYPE, CertificateType.index())
                        .filter(t -> t == CertificateType.X_509)
                        .orElseThrow(() -> KmipError.invalidField("only X.509 certificates are supported"));
                byte[] value = Fields.requiredBytes(certificate, Tag.CERTIFICATE_VALUE);
                CertificateAttributes.Derived derived = certificates.read(value);
                yield new Material(type, value, derived.algorithm(), derived.length(), derived.attributes());
            }
            case SYMMETRIC_KEY, SECRET_DATA, PUBLIC_KEY, PRIVATE_KEY -> {
                Tag objectTag = switch (objectType) {
                    case SYMMETRIC_KEY -> Tag.SYMMETRIC_KEY;
                    case SECRET_DATA -> Tag.SECRET_DATA;
                    case PUBLIC_KEY -> Tag.PUBLIC_KEY;
                    default -> Tag.PRIVATE_KEY;
                };
                Structure keyBlock = Fields.requiredStructure(carried(object, objectTag),
                        Tag.KEY_BLOCK);
                yield keyBlockMaterial(type, keyBlock);
            }
            case TEMPLATE -> {
                // Kept as registered; its attributes are checked now, so that every later use of it can apply them.
                Structure template = carried(object, Tag.TEMPLATE);
                Templates.read(template);
                yield new Material(type, dev.donjon.kmip.TtlvBinary.encode(template), Optional.empty(),
                        Optional.empty(), List.of());
            }
            case SPLIT_KEY -> {
                Structure split = carried(object, Tag.SPLIT_KEY);
                Material key = keyBlockMaterial(type, Fields.requiredStructure(split, Tag.KEY_BLOCK));
                List<AttributeMapping.Entry> derived = new ArrayList<>(key.derived());
                derived.add(new AttributeMapping.Entry(SPLIT_KEY_FIELDS, 0, splitKeyFields(split)));
                yield new Material(type, key.bytes(), key.algorithm(), key.length(), key.format(), derived);
            }
            case PGP_KEY, CERTIFICATE_REQUEST -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * A Split Key's own fields (KMIP 1.4 §2.2.5, 2.1 §2.2.5): Split Key Parts, Key Part Identifier, Split Key
     * Threshold (at most the parts), Split Key Method, and the Prime Field Size that only Polynomial Sharing Prime
     * Field uses and requires.
     */
    private static Structure splitKeyFields(Structure split) {
        int parts = Fields.integer(split, Tag.SPLIT_KEY_PARTS)
                .orElseThrow(() -> KmipError.missing("Split Key Parts"));
        int identifier = Fields.integer(split, Tag.KEY_PART_IDENTIFIER)
                .orElseThrow(() -> KmipError.missing("Key Part Identifier"));
        int threshold = Fields.integer(split, Tag.SPLIT_KEY_THRESHOLD)
                .orElseThrow(() -> KmipError.missing("Split Key Threshold"));
        SplitKeyMethod method = Fields.enumeration(split, Tag.SPLIT_KEY_METHOD, SplitKeyMethod.index())
                .orElseThrow(() -> KmipError.missing("Split Key Method"));
        if (parts < 1 || identifier < 1 || threshold < 1 || threshold > parts) {
            throw KmipError.invalidField("a split key needs 1 <= Split Key Threshold <= Split Key Parts, and a "
                    + "positive Key Part Identifier");
        }
        Optional<Ttlv> primeFieldSize = split.find(Tag.PRIME_FIELD_SIZE);
        if (primeFieldSize.isPresent() != (method == SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD)) {
            throw KmipError.invalidField("Prime Field Size goes with Polynomial Sharing Prime Field, and only there");
        }
        List<Ttlv> fields = new ArrayList<>(List.of(new Ttlv.IntegerItem(Tag.SPLIT_KEY_PARTS, parts),
                new Ttlv.IntegerItem(Tag.KEY_PART_IDENTIFIER, identifier),
                new Ttlv.IntegerItem(Tag.SPLIT_KEY_THRESHOLD, threshold),
                new Ttlv.EnumerationItem(Tag.SPLIT_KEY_METHOD, method)));
        primeFieldSize.map(size -> (Ttlv) Fields.as(size, Ttlv.BigIntegerItem.class)).ifPresent(fields::add);
        return new Structure(Tag.SPLIT_KEY, fields);
    }

    private Material keyBlockMaterial(SecretType type, Structure keyBlock) {
        Optional<Structure> wrapping = Fields.structure(keyBlock, Tag.KEY_WRAPPING_DATA);
        if (wrapping.isPresent()) {
            return wrappedMaterial(type, keyBlock, wrapping.get());
        }
        KeyFormatType format = Fields.enumeration(keyBlock, Tag.KEY_FORMAT_TYPE, KeyFormatType.index())
                .orElseThrow(() -> KmipError.missing("Key Format Type"));
        Structure keyValue = Fields.requiredStructure(keyBlock, Tag.KEY_VALUE);
        Ttlv keyMaterial = keyValue.find(Tag.KEY_MATERIAL).orElseThrow(() -> KmipError.missing("Key Material"));
        // Transparent asymmetric keys are stored, and digested, as the PKCS#8 / SubjectPublicKeyInfo they make.
        KeyFormatType stored = format;
        if (type == SecretType.PRIVATE && TransparentKeys.isTransparentPrivate(format)) {
            stored = KeyFormatType.PKCS_8;
        } else if (type == SecretType.PUBLIC && TransparentKeys.isTransparentPublic(format)) {
            stored = KeyFormatType.X_509;
        }
        byte[] bytes;
        try {
            bytes = switch (format) {
                case RAW, OPAQUE, PKCS_1, PKCS_8, X_509, ECPRIVATEKEY ->
                        Fields.as(keyMaterial, Ttlv.BytesItem.class).value();
                case TRANSPARENT_SYMMETRIC_KEY ->
                        Fields.requiredBytes(Fields.as(keyMaterial, Structure.class), Tag.KEY);
                case TRANSPARENT_RSA_PRIVATE_KEY, TRANSPARENT_EC_PRIVATE_KEY, TRANSPARENT_DSA_PRIVATE_KEY -> {
                    if (type != SecretType.PRIVATE) {
                        throw KmipError.invalidField(format.specName() + " material is for private keys");
                    }
                    yield encodings.privateKeyPkcs8(TransparentKeys.privateNumbers(format,
                            Fields.as(keyMaterial, Structure.class)));
                }
                case TRANSPARENT_RSA_PUBLIC_KEY, TRANSPARENT_EC_PUBLIC_KEY, TRANSPARENT_DSA_PUBLIC_KEY -> {
                    if (type != SecretType.PUBLIC) {
                        throw KmipError.invalidField(format.specName() + " material is for public keys");
                    }
                    yield encodings.publicKeySpki(TransparentKeys.publicNumbers(format,
                            Fields.as(keyMaterial, Structure.class)));
                }
                default -> throw new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                        format.specName() + " key material is not supported");
            };
            // Refuse what could never be used later, rather than store it and fail at Get or Sign.
            switch (type) {
                case PRIVATE -> encodings.privateKeyPkcs8(bytes);
                case PUBLIC -> encodings.publicKeySpki(bytes);
                case SYMMETRIC, PASSPHRASE, CERTIFICATE, OPAQUE -> {
                }
            }
        } catch (KeyEncodings.Unconvertible e) {
            throw KmipError.invalidField("Key Material: " + e.getMessage());
        }
        return new Material(type, bytes,
                Fields.enumeration(keyBlock, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index()),
                Fields.integer(keyBlock, Tag.CRYPTOGRAPHIC_LENGTH),
                Optional.of(stored), List.of());
    }

    /**
     * Key material registered wrapped (KMIP 1.4 §2.1.5, §4.3: "the server MAY store the object in its wrapped form"):
     * kept as given, the Key Value's bytes (the wrapped TTLV-encoded Key Value, or under No Encoding the wrapped Key
     * Material), with its Key Wrapping Data; Get serves it back so, and no cryptographic operation can use it.
     */
    private static Material wrappedMaterial(SecretType type, Structure keyBlock, Structure wrapping) {
        KeyFormatType format = Fields.enumeration(keyBlock, Tag.KEY_FORMAT_TYPE, KeyFormatType.index())
                .orElseThrow(() -> KmipError.missing("Key Format Type"));
        Ttlv keyValue = keyBlock.find(Tag.KEY_VALUE).orElseThrow(() -> KmipError.missing("Key Value"));
        byte[] bytes = switch (keyValue) {
            case Ttlv.BytesItem wrappedValue -> wrappedValue.value();
            case Structure value -> Fields.requiredBytes(value, Tag.KEY_MATERIAL);
            default -> throw KmipError.invalidField("Key Value must be a Byte String or a structure");
        };
        Fields.enumeration(wrapping, Tag.WRAPPING_METHOD, dev.donjon.kmip.enums.WrappingMethod.index())
                .orElseThrow(() -> KmipError.missing("Wrapping Method"));
        List<AttributeMapping.Entry> derived = List.of(new AttributeMapping.Entry(KEY_WRAPPING_DATA, 0,
                new Structure(Tag.KEY_WRAPPING_DATA, wrapping.children())));
        return new Material(type, bytes,
                Fields.enumeration(keyBlock, Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.index()),
                Fields.integer(keyBlock, Tag.CRYPTOGRAPHIC_LENGTH), Optional.of(format), derived);
    }

    /** The key block of wrapped material as it was registered: the stored bytes with their Key Wrapping Data. */
    private static Structure wrappedKeyBlock(ManagedObject object, byte[] material, Optional<KeyFormatType> requested,
                                             Structure wrapping) {
        KeyFormatType format = AttributeMapping.keyFormatType(object)
                .map(item -> Fields.enumeration(item, KeyFormatType.index())).orElse(KeyFormatType.RAW);
        requireFormat(requested, format);
        boolean unencoded = unencoded(wrapping);
        List<Ttlv> children = new ArrayList<>();
        children.add(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, format));
        children.add(unencoded ? new Structure(Tag.KEY_VALUE, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material))
                : new Ttlv.BytesItem(Tag.KEY_VALUE, material));
        AttributeMapping.algorithm(object.secret().algorithm()).ifPresent(a ->
                children.add(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, a)));
        if (object.secret().bitLength() != null) {
            children.add(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, object.secret().bitLength()));
        }
        children.add(wrapping);
        return new Structure(Tag.KEY_BLOCK, children);
    }

    /** Whether Key Wrapping Data says No Encoding: the wrapped bytes are the bare Key Material (1.1+ §2.1.5). */
    static boolean unencoded(Structure wrapping) {
        return Fields.enumeration(wrapping, Tag.ENCODING_OPTION, dev.donjon.kmip.enums.EncodingOption.index())
                .orElse(dev.donjon.kmip.enums.EncodingOption.TTLV_ENCODING)
                == dev.donjon.kmip.enums.EncodingOption.NO_ENCODING;
    }

    private static Tag objectTag(SecretType type) {
        return switch (type) {
            case SYMMETRIC -> Tag.SYMMETRIC_KEY;
            case PASSPHRASE -> Tag.SECRET_DATA;
            case PRIVATE -> Tag.PRIVATE_KEY;
            case PUBLIC -> Tag.PUBLIC_KEY;
            case SPLIT_KEY -> Tag.SPLIT_KEY;
            case TEMPLATE -> Tag.TEMPLATE;
            case CERTIFICATE -> Tag.CERTIFICATE;
            case OPAQUE -> Tag.OPAQUE_OBJECT;
        };
    }

    /** The object carried, which must be the structure its Object Type names. */
    private static Structure carried(Structure object, Tag expected) {
        if (object.tag() != expected.code()) {
            throw KmipError.missing(expected.specName());
        }
        return object;
    }

    /** The object structure Get returns, in the requested key format or the stored one. */
    Ttlv write(ManagedObject object, byte[] material, Optional<KeyFormatType> requested) {
        Optional<CryptographicAlgorithm> algorithm = AttributeMapping.algorithm(object.secret().algorithm());
        Integer length = object.secret().bitLength();
        Optional<Structure> splitFields = objectField(object, SPLIT_KEY_FIELDS);
        Optional<Structure> wrapping = objectField(object, KEY_WRAPPING_DATA);
        if (wrapping.isPresent()) {
            Structure keyBlock = wrappedKeyBlock(object, material, requested, wrapping.get());
            List<Ttlv> children = new ArrayList<>(splitFields.map(Structure::children).orElse(List.of()));
            if (object.secret().type() == SecretType.PASSPHRASE) {
                children.add(new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD));
            }
            children.add(keyBlock);
            return new Structure(objectTag(object.secret().type()), children);
        }
        try {
            return switch (object.secret().type()) {
                case TEMPLATE -> {
                    if (requested.isPresent()) {
                        throw new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, "a Template has no key format");
                    }
                    yield Templates.decode(material);
                }
                case SPLIT_KEY -> {
                    requireFormat(requested, KeyFormatType.RAW);
                    List<Ttlv> children = new ArrayList<>(splitFields.orElseThrow(() -> new IllegalStateException(
                            "split key " + object.id() + " without its fields")).children());
                    children.add(keyBlock(KeyFormatType.RAW, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material),
                            algorithm, length == null ? material.length * 8 : length));
                    yield new Structure(Tag.SPLIT_KEY, children);
                }
                case SYMMETRIC -> {
                    KeyFormatType format = requested.orElse(KeyFormatType.RAW);
                    Ttlv keyMaterial = switch (format) {
                        case RAW -> new Ttlv.BytesItem(Tag.KEY_MATERIAL, material);
                        case TRANSPARENT_SYMMETRIC_KEY ->
                                new Structure(Tag.KEY_MATERIAL, new Ttlv.BytesItem(Tag.KEY, material));
                        default -> throw unsupported(format);
                    };
                    yield new Structure(Tag.SYMMETRIC_KEY, keyBlock(format, keyMaterial, algorithm,
                            length == null ? material.length * 8 : length));
                }
                case PASSPHRASE -> {
                    // Secret data is bytes either way: Opaque by default, Raw when it was registered or asked so.
                    KeyFormatType format = requested.orElse(KeyFormatType.OPAQUE);
                    if (format != KeyFormatType.OPAQUE && format != KeyFormatType.RAW) {
                        throw unsupported(format);
                    }
                    yield new Structure(Tag.SECRET_DATA,
                            new Ttlv.EnumerationItem(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD),
                            keyBlock(format, new Ttlv.BytesItem(Tag.KEY_MATERIAL, material), Optional.empty(), null));
                }
                case OPAQUE -> {
                    requireFormat(requested, KeyFormatType.OPAQUE);
                    int dataType = Optional.ofNullable(object.attributes().text().get(
                                    KmipAttribute.OPAQUE_DATA_TYPE.v1Name()))
                            .map(stored -> AttributeMapping.storedValue(KmipAttribute.OPAQUE_DATA_TYPE.v1Name(),
                                    stored.getFirst()))
                            .map(item -> Fields.as(item, Ttlv.EnumerationItem.class).value())
                            .orElse(OPAQUE_DATA_TYPE_NONE);
                    yield new Structure(Tag.OPAQUE_OBJECT,
                            new Ttlv.EnumerationItem(Tag.OPAQUE_DATA_TYPE, dataType),
                            new Ttlv.BytesItem(Tag.OPAQUE_DATA_VALUE, material));
                }
                case CERTIFICATE -> {
                    requireFormat(requested, KeyFormatType.X_509);
                    yield new Structure(Tag.CERTIFICATE,
                            new Ttlv.EnumerationItem(Tag.CERTIFICATE_TYPE, CertificateType.X_509),
                            new Ttlv.BytesItem(Tag.CERTIFICATE_VALUE, encodings.der(material)));
                }
                case PRIVATE -> {
                    byte[] der = encodings.der(material);
                    KeyFormatType format = requested.orElseGet(() -> defaultPrivateFormat(der));
                    if (TransparentKeys.isTransparentPrivate(format)) {
                        yield new Structure(Tag.PRIVATE_KEY, keyBlock(format, TransparentKeys.privateKeyMaterial(
                                format, encodings.privateNumbers(der)), algorithm, length));
                    }
                    byte[] bytes = switch (format) {
                        case PKCS_8 -> encodings.privateKeyPkcs8(der);
                        case PKCS_1 -> encodings.privateKeyPkcs1(der);
                        case ECPRIVATEKEY -> encodings.privateKeyEc(der);
                        default -> throw unsupported(format);
                    };
                    yield new Structure(Tag.PRIVATE_KEY, keyBlock(format, new Ttlv.BytesItem(Tag.KEY_MATERIAL, bytes),
                            algorithm, length));
                }
                case PUBLIC -> {
                    byte[] der = encodings.der(material);
                    KeyFormatType format = requested.orElseGet(() -> defaultPublicFormat(der));
                    if (TransparentKeys.isTransparentPublic(format)) {
                        yield new Structure(Tag.PUBLIC_KEY, keyBlock(format, TransparentKeys.publicKeyMaterial(
                                format, encodings.publicNumbers(der)), algorithm, length));
                    }
                    byte[] bytes = switch (format) {
                        case X_509 -> encodings.publicKeySpki(der);
                        case PKCS_1 -> encodings.publicKeyPkcs1(der);
                        default -> throw unsupported(format);
                    };
                    yield new Structure(Tag.PUBLIC_KEY, keyBlock(format, new Ttlv.BytesItem(Tag.KEY_MATERIAL, bytes),
                            algorithm, length));
                }
            };
        } catch (KeyEncodings.Unconvertible e) {
            throw new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, e.getMessage());
        }
    }

    /**
     * Without a requested Key Format Type a private key comes back as stored (PKCS#8 or PKCS#1), except a DSA key,
     * whose default KMIP 2.1 §4.26 (Table 81) makes Transparent DSA Private Key.
     */
    private KeyFormatType defaultPrivateFormat(byte[] der) {
        if (encodings.isDsaPrivateKey(der)) {
            return KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY;
        }
        return encodings.isPkcs8(der) ? KeyFormatType.PKCS_8
                : encodings.isEcPrivateKey(der) ? KeyFormatType.ECPRIVATEKEY : KeyFormatType.PKCS_1;
    }

    /** As {@link #defaultPrivateFormat}: Transparent DSA Public Key for DSA, else X.509 or PKCS#1 as stored. */
    private KeyFormatType defaultPublicFormat(byte[] der) {
        if (encodings.isDsaPublicKey(der)) {
            return KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY;
        }
        return encodings.isSpki(der) ? KeyFormatType.X_509 : KeyFormatType.PKCS_1;
    }

    /**
     * The Digest attribute (KMIP 1.4 §3.17): SHA-256 of the Key Material (keys, secret data), Certificate Value or
     * Opaque Data Value. A registered object is digested in the format it came in; a generated key in the format Get
     * serves by default for that algorithm (Raw, PKCS#1 for RSA, PKCS#8 / X.509 otherwise).
     */
    Ttlv digest(SecretType type, byte[] material, Optional<KeyFormatType> registered) {
        KeyFormatType format;
        byte[] digested;
        try {
            switch (type) {
                case SPLIT_KEY -> {
                    format = registered.orElse(KeyFormatType.RAW);
                    digested = material;
                }
                case SYMMETRIC -> {
                    format = registered.orElse(KeyFormatType.RAW);
                    // A Key Material structure is digested in its TTLV encoding (KMIP 1.4 §3.17).
                    digested = format == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY
                            ? dev.donjon.kmip.TtlvBinary.encode(new Structure(Tag.KEY_MATERIAL,
                            new Ttlv.BytesItem(Tag.KEY, material)))
                            : material;
                }
                case PASSPHRASE -> {
                    format = registered.orElse(KeyFormatType.OPAQUE);
                    digested = material;
                }
                case PRIVATE -> {
                    byte[] der = encodings.der(material);
                    format = registered.orElseGet(() -> pkcs1(() -> encodings.privateKeyPkcs1(der))
                            ? KeyFormatType.PKCS_1 : KeyFormatType.PKCS_8);
                    digested = registered.isPresent() ? material : switch (format) {
                        case PKCS_1 -> encodings.privateKeyPkcs1(der);
                        default -> encodings.privateKeyPkcs8(der);
                    };
                }
                case PUBLIC -> {
                    byte[] der = encodings.der(material);
                    format = registered.orElseGet(() -> pkcs1(() -> encodings.publicKeyPkcs1(der))
                            ? KeyFormatType.PKCS_1 : KeyFormatType.X_509);
                    digested = registered.isPresent() ? material : switch (format) {
                        case PKCS_1 -> encodings.publicKeyPkcs1(der);
                        default -> encodings.publicKeySpki(der);
                    };
                }
                case CERTIFICATE -> {
                    format = null;
                    digested = encodings.der(material);
                }
                case OPAQUE -> {
                    format = null;
                    digested = material;
                }
                default -> throw new IllegalStateException("unreachable");
            }
        } catch (KeyEncodings.Unconvertible e) {
            format = null;
            digested = material;
        }
        List<Ttlv> children = new ArrayList<>(List.of(
                new Ttlv.EnumerationItem(Tag.HASHING_ALGORITHM, dev.donjon.kmip.enums.HashingAlgorithm.SHA_256),
                new Ttlv.BytesItem(Tag.DIGEST_VALUE, cryptography.hash("SHA-256", digested))));
        if (format != null) {
            children.add(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, format));
        }
        return new Structure(Tag.DIGEST, children);
    }

    private interface Conversion {
        byte[] convert();
    }

    private static boolean pkcs1(Conversion conversion) {
        try {
            conversion.convert();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Structure keyBlock(KeyFormatType format, Ttlv keyMaterial,
                                      Optional<CryptographicAlgorithm> algorithm, Integer length) {
        List<Ttlv> children = new ArrayList<>();
        children.add(new Ttlv.EnumerationItem(Tag.KEY_FORMAT_TYPE, format));
        children.add(new Structure(Tag.KEY_VALUE, keyMaterial));
        algorithm.ifPresent(a -> children.add(new Ttlv.EnumerationItem(Tag.CRYPTOGRAPHIC_ALGORITHM, a)));
        if (length != null) {
            children.add(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, length));
        }
        return new Structure(Tag.KEY_BLOCK, children);
    }

    private static void requireFormat(Optional<KeyFormatType> requested, KeyFormatType only) {
        if (requested.isPresent() && requested.get() != only) {
            throw unsupported(requested.get());
        }
    }

    private static KmipError unsupported(KeyFormatType format) {
        return new KmipError(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                format.specName() + " is not available for this object");
    }
}
