package dev.donjon.server.domain.object;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a managed object that clients set and change, beside the secret's own descriptive fields and its
 * lifecycle. Multi-valued attributes keep their order, which is their KMIP attribute index.
 *
 * @param usageMask  what the key may do
 * @param names      names, the first also being the Barbican name
 * @param links      links to other objects
 * @param text       other text attributes by name (e.g. Object Group, Contact Information, custom "x-" attributes)
 * @param protection whether and how the key material may leave the server, whichever protocol asks
 */
public record ObjectAttributes(UsageMask usageMask, List<String> names, List<ObjectLink> links,
                               Map<String, List<String>> text, KeyProtection protection) {
    public ObjectAttributes {
        if (usageMask == null) {
            throw new IllegalArgumentException("attributes need a usage mask");
        }
        if (protection == null) {
            throw new IllegalArgumentException("attributes need a key protection");
        }
        names = List.copyOf(names);
        links = List.copyOf(links);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        text.forEach((name, values) -> {
            if (!values.isEmpty()) {
                copy.put(name, List.copyOf(values));
            }
        });
        text = java.util.Collections.unmodifiableMap(copy);
    }

    /** Attributes whose key material leaves the server as {@link KeyProtection#DEFAULT} allows. */
    public ObjectAttributes(UsageMask usageMask, List<String> names, List<ObjectLink> links,
                            Map<String, List<String>> text) {
        this(usageMask, names, links, text, KeyProtection.DEFAULT);
    }

    public static ObjectAttributes of(UsageMask usageMask, List<String> names) {
        return new ObjectAttributes(usageMask, names, List.of(), Map.of());
    }

    public ObjectAttributes withUsageMask(UsageMask mask) {
        return new ObjectAttributes(mask, names, links, text, protection);
    }

    public ObjectAttributes withNames(List<String> newNames) {
        return new ObjectAttributes(usageMask, newNames, links, text, protection);
    }

    public ObjectAttributes withLinks(List<ObjectLink> newLinks) {
        return new ObjectAttributes(usageMask, names, newLinks, text, protection);
    }

    /** @param values the attribute's new values; empty removes it */
    public ObjectAttributes withText(String name, List<String> values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(text);
        changed.put(name, values);
        return new ObjectAttributes(usageMask, names, links, changed, protection);
    }

    /**
     * {@link #withText} for several attributes at once, in {@code changes}' order: one copy of the attributes instead of
     * one per attribute (a KMIP Create sets five or six).
     *
     * @param changes attributes' new values by name; an empty list removes that attribute
     */
    public ObjectAttributes withTexts(Map<String, List<String>> changes) {
        Map<String, List<String>> changed = new LinkedHashMap<>(text);
        changed.putAll(changes);
        return new ObjectAttributes(usageMask, names, links, changed, protection);
    }

    public ObjectAttributes withProtection(KeyProtection newProtection) {
        return new ObjectAttributes(usageMask, names, links, text, newProtection);
    }

    public ObjectAttributes withLink(ObjectLink link) {
        List<ObjectLink> more = new java.util.ArrayList<>(links);
        more.add(link);
        return withLinks(more);
    }
}
