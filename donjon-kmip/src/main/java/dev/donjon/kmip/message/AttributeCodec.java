package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where KMIP 1.x and 2.x attributes differ. 1.x sends attributes as
 * {@code Attribute(AttributeName "Cryptographic Algorithm", AttributeIndex?, AttributeValue)},
 * grouped in a Template-Attribute; 2.x sends each as an item with the attribute's own tag, grouped
 * in an Attributes structure, and vendor attributes as {@code Attribute(VendorIdentification,
 * AttributeName, AttributeValue)}. Get Attributes selects by Attribute Name text in 1.x and by
 * Attribute Reference (a tag, or a vendor structure) in 2.x.
 *
 * <p>Reading errors are Invalid Field, since attributes live in payloads.
 */
public final class AttributeCodec {

    /** Where a group of attributes goes: its 1.x and 2.x wrapper tags. */
    public enum Group {
        TEMPLATE(Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES),
        COMMON(Tag.COMMON_TEMPLATE_ATTRIBUTE, Tag.COMMON_ATTRIBUTES),
        PRIVATE_KEY(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_ATTRIBUTES),
        PUBLIC_KEY(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_ATTRIBUTES);

        private final Tag v1;
        private final Tag v2;

        Group(Tag v1, Tag v2) {
            this.v1 = v1;
            this.v2 = v2;
        }

        public Tag tag(ProtocolVersion version) {
            return version.usesTaggedAttributes() ? v2 : v1;
        }

        /** Both wrapper tags, the 1.x one first. */
        public List<Tag> tags() {
            return List.of(v1, v2);
        }
    }

    /** The attribute names of KMIP 1.4 §3 (1.0–1.3 use a subset); a 2.x-only attribute has no 1.x name. */
    private static final List<String> V1_NAMES = List.of("Unique Identifier", "Name", "Object Type", "Cryptographic Algorithm",
            "Cryptographic Length", "Cryptographic Parameters", "Cryptographic Domain Parameters", "Certificate Type", "Certificate Length",
            "X.509 Certificate Identifier", "X.509 Certificate Subject", "X.509 Certificate Issuer", "Certificate Identifier",
            "Certificate Subject", "Certificate Issuer", "Digital Signature Algorithm", "Digest", "Operation Policy Name",
            "Cryptographic Usage Mask", "Lease Time", "Usage Limits", "State", "Initial Date", "Activation Date", "Process Start Date",
            "Protect Stop Date", "Deactivation Date", "Destroy Date", "Compromise Occurrence Date", "Compromise Date", "Revocation Reason",
            "Archive Date", "Object Group", "Fresh", "Link", "Application Specific Information", "Contact Information", "Last Change Date",
            "Alternative Name", "Key Value Present", "Key Value Location", "Original Creation Date", "Random Number Generator",
            "PKCS#12 Friendly Name", "Description", "Comment", "Sensitive", "Always Sensitive", "Extractable", "Never Extractable");

    /** 1.x attributes that 2.x removed (their tags are reserved there). */
    private static final Set<Tag> V1_ONLY = Set.of(Tag.CERTIFICATE_IDENTIFIER, Tag.CERTIFICATE_SUBJECT, Tag.CERTIFICATE_ISSUER,
            Tag.OPERATION_POLICY_NAME);

    private static final Map<String, Tag> TAG_BY_V1_NAME = new HashMap<>();
    private static final Map<Tag, String> V1_NAME_BY_TAG = new HashMap<>();

    static {
        for (String name : V1_NAMES) {
            Tag tag = Tag.fromAttributeName(name).orElseThrow(() -> new IllegalStateException("no tag for attribute " + name));
            TAG_BY_V1_NAME.put(name, tag);
            V1_NAME_BY_TAG.put(tag, name);
        }
    }

    private AttributeCodec() {
    }

    /** "Cryptographic Algorithm" for CRYPTOGRAPHIC_ALGORITHM, "x-ID" for vendor x's "ID"; empty for a 2.x-only attribute. */
    public static Optional<String> v1Name(AttributeName name) {
        return switch (name) {
            case AttributeName.Standard s -> Optional.ofNullable(V1_NAME_BY_TAG.get(s.tag()));
            case AttributeName.Vendor v -> Optional.of(v.vendorIdentification() + "-" + v.name());
        };
    }

    /** The attribute a 1.x Attribute Name designates: a 1.x standard name, or a custom "x-…"/"y-…" name. */
    public static AttributeName fromV1Name(String name) throws KmipMessageException {
        Tag tag = TAG_BY_V1_NAME.get(name);
        if (tag != null) {
            return new AttributeName.Standard(tag);
        }
        if (name.length() > 2 && (name.startsWith("x-") || name.startsWith("y-"))) {
            return new AttributeName.Vendor(name.substring(0, 1), name.substring(2));
        }
        throw new KmipMessageException(ResultReason.INVALID_FIELD, "unknown attribute name '" + name + "'");
    }

    public static Structure writeV1(Attribute attribute) {
        String name = v1Name(attribute.name()).orElseThrow(() ->
                new IllegalArgumentException(attribute.name() + " has no KMIP 1.x attribute name"));
        return new Children()
                .text(Tag.ATTRIBUTE_NAME, name)
                .integer(Tag.ATTRIBUTE_INDEX, attribute.index())
                .add(attribute.value().withTag(Tag.ATTRIBUTE_VALUE.code()))
                .build(Tag.ATTRIBUTE);
    }

    public static Attribute readV1(Structure attribute) throws KmipMessageException {
        Fields f = Fields.of(attribute, ResultReason.INVALID_FIELD, List.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_INDEX, Tag.ATTRIBUTE_VALUE));
        AttributeName name = fromV1Name(f.required(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class).value());
        Optional<Integer> index = f.integer(Tag.ATTRIBUTE_INDEX);
        if (index.isPresent() && index.get() < 0) {
            throw f.error("negative Attribute Index");
        }
        Ttlv value = f.any(Tag.ATTRIBUTE_VALUE).orElseThrow(() -> f.error("Attribute lacks Attribute Value"));
        return new Attribute(name, index, value);
    }

    /** Whether KMIP 2.x has the attribute (it dropped Operation Policy Name and the 1.x certificate fields). */
    public static boolean existsInV2(AttributeName name) {
        return !(name instanceof AttributeName.Standard s && V1_ONLY.contains(s.tag()));
    }

    public static Ttlv writeV2(Attribute attribute) {
        return switch (attribute.name()) {
            case AttributeName.Standard s -> {
                if (V1_ONLY.contains(s.tag())) {
                    throw new IllegalArgumentException(s.tag().specName() + " is not an attribute in KMIP 2.x");
                }
                yield attribute.value();
            }
            case AttributeName.Vendor v -> new Children()
                    .text(Tag.VENDOR_IDENTIFICATION, v.vendorIdentification())
                    .text(Tag.ATTRIBUTE_NAME, v.name())
                    .add(attribute.value())
                    .build(Tag.ATTRIBUTE);
        };
    }

    /** Reads one child of a 2.x Attributes structure: a vendor Attribute structure or an attribute under its own tag. */
    public static Attribute readV2(Ttlv item) throws KmipMessageException {
        if (item.tag() == Tag.ATTRIBUTE.code()) {
            Fields f = Fields.of(Fields.structure(item, Tag.ATTRIBUTE, ResultReason.INVALID_FIELD), ResultReason.INVALID_FIELD,
                    List.of(Tag.VENDOR_IDENTIFICATION, Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_VALUE));
            String vendor = f.required(Tag.VENDOR_IDENTIFICATION, Ttlv.TextItem.class).value();
            String name = f.required(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class).value();
            Ttlv value = f.any(Tag.ATTRIBUTE_VALUE).orElseThrow(() -> f.error("vendor Attribute lacks Attribute Value"));
            if (vendor.isEmpty() || vendor.contains("-") || name.isEmpty()) {
                throw f.error("vendor attribute '" + vendor + "'/'" + name + "' needs a vendor without '-' and a name");
            }
            return new Attribute(new AttributeName.Vendor(vendor, name), Optional.empty(), value);
        }
        Tag tag = item.knownTag().filter(t -> !V1_ONLY.contains(t)).orElseThrow(() ->
                new KmipMessageException(ResultReason.INVALID_FIELD, item.tagName() + " is not a KMIP 2.x attribute"));
        return new Attribute(new AttributeName.Standard(tag), Optional.empty(), item);
    }

    /** A group as a 1.x Template-Attribute (or Common/Private/Public…) or a 2.x Attributes (or Common/Private/Public…) structure. */
    public static Structure write(Group group, Attributes attributes, ProtocolVersion version) {
        Children children = new Children();
        if (!attributes.templates().isEmpty()) {
            if (version.usesTaggedAttributes()) {
                throw new IllegalArgumentException("KMIP 2.x has no templates");
            }
            for (String template : attributes.templates()) {
                children.add(templateName(template));
            }
        }
        return children.addAll(writeItems(attributes, version)).build(group.tag(version));
    }

    /** A Name naming a template in a Template-Attribute: its text, as every Name Donjon reads. */
    private static Structure templateName(String name) {
        return new Children().text(Tag.NAME_VALUE, name)
                .add(new Ttlv.EnumerationItem(Tag.NAME_TYPE, dev.donjon.kmip.enums.NameType.UNINTERPRETED_TEXT_STRING))
                .build(Tag.NAME);
    }

    public static Attributes read(Group group, Structure structure, ProtocolVersion version) throws KmipMessageException {
        Structure s = Fields.structure(structure, group.tag(version), ResultReason.INVALID_FIELD);
        if (version.usesTaggedAttributes()) {
            List<Attribute> out = new ArrayList<>(s.children().size());
            for (Ttlv child : s.children()) {
                out.add(readV2(child));
            }
            return new Attributes(out);
        }
        Fields f = Fields.of(s, ResultReason.INVALID_FIELD, List.of(Tag.NAME, Tag.ATTRIBUTE), Set.of(Tag.NAME, Tag.ATTRIBUTE));
        List<String> templates = new ArrayList<>();
        for (Structure name : f.all(Tag.NAME, Structure.class)) {
            Fields n = Fields.of(name, ResultReason.INVALID_FIELD, List.of(Tag.NAME_VALUE, Tag.NAME_TYPE));
            templates.add(n.required(Tag.NAME_VALUE, Ttlv.TextItem.class).value());
        }
        return new Attributes(readV1List(f.all(Tag.ATTRIBUTE, Structure.class)).list(), templates);
    }

    /**
     * A group in whichever form its wrapper tag names, whatever the message's version: a server accepts a 1.x
     * Template-Attribute in a 2.x request and the reverse, as clients mixing the two exist.
     */
    static Attributes readEither(Group group, Structure structure) throws KmipMessageException {
        return read(group, structure, structure.tag() == group.v2.code() ? ProtocolVersion.V2_1 : ProtocolVersion.V1_4);
    }

    /** An attribute selector in whichever form it comes: an Attribute Name text (1.x) or an Attribute Reference (2.x). */
    static AttributeName readEitherReference(Ttlv item) throws KmipMessageException {
        return readReference(item, item.tag() == Tag.ATTRIBUTE_NAME.code() ? ProtocolVersion.V1_4 : ProtocolVersion.V2_1);
    }

    /** The attributes as the items of a payload: Attribute structures in 1.x, one Attributes structure in 2.x. */
    public static List<Ttlv> writeItems(Attributes attributes, ProtocolVersion version) {
        List<Ttlv> out = new ArrayList<>(attributes.list().size());
        for (Attribute attribute : attributes.list()) {
            out.add(version.usesTaggedAttributes() ? writeV2(attribute) : writeV1(attribute));
        }
        return out;
    }

    static Attributes readV1List(List<Structure> attributes) throws KmipMessageException {
        List<Attribute> out = new ArrayList<>(attributes.size());
        for (Structure attribute : attributes) {
            out.add(readV1(attribute));
        }
        return new Attributes(out);
    }

    /** A Get Attributes selector: the 1.x Attribute Name text, or the 2.x Attribute Reference. */
    public static Ttlv writeReference(AttributeName name, ProtocolVersion version) {
        if (!version.usesTaggedAttributes()) {
            return new Ttlv.TextItem(Tag.ATTRIBUTE_NAME, v1Name(name).orElseThrow(() ->
                    new IllegalArgumentException(name + " has no KMIP 1.x attribute name")));
        }
        return switch (name) {
            case AttributeName.Standard s -> new Ttlv.EnumerationItem(Tag.ATTRIBUTE_REFERENCE, s.tag().code());
            case AttributeName.Vendor v -> new Children()
                    .text(Tag.VENDOR_IDENTIFICATION, v.vendorIdentification())
                    .text(Tag.ATTRIBUTE_NAME, v.name())
                    .build(Tag.ATTRIBUTE_REFERENCE);
        };
    }

    public static AttributeName readReference(Ttlv item, ProtocolVersion version) throws KmipMessageException {
        if (!version.usesTaggedAttributes()) {
            if (item instanceof Ttlv.TextItem text && text.tag() == Tag.ATTRIBUTE_NAME.code()) {
                return fromV1Name(text.value());
            }
            throw new KmipMessageException(ResultReason.INVALID_FIELD, "expected an Attribute Name text, got " + item.tagName());
        }
        return switch (item) {
            case Ttlv.EnumerationItem e when e.tag() == Tag.ATTRIBUTE_REFERENCE.code() -> Tag.fromCode(e.value())
                    .<AttributeName>map(AttributeName.Standard::new)
                    .orElseThrow(() -> new KmipMessageException(ResultReason.INVALID_FIELD, String.format("unknown attribute tag 0x%06X", e.value())));
            case Structure s when s.tag() == Tag.ATTRIBUTE_REFERENCE.code() -> {
                Fields f = Fields.of(s, ResultReason.INVALID_FIELD, List.of(Tag.VENDOR_IDENTIFICATION, Tag.ATTRIBUTE_NAME));
                String vendor = f.required(Tag.VENDOR_IDENTIFICATION, Ttlv.TextItem.class).value();
                String name = f.required(Tag.ATTRIBUTE_NAME, Ttlv.TextItem.class).value();
                if (vendor.isEmpty() || vendor.contains("-") || name.isEmpty()) {
                    throw f.error("vendor attribute reference needs a vendor without '-' and a name");
                }
                yield new AttributeName.Vendor(vendor, name);
            }
            default -> throw new KmipMessageException(ResultReason.INVALID_FIELD, "expected an Attribute Reference, got " + item.tagName());
        };
    }
}
