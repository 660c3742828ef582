package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.TtlvBinary;
import dev.donjon.kmip.TtlvException;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.AttributeCodec;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.KmipMessageException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.NamePattern;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Template objects (KMIP 1.0–1.4 §2.2.6, deprecated from 1.3, removed in 2.0): a named set of client-settable
 * attributes that Create, Create Key Pair, Register, Derive Key, Re-key, Re-key Key Pair, Certify and Re-certify apply
 * when a Template-Attribute names it. A Template is stored as an object of its own ({@link SecretType#TEMPLATE}) whose
 * payload is its Template structure as registered; the attributes are checked when it is registered, so a template
 * that was accepted always applies.
 *
 * <p>Precedence (1.4 §4 and §4.2): a single-instance attribute given explicitly wins over one from a template, a later
 * template's over an earlier one's, and in Create Key Pair the Private / Public Key Template-Attribute (explicit, then
 * its templates) over the Common one; multi-instance attributes (Name, Link, Object Group, Cryptographic Parameters,
 * custom attributes ...) take the union of every value.
 */
final class Templates {
    private final KeyService keys;

    Templates(KeyService keys) {
        this.keys = keys;
    }

    /**
     * The attributes of {@code layers}, lowest precedence first, each expanded into the attributes of the templates it
     * names followed by its own; a single-instance attribute a higher layer sets again is dropped from the lower ones.
     */
    List<Entry> entries(OperationContext context, List<Attributes> layers) {
        List<List<Entry>> expanded = new ArrayList<>();
        for (Attributes layer : layers) {
            if (!layer.templates().isEmpty()) {
                if (context.v2()) {
                    // KMIP 2.0 removed the Template object (its Object Type value and tags are reserved in 2.x).
                    throw KmipError.invalidField("KMIP 2.x has no templates; give the attributes themselves");
                }
                for (String name : layer.templates()) {
                    expanded.add(templateEntries(context, name));
                }
            }
            expanded.add(NewObjects.entries(layer.list()));
        }
        List<Entry> out = new ArrayList<>();
        Set<String> setAbove = new HashSet<>();
        for (int i = expanded.size() - 1; i >= 0; i--) {
            List<Entry> layer = expanded.get(i);
            List<Entry> kept = new ArrayList<>();
            for (Entry entry : layer) {
                if (multiInstance(entry) || !setAbove.contains(entry.name())) {
                    kept.add(entry);
                }
            }
            for (Entry entry : layer) {
                setAbove.add(entry.name());
            }
            out.addAll(0, kept);
        }
        return out;
    }

    /** As {@link #entries(OperationContext, List)}, for the groups a request carries (absent ones skipped). */
    @SafeVarargs
    final List<Entry> entries(OperationContext context, Optional<Attributes>... layers) {
        List<Attributes> present = new ArrayList<>();
        for (Optional<Attributes> layer : layers) {
            layer.ifPresent(present::add);
        }
        return entries(context, present);
    }

    private static boolean multiInstance(Entry entry) {
        // Custom attributes carry an index in 1.x, so a client may give several of each.
        return entry.known().map(k -> k.change() == KmipAttribute.Change.MULTI).orElse(true);
    }

    /** The attributes of the caller's template named {@code name}; none such is Item Not Found. */
    private List<Entry> templateEntries(OperationContext context, String name) {
        Page<SecretId> found = keys.locate(context.call(), new LocateQuery(List.of(
                new LocateCriterion.OfType(SecretType.TEMPLATE), new LocateCriterion.Named(NamePattern.exact(name))),
                LocateQuery.Storage.ONLINE, 1, 0));
        if (found.items().isEmpty()) {
            throw new KmipError(ResultReason.ITEM_NOT_FOUND, "no template named '" + name + "'");
        }
        try (KeyService.Revealed template = keys.reveal(context.call(), found.items().getFirst(),
                KeyProtection.Exposure.CLEAR)) {
            return read(decode(template.material().bytes()));
        }
    }

    /**
     * The attributes of a Template structure as a Register carries it: at least one (1.4 Table 50), each one a client
     * may set on a new object (an attribute only the server sets is Invalid Field).
     */
    static List<Entry> read(Structure template) {
        if (template.children().isEmpty()) {
            throw KmipError.missing("Attribute");
        }
        List<Entry> entries = new ArrayList<>();
        for (Ttlv child : template.children()) {
            if (!(child instanceof Structure attribute) || child.tag() != Tag.ATTRIBUTE.code()) {
                throw KmipError.invalidField("a Template holds Attribute structures only, not " + child.tagName());
            }
            try {
                entries.add(AttributeMapping.entry(AttributeCodec.readV1(attribute)));
            } catch (KmipMessageException e) {
                throw new KmipError(e.reason(), e.getMessage());
            }
        }
        // The same check a request's own attributes pass: anything the server alone sets is refused here.
        AttributeMapping.requested(entries);
        return entries;
    }

    /** A stored template's Template structure. */
    static Structure decode(byte[] stored) {
        try {
            return (Structure) TtlvBinary.decode(stored);
        } catch (TtlvException | ClassCastException e) {
            throw new IllegalStateException("a stored template does not decode", e);
        }
    }
}
