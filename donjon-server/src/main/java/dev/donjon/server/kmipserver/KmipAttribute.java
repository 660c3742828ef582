package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;

import java.util.Optional;

/**
 * The attributes this server knows, with their KMIP 1.x names (2.x names them by tag) and whether a client may change
 * them. Everything else a client sends is refused, except custom "x-" text attributes.
 */
enum KmipAttribute {
    UNIQUE_IDENTIFIER(Tag.UNIQUE_IDENTIFIER, "Unique Identifier", Change.NEVER),
    NAME(Tag.NAME, "Name", Change.MULTI),
    OBJECT_TYPE(Tag.OBJECT_TYPE, "Object Type", Change.NEVER),
    CRYPTOGRAPHIC_ALGORITHM(Tag.CRYPTOGRAPHIC_ALGORITHM, "Cryptographic Algorithm", Change.NEVER),
    CRYPTOGRAPHIC_LENGTH(Tag.CRYPTOGRAPHIC_LENGTH, "Cryptographic Length", Change.NEVER),
    CRYPTOGRAPHIC_USAGE_MASK(Tag.CRYPTOGRAPHIC_USAGE_MASK, "Cryptographic Usage Mask", Change.SINGLE),
    STATE(Tag.STATE, "State", Change.NEVER),
    INITIAL_DATE(Tag.INITIAL_DATE, "Initial Date", Change.NEVER),
    ACTIVATION_DATE(Tag.ACTIVATION_DATE, "Activation Date", Change.NEVER),
    DEACTIVATION_DATE(Tag.DEACTIVATION_DATE, "Deactivation Date", Change.NEVER),
    DESTROY_DATE(Tag.DESTROY_DATE, "Destroy Date", Change.NEVER),
    COMPROMISE_OCCURRENCE_DATE(Tag.COMPROMISE_OCCURRENCE_DATE, "Compromise Occurrence Date", Change.NEVER),
    COMPROMISE_DATE(Tag.COMPROMISE_DATE, "Compromise Date", Change.NEVER),
    REVOCATION_REASON(Tag.REVOCATION_REASON, "Revocation Reason", Change.NEVER),
    LINK(Tag.LINK, "Link", Change.MULTI),
    LAST_CHANGE_DATE(Tag.LAST_CHANGE_DATE, "Last Change Date", Change.NEVER),
    OBJECT_GROUP(Tag.OBJECT_GROUP, "Object Group", Change.MULTI),
    CONTACT_INFORMATION(Tag.CONTACT_INFORMATION, "Contact Information", Change.SINGLE),
    // Kept as given (Storage.ENCODED): the server stores them, answers them back and reads a few (Cryptographic
    // Parameters as the defaults of Encrypt, Decrypt, Sign and Verify), but they map onto no domain field.
    CRYPTOGRAPHIC_PARAMETERS(Tag.CRYPTOGRAPHIC_PARAMETERS, "Cryptographic Parameters", Change.MULTI),
    CRYPTOGRAPHIC_DOMAIN_PARAMETERS(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, "Cryptographic Domain Parameters",
            Change.SINGLE),
    APPLICATION_SPECIFIC_INFORMATION(Tag.APPLICATION_SPECIFIC_INFORMATION, "Application Specific Information",
            Change.MULTI),
    ALTERNATIVE_NAME(Tag.ALTERNATIVE_NAME, "Alternative Name", Change.MULTI),
    DESCRIPTION(Tag.DESCRIPTION, "Description", Change.SINGLE),
    COMMENT(Tag.COMMENT, "Comment", Change.SINGLE),
    SENSITIVE(Tag.SENSITIVE, "Sensitive", Change.SINGLE),
    EXTRACTABLE(Tag.EXTRACTABLE, "Extractable", Change.SINGLE),
    PROCESS_START_DATE(Tag.PROCESS_START_DATE, "Process Start Date", Change.SINGLE),
    PROTECT_STOP_DATE(Tag.PROTECT_STOP_DATE, "Protect Stop Date", Change.SINGLE),
    USAGE_LIMITS(Tag.USAGE_LIMITS, "Usage Limits", Change.SINGLE),
    // Set once, when the object is created or registered: by the server, or by the client in the request.
    DIGEST(Tag.DIGEST, "Digest", Change.CREATION),
    ORIGINAL_CREATION_DATE(Tag.ORIGINAL_CREATION_DATE, "Original Creation Date", Change.CREATION),
    RANDOM_NUMBER_GENERATOR(Tag.RANDOM_NUMBER_GENERATOR, "Random Number Generator", Change.CREATION),
    CERTIFICATE_TYPE(Tag.CERTIFICATE_TYPE, "Certificate Type", Change.CREATION);

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
                 COMPROMISE_OCCURRENCE_DATE, COMPROMISE_DATE, REVOCATION_REASON, LINK, LAST_CHANGE_DATE ->
                    Storage.DOMAIN;
            default -> Storage.ENCODED;
        };
    }

    private final Tag tag;
    private final String v1Name;
    private final Change change;

    KmipAttribute(Tag tag, String v1Name, Change change) {
        this.tag = tag;
        this.v1Name = v1Name;
        this.change = change;
    }

    Tag tag() {
        return tag;
    }

    String v1Name() {
        return v1Name;
    }

    Change change() {
        return change;
    }

    static Optional<KmipAttribute> byTag(int code) {
        for (KmipAttribute attribute : values()) {
            if (attribute.tag.code() == code) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    static Optional<KmipAttribute> byV1Name(String name) {
        return Tag.fromAttributeName(name).flatMap(tag -> byTag(tag.code()));
    }

    /** Custom attributes of KMIP 1.x: client-defined names start with "x-", server-defined ones with "y-". */
    static boolean isCustom(String name) {
        return name.startsWith("x-") || name.startsWith("y-");
    }
}
