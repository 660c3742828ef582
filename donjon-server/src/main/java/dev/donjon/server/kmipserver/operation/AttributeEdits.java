package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.ArrayList;
import java.util.List;

/**
 * Add, Set, Modify and Delete Attribute as changes of {@link ObjectAttributes}. They run inside the domain's write
 * transaction, on the attributes as stored at that moment; a refusal is a {@link KmipError} that rolls it back.
 */
final class AttributeEdits {
    private AttributeEdits() {
    }

    /** @param index the index the change applied at; @param removed the deleted instance, for Delete */
    record Result(ObjectAttributes attributes, int index, Entry removed) {
    }

    static Result add(ObjectAttributes attributes, Entry entry, boolean v2) {
        requireValue(entry);
        KmipAttribute attribute = changeable(entry.name(), v2);
        return switch (attribute == null ? KmipAttribute.Change.MULTI : attribute.change()) {
            case MULTI -> {
                List<?> current = instances(attributes, entry.name(), attribute);
                yield new Result(replaceAt(attributes, entry, attribute, current.size()), current.size(), null);
            }
            case SINGLE -> {
                if (!instances(attributes, entry.name(), attribute).isEmpty()) {
                    throw new KmipError(v2 ? ResultReason.ATTRIBUTE_SINGLE_VALUED : ResultReason.ILLEGAL_OPERATION,
                            entry.name() + " already has a value; use Modify Attribute");
                }
                yield new Result(replaceAt(attributes, entry, attribute, 0), 0, null);
            }
            case NEVER, CREATION -> throw new IllegalStateException("unreachable");
        };
    }

    static ObjectAttributes set(ObjectAttributes attributes, Entry entry) {
        requireValue(entry);
        KmipAttribute attribute = changeable(entry.name(), true);
        if (attribute == null || attribute.change() == KmipAttribute.Change.MULTI) {
            throw new KmipError(ResultReason.MULTI_VALUED_ATTRIBUTE,
                    entry.name() + " is multi-valued; use Add or Modify Attribute");
        }
        return replaceAt(attributes, entry, attribute, 0);
    }

    static ObjectAttributes modify(ObjectAttributes attributes, Entry entry, boolean v2) {
        requireValue(entry);
        KmipAttribute attribute = changeable(entry.name(), v2);
        if (entry.index() >= instances(attributes, entry.name(), attribute).size()) {
            throw noInstance(v2);
        }
        return replaceAt(attributes, entry, attribute, entry.index());
    }

    static Result delete(ObjectAttributes attributes, String name, int index, boolean v2) {
        KmipAttribute attribute = KmipAttribute.isCustom(name) ? null : KmipAttribute.byV1Name(name).orElseThrow(
                () -> new KmipError(v2 ? ResultReason.ATTRIBUTE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND,
                        "the object has no attribute " + name));
        if (attribute != null && switch (attribute) {
            // Keys always have a usage mask: deleting it would silently lift every restriction. Sensitive and
            // Extractable always have a value too (KMIP 2.1 §4.23, §4.55), and the lifecycle dates stay once set.
            case CRYPTOGRAPHIC_USAGE_MASK, SENSITIVE, EXTRACTABLE, ACTIVATION_DATE, DEACTIVATION_DATE -> true;
            default -> false;
        }) {
            throw readOnly(name, v2);
        }
        changeable(name, v2);
        List<?> current = instances(attributes, name, attribute);
        if (index >= current.size()) {
            throw noInstance(v2);
        }
        Entry removed = describeInstance(attributes, name, attribute, index);
        ObjectAttributes changed = switch (attribute == null ? KmipAttribute.OBJECT_GROUP : attribute) {
            case NAME -> attributes.withNames(without(attributes.names(), index));
            case LINK -> attributes.withLinks(without(attributes.links(), index));
            default -> attributes.withText(name, without(attributes.text().getOrDefault(name, List.of()), index));
        };
        return new Result(changed, index, removed);
    }

    /** The index of the instance of {@code entry}'s attribute whose value equals {@code entry}'s (2.x Current Attribute). */
    static int indexOf(ManagedObject object, Entry entry, KeyCryptography cryptography) {
        for (Entry candidate : AttributeMapping.describe(object, true, cryptography)) {
            if (candidate.name().equals(entry.name()) && candidate.value().equals(entry.value())) {
                return candidate.index();
            }
        }
        throw noInstance(true);
    }

    /** The attribute if clients may change it; {@code null} for a custom attribute. */
    private static KmipAttribute changeable(String name, boolean v2) {
        if (KmipAttribute.isCustom(name)) {
            return null;
        }
        KmipAttribute attribute = KmipAttribute.byV1Name(name).orElseThrow(() -> new KmipError(
                ResultReason.INVALID_FIELD, "attribute " + name + " is not supported"));
        if (attribute.change() == KmipAttribute.Change.NEVER || attribute.change() == KmipAttribute.Change.CREATION) {
            throw readOnly(name, v2);
        }
        return attribute;
    }

    private static List<?> instances(ObjectAttributes attributes, String name, KmipAttribute attribute) {
        if (attribute == null) {
            return attributes.text().getOrDefault(name, List.of());
        }
        return switch (attribute) {
            case NAME -> attributes.names();
            case LINK -> attributes.links();
            case CRYPTOGRAPHIC_USAGE_MASK -> List.of(attributes.usageMask());
            case SENSITIVE, EXTRACTABLE -> List.of(attributes.protection());
            default -> attributes.text().getOrDefault(name, List.of());
        };
    }

    private static Entry describeInstance(ObjectAttributes attributes, String name, KmipAttribute attribute,
                                          int index) {
        if (attribute == KmipAttribute.NAME) {
            return new Entry(name, index, AttributeMapping.nameValue(attributes.names().get(index)));
        }
        if (attribute == KmipAttribute.LINK) {
            return new Entry(name, index, AttributeMapping.linkValue(attributes.links().get(index)));
        }
        return new Entry(name, index, AttributeMapping.storedValue(name, attributes.text().get(name).get(index)));
    }

    /** The attributes with the instance at {@code index} set, and Always Sensitive / Never Extractable kept up. */
    private static ObjectAttributes replaceAt(ObjectAttributes attributes, Entry entry, KmipAttribute attribute,
                                              int index) {
        return AttributeMapping.tracked(replaced(attributes, entry, attribute, index));
    }

    private static ObjectAttributes replaced(ObjectAttributes attributes, Entry entry, KmipAttribute attribute,
                                             int index) {
        if (attribute == null) {
            return attributes.withText(entry.name(), with(attributes.text().getOrDefault(entry.name(), List.of()),
                    index, AttributeMapping.custom(entry.value())));
        }
        return switch (attribute) {
            case NAME -> attributes.withNames(with(attributes.names(), index, AttributeMapping.name(entry.value())));
            case LINK -> attributes.withLinks(with(attributes.links(), index, AttributeMapping.link(entry.value())));
            case CRYPTOGRAPHIC_USAGE_MASK -> attributes.withUsageMask(AttributeMapping.usageMask(entry.value()));
            case SENSITIVE -> attributes.withProtection(attributes.protection()
                    .withSensitive(AttributeMapping.bool(entry.value())));
            case EXTRACTABLE -> attributes.withProtection(attributes.protection()
                    .withExtractable(AttributeMapping.bool(entry.value())));
            case OBJECT_GROUP, CONTACT_INFORMATION -> attributes.withText(entry.name(),
                    with(attributes.text().getOrDefault(entry.name(), List.of()), index, AttributeMapping.text(entry)));
            default -> {
                if (attribute.storage() != KmipAttribute.Storage.ENCODED) {
                    throw readOnly(entry.name(), true);
                }
                yield attributes.withText(entry.name(), with(attributes.text().getOrDefault(entry.name(), List.of()),
                        index, AttributeMapping.encode(entry.value())));
            }
        };
    }

    private static <T> List<T> with(List<T> list, int index, T value) {
        List<T> changed = new ArrayList<>(list);
        if (index == changed.size()) {
            changed.add(value);
        } else {
            changed.set(index, value);
        }
        return changed;
    }

    private static <T> List<T> without(List<T> list, int index) {
        List<T> changed = new ArrayList<>(list);
        changed.remove(index);
        return changed;
    }

    private static void requireValue(Entry entry) {
        if (entry.value() == null) {
            throw KmipError.missing("Attribute Value of " + entry.name());
        }
    }

    private static KmipError readOnly(String name, boolean v2) {
        return new KmipError(v2 ? ResultReason.ATTRIBUTE_READ_ONLY : ResultReason.PERMISSION_DENIED,
                name + " cannot be changed by clients");
    }

    private static KmipError noInstance(boolean v2) {
        return new KmipError(v2 ? ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND,
                "the object has no such attribute instance");
    }
}
