package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.message.AttributeCodec;
import dev.donjon.kmip.message.AttributeName;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes this server knows and whether a client may change them. Everything else a client sends is refused,
 * except custom "x-" text attributes. An attribute's KMIP 1.x name, and whether 2.x removed it, are the library's
 * ({@link AttributeCodec}); only an attribute KMIP 1.x does not have (2.x's Short Unique Identifier, the certificate
 * name fields, Opaque Data Type, which 1.x has as a field only) is given a name here: the key it is stored under.
 */
enum KmipAttribute {
    UNIQUE_IDENTIFIER(Tag.UNIQUE_IDENTIFIER, Change.NEVER),
    NAME(Tag.NAME, Change.MULTI),
    OBJECT_TYPE(Tag.OBJECT_TYPE, Change.NEVER),
    CRYPTOGRAPHIC_ALGORITHM(Tag.CRYPTOGRAPHIC_ALGORITHM, Change.NEVER),
    CRYPTOGRAPHIC_LENGTH(Tag.CRYPTOGRAPHIC_LENGTH, Change.NEVER),
    CRYPTOGRAPHIC_USAGE_MASK(Tag.CRYPTOGRAPHIC_USAGE_MASK, Change.SINGLE),
    STATE(Tag.STATE, Change.NEVER),
    INITIAL_DATE(Tag.INITIAL_DATE, Change.NEVER),
    // Lifecycle dates a client may give at creation and change later, through the lifecycle (KeyService.reschedule).
    ACTIVATION_DATE(Tag.ACTIVATION_DATE, Change.SINGLE),
    DEACTIVATION_DATE(Tag.DEACTIVATION_DATE, Change.SINGLE),
    DESTROY_DATE(Tag.DESTROY_DATE, Change.NEVER),
    COMPROMISE_OCCURRENCE_DATE(Tag.COMPROMISE_OCCURRENCE_DATE, Change.NEVER),
    COMPROMISE_DATE(Tag.COMPROMISE_DATE, Change.NEVER),
    REVOCATION_REASON(Tag.REVOCATION_REASON, Change.NEVER),
    LINK(Tag.LINK, Change.MULTI),
    LAST_CHANGE_DATE(Tag.LAST_CHANGE_DATE, Change.NEVER),
    OBJECT_GROUP(Tag.OBJECT_GROUP, Change.MULTI),
    CONTACT_INFORMATION(Tag.CONTACT_INFORMATION, Change.SINGLE),
    // Kept as given (Storage.ENCODED): the server stores them, answers them back and reads a few (Cryptographic
    // Parameters as the defaults of Encrypt, Decrypt, Sign and Verify), but they map onto no domain field.
    CRYPTOGRAPHIC_PARAMETERS(Tag.CRYPTOGRAPHIC_PARAMETERS, Change.MULTI),
    CRYPTOGRAPHIC_DOMAIN_PARAMETERS(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, Change.SINGLE),
    APPLICATION_SPECIFIC_INFORMATION(Tag.APPLICATION_SPECIFIC_INFORMATION, Change.MULTI),
    ALTERNATIVE_NAME(Tag.ALTERNATIVE_NAME, Change.MULTI),
    DESCRIPTION(Tag.DESCRIPTION, Change.SINGLE),
    COMMENT(Tag.COMMENT, Change.SINGLE),
    // KMIP 1.x only (deprecated in 1.3, gone in 2.0): kept as given, as PyKMIP's clients send it; Donjon's policy is
    // its own (AccessPolicy), so the name decides nothing.
    OPERATION_POLICY_NAME(Tag.OPERATION_POLICY_NAME, Change.SINGLE),
    // The domain's KeyProtection, which binds REST reads too: always one value, never kept encoded.
    SENSITIVE(Tag.SENSITIVE, Change.SINGLE),
    EXTRACTABLE(Tag.EXTRACTABLE, Change.SINGLE),
    PROCESS_START_DATE(Tag.PROCESS_START_DATE, Change.SINGLE),
    PROTECT_STOP_DATE(Tag.PROTECT_STOP_DATE, Change.SINGLE),
    USAGE_LIMITS(Tag.USAGE_LIMITS, Change.SINGLE),
    // Set once, when the object is created or registered: by the server, or by the client in the request.
    DIGEST(Tag.DIGEST, Change.CREATION),
    ORIGINAL_CREATION_DATE(Tag.ORIGINAL_CREATION_DATE, Change.CREATION),
    RANDOM_NUMBER_GENERATOR(Tag.RANDOM_NUMBER_GENERATOR, Change.CREATION),
    // Fresh may be given False at Register (KMIP 2.1 §4.24); the server clears it once it serves the key material.
    FRESH(Tag.FRESH, Change.CREATION),
    // Server-maintained, kept as encoded text attributes like the ones above.
    ALWAYS_SENSITIVE(Tag.ALWAYS_SENSITIVE, Change.NEVER),
    NEVER_EXTRACTABLE(Tag.NEVER_EXTRACTABLE, Change.NEVER),
    LEASE_TIME(Tag.LEASE_TIME, Change.NEVER),
    OPAQUE_DATA_TYPE(Tag.OPAQUE_DATA_TYPE, "Opaque Data Type", Change.NEVER),
    // Derived from the object when it is described (2.x only), never stored: a Locate by them finds nothing in the
    // text attributes and needs its own rule.
    SHORT_UNIQUE_IDENTIFIER(Tag.SHORT_UNIQUE_IDENTIFIER, "Short Unique Identifier", Change.NEVER),
    KEY_FORMAT_TYPE(Tag.KEY_FORMAT_TYPE, "Key Format Type", Change.NEVER),
    PROTECTION_STORAGE_MASK(Tag.PROTECTION_STORAGE_MASK, "Protection Storage Mask", Change.NEVER),
    // Read from a registered X.509 certificate (CertificateAttributes).
    CERTIFICATE_TYPE(Tag.CERTIFICATE_TYPE, Change.CREATION),
    CERTIFICATE_LENGTH(Tag.CERTIFICATE_LENGTH, Change.NEVER),
    DIGITAL_SIGNATURE_ALGORITHM(Tag.DIGITAL_SIGNATURE_ALGORITHM, Change.NEVER),
    X_509_CERTIFICATE_IDENTIFIER(Tag.X_509_CERTIFICATE_IDENTIFIER, Change.NEVER),
    X_509_CERTIFICATE_SUBJECT(Tag.X_509_CERTIFICATE_SUBJECT, Change.NEVER),
    X_509_CERTIFICATE_ISSUER(Tag.X_509_CERTIFICATE_ISSUER, Change.NEVER),
    // Deprecated since KMIP 1.1 but still always set in 1.4 (§3.13–3.15); KMIP 2.x removed them.
    CERTIFICATE_IDENTIFIER(Tag.CERTIFICATE_IDENTIFIER, Change.NEVER),
    CERTIFICATE_SUBJECT(Tag.CERTIFICATE_SUBJECT, Change.NEVER),
    CERTIFICATE_ISSUER(Tag.CERTIFICATE_ISSUER, Change.NEVER),
    CERTIFICATE_SUBJECT_CN(Tag.CERTIFICATE_SUBJECT_CN, "Certificate Subject CN", Change.NEVER),
    CERTIFICATE_SUBJECT_O(Tag.CERTIFICATE_SUBJECT_O, "Certificate Subject O", Change.NEVER),
    CERTIFICATE_SUBJECT_OU(Tag.CERTIFICATE_SUBJECT_OU, "Certificate Subject OU", Change.NEVER),
    CERTIFICATE_SUBJECT_EMAIL(Tag.CERTIFICATE_SUBJECT_EMAIL, "Certificate Subject Email", Change.NEVER),
    CERTIFICATE_SUBJECT_C(Tag.CERTIFICATE_SUBJECT_C, "Certificate Subject C", Change.NEVER),
    CERTIFICATE_SUBJECT_ST(Tag.CERTIFICATE_SUBJECT_ST, "Certificate Subject ST", Change.NEVER),
    CERTIFICATE_SUBJECT_L(Tag.CERTIFICATE_SUBJECT_L, "Certificate Subject L", Change.NEVER),
    CERTIFICATE_SUBJECT_UID(Tag.CERTIFICATE_SUBJECT_UID, "Certificate Subject UID", Change.NEVER),
    CERTIFICATE_SUBJECT_SERIAL_NUMBER(Tag.CERTIFICATE_SUBJECT_SERIAL_NUMBER, "Certificate Subject Serial Number",
            Change.NEVER),
    CERTIFICATE_SUBJECT_TITLE(Tag.CERTIFICATE_SUBJECT_TITLE, "Certificate Subject Title", Change.NEVER),
    CERTIFICATE_SUBJECT_DC(Tag.CERTIFICATE_SUBJECT_DC, "Certificate Subject DC", Change.NEVER),
    CERTIFICATE_SUBJECT_DN_QUALIFIER(Tag.CERTIFICATE_SUBJECT_DN_QUALIFIER, "Certificate Subject DN Qualifier",
            Change.NEVER),
    CERTIFICATE_ISSUER_CN(Tag.CERTIFICATE_ISSUER_CN, "Certificate Issuer CN", Change.NEVER),
    CERTIFICATE_ISSUER_O(Tag.CERTIFICATE_ISSUER_O, "Certificate Issuer O", Change.NEVER),
    CERTIFICATE_ISSUER_OU(Tag.CERTIFICATE_ISSUER_OU, "Certificate Issuer OU", Change.NEVER),
    CERTIFICATE_ISSUER_EMAIL(Tag.CERTIFICATE_ISSUER_EMAIL, "Certificate Issuer Email", Change.NEVER),
    CERTIFICATE_ISSUER_C(Tag.CERTIFICATE_ISSUER_C, "Certificate Issuer C", Change.NEVER),
    CERTIFICATE_ISSUER_ST(Tag.CERTIFICATE_ISSUER_ST, "Certificate Issuer ST", Change.NEVER),
    CERTIFICATE_ISSUER_L(Tag.CERTIFICATE_ISSUER_L, "Certificate Issuer L", Change.NEVER),
    CERTIFICATE_ISSUER_UID(Tag.CERTIFICATE_ISSUER_UID, "Certificate Issuer UID", Change.NEVER),
    CERTIFICATE_ISSUER_SERIAL_NUMBER(Tag.CERTIFICATE_ISSUER_SERIAL_NUMBER, "Certificate Issuer Serial Number",
            Change.NEVER),
    CERTIFICATE_ISSUER_TITLE(Tag.CERTIFICATE_ISSUER_TITLE, "Certificate Issuer Title", Change.NEVER),
    CERTIFICATE_ISSUER_DC(Tag.CERTIFICATE_ISSUER_DC, "Certificate Issuer DC", Change.NEVER),
    CERTIFICATE_ISSUER_DN_QUALIFIER(Tag.CERTIFICATE_ISSUER_DN_QUALIFIER, "Certificate Issuer DN Qualifier",
            Change.NEVER);

    /**
     * Whether clients may set the attribute, and how many instances it has: NEVER (the server sets it), CREATION
     * (only in the Create or Register request, otherwise the server sets it), SINGLE or MULTI (changeable).
     */
    enum Change { NEVER, CREATION, SINGLE, MULTI }

    /**
     * How the attribute is kept: DOMAIN (a domain field), TEXT (a text attribute of the object), ENCODED (the KMIP
     * value itself, kept as a text attribute holding its TTLV encoding in hex).
     */
    enum Storage { DOMAIN, TEXT, ENCODED }

    Storage storage() {
        return switch (this) {
            case OBJECT_GROUP, CONTACT_INFORMATION -> Storage.TEXT;
            case UNIQUE_IDENTIFIER, NAME, OBJECT_TYPE, CRYPTOGRAPHIC_ALGORITHM, CRYPTOGRAPHIC_LENGTH,
                 CRYPTOGRAPHIC_USAGE_MASK, STATE, INITIAL_DATE, ACTIVATION_DATE, DEACTIVATION_DATE, DESTROY_DATE,
                 COMPROMISE_OCCURRENCE_DATE, COMPROMISE_DATE, REVOCATION_REASON, LINK, LAST_CHANGE_DATE, SENSITIVE,
                 EXTRACTABLE ->
                    Storage.DOMAIN;
            default -> Storage.ENCODED;
        };
    }

    private final Tag tag;
    private final String v1Name;
    private final Change change;

    /** A KMIP 1.x attribute, named as the library names it. */
    KmipAttribute(Tag tag, Change change) {
        this(tag, AttributeCodec.v1Name(new AttributeName.Standard(tag)).orElseThrow(() ->
                new IllegalStateException(tag + " has no KMIP 1.x name")), change);
    }

    /** An attribute KMIP 1.x does not define, stored under {@code storedName}. */
    KmipAttribute(Tag tag, String storedName, Change change) {
        this.tag = tag;
        this.v1Name = storedName;
        this.change = change;
    }

    Tag tag() {
        return tag;
    }

    /** The attribute's KMIP 1.x name, the name it is stored under (for a 2.x-only attribute, the name given here). */
    String v1Name() {
        return v1Name;
    }

    Change change() {
        return change;
    }

    /** An attribute KMIP 2.x removed: never listed in a 2.x answer. */
    boolean v1Only() {
        return !AttributeCodec.existsInV2(new AttributeName.Standard(tag));
    }

    /** An attribute KMIP 2.x introduced, which 1.x has no name for: never listed in a 1.x answer. */
    boolean v2Only() {
        return AttributeCodec.v1Name(new AttributeName.Standard(tag)).isEmpty();
    }

    /**
     * The first attribute of each tag, in declaration order. {@link #byTag} and {@link #byV1Name} run several times for
     * every attribute of every request and every stored attribute read; a scan of {@code values()} (a copy of the array
     * each call) after normalising the name cost a KMIP Create about 7 % of its request thread's time.
     */
    private static final Map<Integer, KmipAttribute> BY_TAG = new HashMap<>();
    /** What {@link #lookUp} answers for each attribute's own 1.x name, the name clients and storage use. */
    private static final Map<String, Optional<KmipAttribute>> BY_OWN_NAME = new HashMap<>();

    static {
        for (KmipAttribute attribute : values()) {
            BY_TAG.putIfAbsent(attribute.tag.code(), attribute);
        }
        for (KmipAttribute attribute : values()) {
            BY_OWN_NAME.put(attribute.v1Name, lookUp(attribute.v1Name));
        }
    }

    static Optional<KmipAttribute> byTag(int code) {
        return Optional.ofNullable(BY_TAG.get(code));
    }

    static Optional<KmipAttribute> byV1Name(String name) {
        Optional<KmipAttribute> own = BY_OWN_NAME.get(name);
        return own != null ? own : lookUp(name);
    }

    /** The attribute a 1.x name designates, however the client spelled it (the library normalises the name). */
    private static Optional<KmipAttribute> lookUp(String name) {
        return Tag.fromAttributeName(name).flatMap(tag -> byTag(tag.code()));
    }

    /** Custom attributes of KMIP 1.x: client-defined names start with "x-", server-defined ones with "y-". */
    static boolean isCustom(String name) {
        return name.startsWith("x-") || name.startsWith("y-");
    }
}
