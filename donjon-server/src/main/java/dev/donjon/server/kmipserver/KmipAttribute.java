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
    CONTACT_INFORMATION(Tag.CONTACT_INFORMATION, "Contact Information", Change.SINGLE);

    /** Whether clients may set the attribute, and how many instances it has. */
    enum Change { NEVER, SINGLE, MULTI }

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
