package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.ResultReason;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which KMIP version introduced each tag, each enumeration value a server may answer, and the fields that a version
 * added to an existing structure; and the one filter that makes a message speak an older version. An answer built
 * for the newest version passes through {@link #restrict} once, when it is encoded, so no code path can leak an item
 * the negotiated version does not define (a 1.2 client cannot parse Sensitive, a 1.0 client a Digest's Key Format
 * Type). Attributes of 1.x travel as name/value Attribute structures, so their names are looked up as tags too.
 *
 * <p>The tag ranges follow the specifications' tag tables, whose values each version extended at the end (1.0 up to
 * 0x4200A1, 1.1 to 0x4200B7, 1.2 to 0x4200D3, 1.3 to 0x4200F7, 1.4 to 0x420124, 2.0 to 0x420165).
 */
public final class VersionTable {
    private static final int[] TAG_ENDS = {0x4200A1, 0x4200B7, 0x4200D3, 0x4200F7, 0x420124, 0x420165};
    private static final ProtocolVersion[] TAG_VERSIONS = {ProtocolVersion.V1_0, ProtocolVersion.V1_1,
            ProtocolVersion.V1_2, ProtocolVersion.V1_3, ProtocolVersion.V1_4, ProtocolVersion.V2_0};

    /**
     * Enumeration values introduced after the enumeration itself: per enumeration tag, ascending value thresholds and
     * the version from which values at or above each threshold exist.
     */
    private static final Map<Tag, List<Threshold>> ENUMERATION_VALUES = Map.of(
            // Operation: Re-key Key Pair and Discover Versions 1.1; Encrypt .. Join Split Key 1.2; Import and Export
            // 1.4; Log .. 2.0; Delegated Login and later 2.1.
            Tag.OPERATION, List.of(new Threshold(0x1D, ProtocolVersion.V1_1), new Threshold(0x1F, ProtocolVersion.V1_2),
                    new Threshold(0x2A, ProtocolVersion.V1_4), new Threshold(0x2C, ProtocolVersion.V2_0),
                    new Threshold(0x36, ProtocolVersion.V2_1)),
            // Object Type: PGP Key 1.2, Certificate Request 2.0.
            Tag.OBJECT_TYPE, List.of(new Threshold(0x09, ProtocolVersion.V1_2),
                    new Threshold(0x0A, ProtocolVersion.V2_0)),
            // Key Format Type: Transparent EC keys 1.3, PKCS#12 1.4, PKCS#10 2.0.
            Tag.KEY_FORMAT_TYPE, List.of(new Threshold(0x14, ProtocolVersion.V1_3),
                    new Threshold(0x16, ProtocolVersion.V1_4), new Threshold(0x17, ProtocolVersion.V2_0)),
            // Cryptographic Algorithm: EC 1.2, One Time Pad 1.3, ChaCha20 .. SHAKE-256 1.4, ARIA and later 2.0.
            Tag.CRYPTOGRAPHIC_ALGORITHM, List.of(new Threshold(0x1A, ProtocolVersion.V1_2),
                    new Threshold(0x1B, ProtocolVersion.V1_3), new Threshold(0x1C, ProtocolVersion.V1_4),
                    new Threshold(0x29, ProtocolVersion.V2_0)),
            // Block Cipher Mode: AEAD 1.4.
            Tag.BLOCK_CIPHER_MODE, List.of(new Threshold(0x12, ProtocolVersion.V1_4)),
            // Hashing Algorithm: SHA-512/224 and SHA-512/256 1.2, SHA-3 1.4.
            Tag.HASHING_ALGORITHM, List.of(new Threshold(0x0C, ProtocolVersion.V1_2),
                    new Threshold(0x0E, ProtocolVersion.V1_4)),
            // Digital Signature Algorithm (itself 1.1): SHA3 with RSA 1.4.
            Tag.DIGITAL_SIGNATURE_ALGORITHM, List.of(new Threshold(0x11, ProtocolVersion.V1_4)),
            // Result Reason: Encoding Option Error 1.1; Key Value Not Present, Attestation Required/Failed 1.2;
            // Sensitive, Not Extractable, Object Already Exists 1.4; Invalid Ticket and later 2.0; General Failure
            // (0x100) is 1.0's.
            Tag.RESULT_REASON, List.of(new Threshold(0x12, ProtocolVersion.V1_1),
                    new Threshold(0x13, ProtocolVersion.V1_2), new Threshold(0x16, ProtocolVersion.V1_4),
                    new Threshold(0x19, ProtocolVersion.V2_0), new Threshold(0x100, ProtocolVersion.V1_0)));

    /** Fields a later version added to a structure that existed before it. */
    private static final Map<Tag, Map<Tag, ProtocolVersion>> ADDED_FIELDS = Map.of(
            // KMIP 1.1 §3.17 gave the Digest the Key Format Type the digest was computed on.
            Tag.DIGEST, Map.of(Tag.KEY_FORMAT_TYPE, ProtocolVersion.V1_1));

    private record Threshold(int from, ProtocolVersion version) {
    }

    private VersionTable() {
    }

    /** The version that introduced {@code tag}; empty for vendor extension tags (0x54xxxx), which any version may carry. */
    public static Optional<ProtocolVersion> introduced(int tag) {
        for (int i = 0; i < TAG_ENDS.length; i++) {
            if (tag <= TAG_ENDS[i]) {
                return tag >= 0x420000 ? Optional.of(TAG_VERSIONS[i]) : Optional.empty();
            }
        }
        return tag < 0x540000 ? Optional.of(ProtocolVersion.V2_1) : Optional.empty();
    }

    /** The version that introduced value {@code value} of the enumeration under {@code tag}. */
    public static ProtocolVersion introduced(int tag, int value) {
        ProtocolVersion enumeration = introduced(tag).orElse(ProtocolVersion.V1_0);
        ProtocolVersion version = enumeration;
        for (Map.Entry<Tag, List<Threshold>> entry : ENUMERATION_VALUES.entrySet()) {
            if (entry.getKey().code() == tag) {
                // The last threshold at or below the value decides (a high value may be an old one: General Failure).
                for (Threshold threshold : entry.getValue()) {
                    if (value >= threshold.from()) {
                        version = newer(threshold.version(), enumeration) ? threshold.version() : enumeration;
                    }
                }
            }
        }
        return version;
    }

    /** Whether {@code version} defines every part of {@code item} (an answer that needs no {@link #restrict}). */
    public static boolean defines(Ttlv item, ProtocolVersion version) {
        return restrict(item, version).map(item::equals).orElse(false);
    }

    /**
     * {@code item} without what {@code version} does not define: items whose tag or enumeration value is newer, fields
     * added to their structure later, and 1.x Attribute structures naming a newer attribute. Empty when the item
     * itself is newer than the version.
     */
    public static Optional<Ttlv> restrict(Ttlv item, ProtocolVersion version) {
        return restrict(item, item.tag(), version);
    }

    /** @param as the tag whose rules apply: a 1.x Attribute Value is read as the attribute it carries */
    private static Optional<Ttlv> restrict(Ttlv item, int as, ProtocolVersion version) {
        if (newer(introduced(as).orElse(ProtocolVersion.V1_0), version)) {
            return Optional.empty();
        }
        if (item instanceof Ttlv.EnumerationItem enumeration && newer(introduced(as, enumeration.value()), version)) {
            // A failure must carry a reason: the nearest one the client's version defines (the message still says
            // exactly what was wrong).
            return as == Tag.RESULT_REASON.code()
                    ? Optional.of(new Ttlv.EnumerationItem(Tag.RESULT_REASON, olderReason(enumeration.value(), version)))
                    : Optional.empty();
        }
        if (!(item instanceof Ttlv.Structure structure)) {
            return Optional.of(item);
        }
        if (structure.tag() == Tag.ATTRIBUTE.code() && !version.usesTaggedAttributes()) {
            return v1Attribute(structure, version);
        }
        Map<Tag, ProtocolVersion> added = Tag.fromCode(as).map(ADDED_FIELDS::get).orElse(Map.of());
        List<Ttlv> kept = new ArrayList<>(structure.children().size());
        for (Ttlv child : structure.children()) {
            // A batch item names the operation the client sent, which it must get back even when its version does
            // not define that operation (the refusal says Operation Not Supported).
            if (structure.tag() == Tag.BATCH_ITEM.code() && child.tag() == Tag.OPERATION.code()) {
                kept.add(child);
                continue;
            }
            ProtocolVersion since = Tag.fromCode(child.tag()).map(added::get).orElse(null);
            if (since == null || !newer(since, version)) {
                restrict(child, child.tag(), version).ifPresent(kept::add);
            }
        }
        return Optional.of(kept.size() == structure.children().size() && kept.equals(structure.children())
                ? structure : new Ttlv.Structure(structure.tag(), kept));
    }

    /** A 1.x Attribute: gone when its name is a newer attribute, its value restricted as that attribute. */
    private static Optional<Ttlv> v1Attribute(Ttlv.Structure attribute, ProtocolVersion version) {
        Optional<Tag> named = attribute.find(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class)
                .flatMap(name -> Tag.fromAttributeName(name.value()));
        if (named.isEmpty()) {
            return Optional.of(attribute);
        }
        int as = named.get().code();
        if (newer(introduced(as).orElse(ProtocolVersion.V1_0), version)) {
            return Optional.empty();
        }
        List<Ttlv> kept = new ArrayList<>(attribute.children().size());
        for (Ttlv child : attribute.children()) {
            if (child.tag() != Tag.ATTRIBUTE_VALUE.code()) {
                kept.add(child);
                continue;
            }
            Optional<Ttlv> value = restrict(child, as, version);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            kept.add(value.get());
        }
        return Optional.of(new Ttlv.Structure(attribute.tag(), kept));
    }

    /** The reason a client of {@code version} is given for a reason its version does not define. */
    private static ResultReason olderReason(int value, ProtocolVersion version) {
        ResultReason nearest = switch (ResultReason.fromCode(value).orElse(ResultReason.GENERAL_FAILURE)) {
            case OBJECT_NOT_FOUND, WRAPPING_OBJECT_NOT_FOUND -> ResultReason.ITEM_NOT_FOUND;
            case NOT_AUTHORISED, SENSITIVE, NOT_EXTRACTABLE, ATTESTATION_REQUIRED, ATTESTATION_FAILED ->
                    ResultReason.PERMISSION_DENIED;
            case OBJECT_DESTROYED, WRAPPING_OBJECT_DESTROYED, WRAPPING_OBJECT_ARCHIVED, WRONG_KEY_LIFECYCLE_STATE,
                 KEY_VALUE_NOT_PRESENT, INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, USAGE_LIMIT_EXCEEDED ->
                    ResultReason.ILLEGAL_OPERATION;
            case KEY_WRAP_TYPE_NOT_SUPPORTED, UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, UNSUPPORTED_ATTRIBUTE,
                 UNSUPPORTED_PROTOCOL_VERSION, UNKNOWN_MESSAGE_EXTENSION -> ResultReason.FEATURE_NOT_SUPPORTED;
            case ENCODING_OPTION_ERROR, OBJECT_ALREADY_EXISTS, NON_UNIQUE_NAME_ATTRIBUTE, INVALID_ATTRIBUTE,
                 INVALID_ATTRIBUTE_VALUE, INVALID_OBJECT_TYPE, ILLEGAL_OBJECT_TYPE, INVALID_DATA_TYPE, NUMERIC_RANGE,
                 READ_ONLY_ATTRIBUTE, ATTRIBUTE_READ_ONLY, ATTRIBUTE_SINGLE_VALUED, MULTI_VALUED_ATTRIBUTE,
                 ATTRIBUTE_NOT_FOUND, ATTRIBUTE_INSTANCE_NOT_FOUND, BAD_CRYPTOGRAPHIC_PARAMETERS,
                 MISSING_INITIALIZATION_VECTOR, INVALID_CORRELATION_VALUE, INVALID_CSR, UNKNOWN_ENUMERATION,
                 UNKNOWN_TAG, INVALID_TICKET, CONSTRAINT_VIOLATION -> ResultReason.INVALID_FIELD;
            case CODEC_ERROR -> ResultReason.INVALID_MESSAGE;
            default -> ResultReason.GENERAL_FAILURE;
        };
        return newer(introduced(Tag.RESULT_REASON.code(), nearest.code()), version) ? ResultReason.GENERAL_FAILURE
                : nearest;
    }

    private static boolean newer(ProtocolVersion introduced, ProtocolVersion version) {
        return introduced.compareTo(version) > 0;
    }
}
