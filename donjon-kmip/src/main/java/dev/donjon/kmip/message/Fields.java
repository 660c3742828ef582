package dev.donjon.kmip.message;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.KmipEnumIndex;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The children of one structure, checked against its grammar: every child has a tag the grammar
 * lists, in the grammar's order (TTLV fields are positional), and only repeatable tags repeat.
 * Typed getters then check item types. Every failure is a {@link KmipMessageException} with the
 * reason given at construction: Invalid Message for the envelope, Invalid Field inside payloads.
 *
 * <p>The public static reads take one field of a structure the library has no grammar for here (a managed object,
 * Key Block, Cryptographic Parameters, ... as the server walks them) and check only its item type and enumeration
 * value; they throw the unchecked {@link KmipFieldException}: Missing Data for an absent required field, Invalid
 * Field for the rest.
 */
public final class Fields {

    private final String where;
    private final ResultReason reason;
    private final Map<Integer, List<Ttlv>> byTag = new LinkedHashMap<>();

    private Fields(String where, ResultReason reason) {
        this.where = where;
        this.reason = reason;
    }

    static Fields of(Structure structure, ResultReason reason, List<Tag> grammar) throws KmipMessageException {
        return of(structure, reason, grammar, Set.of());
    }

    static Fields of(Structure structure, ResultReason reason, List<Tag> grammar, Set<Tag> repeatable) throws KmipMessageException {
        return of(structure, reason, grammar, repeatable, true);
    }

    /**
     * @param ordered whether the fields must come in the grammar's order; a server reading a request payload accepts
     *                them in any order (only foreign and repeated fields are errors), as clients are not all strict
     */
    static Fields of(Structure structure, ResultReason reason, List<Tag> grammar, Set<Tag> repeatable, boolean ordered)
            throws KmipMessageException {
        Fields fields = new Fields(structure.tagName(), reason);
        int position = 0;
        for (Ttlv child : structure.children()) {
            int at = indexOf(grammar, child.tag());
            if (at < 0) {
                throw fields.error(child.tagName() + " is not a field of " + fields.where);
            }
            boolean repeat = (!ordered || at == position) && fields.byTag.containsKey(child.tag());
            if ((ordered && at < position) || (repeat && !repeatable.contains(grammar.get(at)))) {
                throw fields.error(child.tagName() + " is out of order or repeated in " + fields.where);
            }
            position = at;
            fields.byTag.computeIfAbsent(child.tag(), t -> new ArrayList<>()).add(child);
        }
        return fields;
    }

    /** A structure of the expected tag; anything else is an error with {@code reason}. */
    static Structure structure(Ttlv item, Tag expected, ResultReason reason) throws KmipMessageException {
        if (item instanceof Structure s && s.tag() == expected.code()) {
            return s;
        }
        throw new KmipMessageException(reason, "expected a " + expected.specName() + " structure, got " + item.type().specName() + " " + item.tagName());
    }

    private static int indexOf(List<Tag> grammar, int tag) {
        for (int i = 0; i < grammar.size(); i++) {
            if (grammar.get(i).code() == tag) {
                return i;
            }
        }
        return -1;
    }

    KmipMessageException error(String message) {
        return new KmipMessageException(reason, message);
    }

    boolean has(Tag tag) {
        return byTag.containsKey(tag.code());
    }

    <T extends Ttlv> List<T> all(Tag tag, Class<T> type) throws KmipMessageException {
        List<T> out = new ArrayList<>();
        for (Ttlv item : byTag.getOrDefault(tag.code(), List.of())) {
            if (!type.isInstance(item)) {
                throw error(tag.specName() + " in " + where + " has type " + item.type().specName());
            }
            out.add(type.cast(item));
        }
        return out;
    }

    <T extends Ttlv> Optional<T> optional(Tag tag, Class<T> type) throws KmipMessageException {
        List<T> items = all(tag, type);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst());
    }

    <T extends Ttlv> T required(Tag tag, Class<T> type) throws KmipMessageException {
        return optional(tag, type).orElseThrow(() -> error(where + " lacks " + tag.specName()));
    }

    Optional<Ttlv> any(Tag tag) {
        List<Ttlv> items = byTag.getOrDefault(tag.code(), List.of());
        return items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst());
    }

    Optional<Integer> integer(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.IntegerItem.class).map(Ttlv.IntegerItem::value);
    }

    Optional<Long> longInteger(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.LongItem.class).map(Ttlv.LongItem::value);
    }

    Optional<String> text(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.TextItem.class).map(Ttlv.TextItem::value);
    }

    Optional<byte[]> bytes(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.BytesItem.class).map(Ttlv.BytesItem::value);
    }

    Optional<Boolean> bool(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.BooleanItem.class).map(Ttlv.BooleanItem::value);
    }

    Optional<Instant> dateTime(Tag tag) throws KmipMessageException {
        return optional(tag, Ttlv.DateTimeItem.class).map(Ttlv.DateTimeItem::value);
    }

    Optional<Structure> struct(Tag tag) throws KmipMessageException {
        return optional(tag, Structure.class);
    }

    /** An enumeration field; a code the enumeration does not define is an Invalid Field. */
    <E extends KmipEnum> Optional<E> enumeration(Tag tag, IntFunction<Optional<E>> fromCode) throws KmipMessageException {
        Optional<Ttlv.EnumerationItem> item = optional(tag, Ttlv.EnumerationItem.class);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        int code = item.get().value();
        return Optional.of(fromCode.apply(code).orElseThrow(() -> new KmipMessageException(ResultReason.INVALID_FIELD,
                String.format("%s in %s has unknown value 0x%08X", tag.specName(), where, code))));
    }

    <E extends KmipEnum> List<E> enumerations(Tag tag, IntFunction<Optional<E>> fromCode) throws KmipMessageException {
        List<E> out = new ArrayList<>();
        for (Ttlv.EnumerationItem item : all(tag, Ttlv.EnumerationItem.class)) {
            out.add(fromCode.apply(item.value()).orElseThrow(() -> new KmipMessageException(ResultReason.INVALID_FIELD,
                    String.format("%s in %s has unknown value 0x%08X", tag.specName(), where, item.value()))));
        }
        return out;
    }

    public static Optional<Structure> structure(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Structure.class));
    }

    public static Structure requiredStructure(Structure parent, Tag tag) {
        return structure(parent, tag).orElseThrow(() -> missing(tag));
    }

    public static Optional<String> text(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.TextItem.class).value());
    }

    public static Optional<byte[]> bytes(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.BytesItem.class).value());
    }

    public static byte[] requiredBytes(Structure parent, Tag tag) {
        return bytes(parent, tag).orElseThrow(() -> missing(tag));
    }

    public static Optional<Integer> integer(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.IntegerItem.class).value());
    }

    public static Optional<Boolean> bool(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> as(item, Ttlv.BooleanItem.class).value());
    }

    /** A Date-Time, or a 2.x Date-Time Extended read as the instant it names. */
    public static Optional<Instant> dateTime(Structure parent, Tag tag) {
        return parent.find(tag).map(Fields::dateTime);
    }

    public static Instant dateTime(Ttlv item) {
        return switch (item) {
            case Ttlv.DateTimeItem d -> d.value();
            case Ttlv.DateTimeExtendedItem d -> d.instant();
            default -> throw new KmipFieldException(ResultReason.INVALID_FIELD, item.tagName() + " must be a Date-Time");
        };
    }

    public static <E extends Enum<E> & KmipEnum> Optional<E> enumeration(Structure parent, Tag tag, KmipEnumIndex<E> index) {
        return parent.find(tag).map(item -> enumeration(item, index));
    }

    public static <E extends Enum<E> & KmipEnum> E enumeration(Ttlv item, KmipEnumIndex<E> index) {
        int code = as(item, Ttlv.EnumerationItem.class).value();
        return index.byCode(code).orElseThrow(() -> new KmipFieldException(ResultReason.INVALID_FIELD,
                String.format("%s 0x%08X is not a known value", item.tagName(), code)));
    }

    /** The item as {@code type}; any other item type is an Invalid Field. */
    public static <T extends Ttlv> T as(Ttlv item, Class<T> type) {
        if (!type.isInstance(item)) {
            throw new KmipFieldException(ResultReason.INVALID_FIELD, item.tagName() + " has the wrong item type " + item.type());
        }
        return type.cast(item);
    }

    private static KmipFieldException missing(Tag tag) {
        return new KmipFieldException(ResultReason.MISSING_DATA, tag.specName() + " is required");
    }
}
