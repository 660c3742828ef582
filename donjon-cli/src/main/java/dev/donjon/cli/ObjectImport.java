package dev.donjon.cli;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.client.KmipOperationException;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes exported objects into a KMIP server, each with an outcome of its own. A server that speaks KMIP 2.1 (Donjon)
 * takes them by Import, under their own identifiers and with their attributes, State and dates included; an identifier
 * or name that is already taken follows the {@link Collision} policy. A server that does not (PyKMIP's) takes them by
 * Register: it gives new identifiers, and only the attributes a client may set at registration travel (Name,
 * Cryptographic Usage Mask; algorithm and length are in the key block).
 */
final class ObjectImport {
    /** What to do when the destination already has an object under the identifier or a name. */
    enum Collision {
        /** Report the object as failed and leave the destination's as it is. */
        FAIL,
        /** Import under a new identifier (names suffixed when taken), with an {@link #ORIGIN} attribute. */
        KEEP_BOTH,
        /** The destination's object of that identifier is replaced (in one transaction). */
        REPLACE
    }

    /**
     * @param result     {@code imported}, {@code replaced}, {@code kept-both}, {@code registered} or {@code failed: ...}
     * @param identifier the object's identifier in the destination, or {@code null} when it failed
     */
    record Outcome(String origin, String result, String identifier) {
    }

    /** The vendor attribute ({@code x-origin} in 1.x) naming where a copy kept beside another object came from. */
    static final AttributeName ORIGIN = new AttributeName.Vendor("x", "origin");
    /** Donjon's Import reads it into the creation's audit event and does not store it (docs/export-import.md). */
    static final AttributeName TRANSFER = new AttributeName.Vendor("x", "donjon-transfer");
    /** The sealed export file an object comes from; Donjon's Import claims it once (docs/export-import.md). */
    static final AttributeName SEALED_EXPORT = new AttributeName.Vendor("x", "donjon-sealed-export");
    /** Set by the destination itself, or carried in Import's own fields. */
    private static final Set<AttributeName> SERVER_SET = Set.of(AttributeName.of(Tag.UNIQUE_IDENTIFIER),
            AttributeName.of(Tag.OBJECT_TYPE));
    /** What a foreign server's object brings: the attributes that describe the key rather than that server's state. */
    private static final Set<AttributeName> FOREIGN = Set.of(AttributeName.of(Tag.NAME),
            AttributeName.of(Tag.CRYPTOGRAPHIC_ALGORITHM), AttributeName.of(Tag.CRYPTOGRAPHIC_LENGTH),
            AttributeName.of(Tag.CRYPTOGRAPHIC_USAGE_MASK), AttributeName.of(Tag.OBJECT_GROUP),
            AttributeName.of(Tag.CONTACT_INFORMATION));
    private static final Set<AttributeName> REGISTERED = Set.of(AttributeName.of(Tag.NAME),
            AttributeName.of(Tag.CRYPTOGRAPHIC_USAGE_MASK));

    private ObjectImport() {
    }

    /** @param source where the objects came from, for the origin attribute of copies kept beside another object */
    static List<Outcome> into(KmipClient client, List<ResponsePayload.Export> objects, Collision policy,
                              String source) throws IOException {
        return into(client, objects, policy, source, null);
    }

    /**
     * @param transfer what the destination's audit records each import as part of ({@link #TRANSFER}), or
     *                 {@code null}
     */
    static List<Outcome> into(KmipClient client, List<ResponsePayload.Export> objects, Collision policy,
                              String source, String transfer) throws IOException {
        return into(client, objects, policy, source, transfer, null);
    }

    /**
     * @param sealedExport the sealed file's {@code ORIGIN EXPORT-ID}, or {@code null}: each Import then names the file
     *                     and the object ({@link #SEALED_EXPORT}), which Donjon claims once (a replay is refused)
     */
    static List<Outcome> into(KmipClient client, List<ResponsePayload.Export> objects, Collision policy,
                              String source, String transfer, String sealedExport) throws IOException {
        boolean imports = client.protocolVersion().compareTo(ProtocolVersion.V2_1) >= 0;
        List<Outcome> outcomes = new ArrayList<>();
        for (ResponsePayload.Export object : objects) {
            if (object.managedObject().isEmpty()) {
                outcomes.add(new Outcome(object.uniqueIdentifier(), "failed: exported without key material "
                        + "(destroyed)", null));
                continue;
            }
            try {
                outcomes.add(imports ? imported(client, object, policy, source, transfer, sealedExport)
                        : registered(client, object));
            } catch (KmipOperationException e) {
                outcomes.add(new Outcome(object.uniqueIdentifier(), "failed: " + e.reason().specName() + " ("
                        + e.getMessage() + ")", null));
            }
        }
        return outcomes;
    }

    private static Outcome registered(KmipClient client, ResponsePayload.Export object)
            throws IOException, KmipOperationException {
        String id = client.register(object.objectType(), only(object.attributes(), REGISTERED),
                object.managedObject().orElseThrow());
        return new Outcome(object.uniqueIdentifier(), "registered", id);
    }

    private static Outcome imported(KmipClient client, ResponsePayload.Export object, Collision policy, String source,
                                    String transfer, String sealedExport) throws IOException, KmipOperationException {
        String origin = object.uniqueIdentifier();
        // A foreign server's identifier ("1", "2" for PyKMIP) is not one Donjon gives: such an object gets a new one
        // and keeps where it came from.
        boolean foreign = !isUuid(origin);
        String id = foreign ? UUID.randomUUID().toString() : origin;
        Attributes attributes = foreign ? only(object.attributes(), FOREIGN).with(origin(source, origin))
                : without(object.attributes(), SERVER_SET);
        if (transfer != null) {
            attributes = attributes.with(new Attribute(TRANSFER, Optional.empty(),
                    new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(), transfer)));
        }
        if (sealedExport != null) {
            attributes = attributes.with(new Attribute(SEALED_EXPORT, Optional.empty(),
                    new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(), sealedExport + " " + origin)));
        }
        try {
            return new Outcome(origin, "imported", importAs(client, id, object, attributes, false));
        } catch (KmipOperationException e) {
            boolean idTaken = e.reason() == ResultReason.OBJECT_ALREADY_EXISTS;
            if (idTaken && policy == Collision.REPLACE) {
                return new Outcome(origin, "replaced", importAs(client, id, object, attributes, true));
            }
            if (policy != Collision.KEEP_BOTH
                    || !idTaken && e.reason() != ResultReason.NON_UNIQUE_NAME_ATTRIBUTE) {
                throw e;
            }
        }
        String copy = UUID.randomUUID().toString();
        List<Attribute> renamed = new ArrayList<>();
        for (Attribute attribute : attributes.list()) {
            renamed.add(attribute.name().equals(AttributeName.of(Tag.NAME)) ? renamed(attribute, copy) : attribute);
        }
        Attributes kept = new Attributes(renamed);
        if (!foreign) {
            kept = kept.with(origin(source, origin));
        }
        return new Outcome(origin, "kept-both", importAs(client, copy, object, kept, false));
    }

    private static String importAs(KmipClient client, String id, ResponsePayload.Export object, Attributes attributes,
                                   boolean replace) throws IOException, KmipOperationException {
        return client.call(new RequestPayload.Import(id, object.objectType(), Optional.of(replace), Optional.empty(),
                attributes, object.managedObject().orElseThrow()), ResponsePayload.Import.class).uniqueIdentifier();
    }

    /** A Name that another object holds, made unique with the copy's identifier. */
    private static Attribute renamed(Attribute name, String id) {
        Ttlv.Structure value = (Ttlv.Structure) name.value();
        List<Ttlv> children = new ArrayList<>();
        for (Ttlv child : value.children()) {
            children.add(child instanceof Ttlv.TextItem text && text.tag() == Tag.NAME_VALUE.code()
                    ? new Ttlv.TextItem(text.tag(), text.value() + " (" + id + ")") : child);
        }
        return new Attribute(name.name(), name.index(), new Ttlv.Structure(value.tag(), children));
    }

    private static Attribute origin(String source, String origin) {
        return new Attribute(ORIGIN, Optional.empty(), new Ttlv.TextItem(Tag.ATTRIBUTE_VALUE.code(),
                source + "/" + origin));
    }

    private static Attributes only(Attributes attributes, Set<AttributeName> kept) {
        return new Attributes(attributes.list().stream().filter(a -> kept.contains(a.name())).toList());
    }

    private static Attributes without(Attributes attributes, Set<AttributeName> dropped) {
        return new Attributes(attributes.list().stream().filter(a -> !dropped.contains(a.name())).toList());
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
