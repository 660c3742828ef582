package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Grammar helpers shared by the request and response payload records. */
final class Payloads {

    /** The tags of the managed objects a Register carries and a Get returns. */
    static final List<Tag> MANAGED_OBJECTS = List.of(Tag.CERTIFICATE, Tag.SYMMETRIC_KEY, Tag.PUBLIC_KEY, Tag.PRIVATE_KEY, Tag.SPLIT_KEY,
            Tag.TEMPLATE, Tag.SECRET_DATA, Tag.OPAQUE_OBJECT, Tag.PGP_KEY);

    private Payloads() {
    }

    /** The fields of a payload; anything off-grammar in a payload is an Invalid Field. */
    static Fields fields(Structure payload, Tag payloadTag, List<Tag> grammar, Set<Tag> repeatable) throws KmipMessageException {
        return Fields.of(Fields.structure(payload, payloadTag, ResultReason.INVALID_FIELD), ResultReason.INVALID_FIELD, grammar, repeatable);
    }

    /** The fields of a request payload, in any order; foreign or repeated fields are an Invalid Field. */
    static Fields requestFields(Structure payload, List<Tag> grammar, Set<Tag> repeatable) throws KmipMessageException {
        return Fields.of(Fields.structure(payload, Tag.REQUEST_PAYLOAD, ResultReason.INVALID_FIELD), ResultReason.INVALID_FIELD, grammar,
                repeatable, false);
    }

    /** A grammar with the managed-object tags, any one of which may appear, between {@code before} and {@code after}. */
    static List<Tag> withManagedObject(List<Tag> before, List<Tag> after) {
        List<Tag> out = new ArrayList<>(before);
        out.addAll(MANAGED_OBJECTS);
        out.addAll(after);
        return out;
    }

    /** The one managed object among the fields; none or several is an Invalid Field. */
    static Structure managedObject(Fields f, String where) throws KmipMessageException {
        List<Structure> found = new ArrayList<>();
        for (Tag tag : MANAGED_OBJECTS) {
            found.addAll(f.all(tag, Structure.class));
        }
        if (found.size() != 1) {
            throw f.error(where + " needs exactly one managed object, has " + found.size());
        }
        return found.getFirst();
    }

    /** The Object Type a managed object's structure is (1.4's Import names it only so). */
    static dev.donjon.kmip.enums.ObjectType objectType(Structure object) {
        return dev.donjon.kmip.enums.ObjectType.valueOf(Tag.fromCode(object.tag()).orElseThrow().name());
    }

    static void checkManagedObject(Ttlv object) {
        if (!(object instanceof Structure) || MANAGED_OBJECTS.stream().noneMatch(t -> t.code() == object.tag())) {
            throw new IllegalArgumentException(object.tagName() + " is not a managed object");
        }
    }

    /** A payload of Protocol Version structures only (Discover Versions, both ways). */
    static List<ProtocolVersion> protocolVersions(Structure payload, Tag payloadTag) throws KmipMessageException {
        Fields f = fields(payload, payloadTag, List.of(Tag.PROTOCOL_VERSION), Set.of(Tag.PROTOCOL_VERSION));
        List<ProtocolVersion> out = new ArrayList<>();
        for (Structure version : f.all(Tag.PROTOCOL_VERSION, Structure.class)) {
            try {
                out.add(ProtocolVersion.fromTtlv(version));
            } catch (KmipMessageException e) {
                throw new KmipMessageException(ResultReason.INVALID_FIELD, e.getMessage());
            }
        }
        return out;
    }

    /**
     * One attribute as Add, Modify, Set and Delete Attribute carry it: a 1.x Attribute structure, or in 2.x a holder
     * (New Attribute, Current Attribute) around the attribute's one item.
     */
    static Structure writeAttribute(Attribute attribute, Tag holder, ProtocolVersion version) {
        return version.usesTaggedAttributes() ? new Structure(holder, List.of(AttributeCodec.writeV2(attribute))) : AttributeCodec.writeV1(attribute);
    }

    static Attribute readAttribute(Structure item, ProtocolVersion version) throws KmipMessageException {
        if (!version.usesTaggedAttributes()) {
            return AttributeCodec.readV1(item);
        }
        if (item.children().size() != 1) {
            throw new KmipMessageException(ResultReason.INVALID_FIELD, item.tagName() + " must hold exactly one attribute");
        }
        return AttributeCodec.readV2(item.children().getFirst());
    }
}
