package dev.donjon.kmip;

import dev.donjon.kmip.JsonValue.JsonArray;
import dev.donjon.kmip.JsonValue.JsonBoolean;
import dev.donjon.kmip.JsonValue.JsonNumber;
import dev.donjon.kmip.JsonValue.JsonObject;
import dev.donjon.kmip.JsonValue.JsonString;
import dev.donjon.kmip.Ttlv.BigIntegerItem;
import dev.donjon.kmip.Ttlv.BooleanItem;
import dev.donjon.kmip.Ttlv.BytesItem;
import dev.donjon.kmip.Ttlv.DateTimeExtendedItem;
import dev.donjon.kmip.Ttlv.DateTimeItem;
import dev.donjon.kmip.Ttlv.EnumerationItem;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.IntervalItem;
import dev.donjon.kmip.Ttlv.LongItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TTLV-JSON encoding of the KMIP profiles: each item is an object
 * {@code {"tag":"BatchCount","type":"Integer","value":1}}; a structure omits "type" and has an
 * array value; unnamed tags are written as "0x540001". Integers and Intervals are JSON numbers,
 * Long Integers too while a double holds them exactly (else "0x" + 16 hex digits), Big Integers
 * and Byte Strings are hex strings, Enumerations and mask bits are names or "0x"-hex strings,
 * date-times are ISO 8601 strings.
 */
public final class TtlvJson {

    /** Integers beyond ±2^53 do not survive JSON parsers that use doubles, so they go as hex. */
    private static final long MAX_EXACT_DOUBLE = (1L << 53) - 1;
    private static final Set<String> ITEM_MEMBERS = Set.of("tag", "type", "value");

    private TtlvJson() {
    }

    // ---------------------------------------------------------------- encoding

    public static String encode(Ttlv item) {
        StringBuilder out = new StringBuilder();
        write(item, Optional.empty(), out);
        return out.toString();
    }

    private static void write(Ttlv item, Optional<String> siblingAttributeName, StringBuilder out) {
        out.append("{\"tag\":");
        JsonValue.writeString(TextValues.tagText(item.tag()), out);
        if (item instanceof Structure s) {
            out.append(",\"value\":[");
            Optional<String> attributeName = Optional.empty();
            for (int i = 0; i < s.children().size(); i++) {
                Ttlv child = s.children().get(i);
                if (i > 0) {
                    out.append(',');
                }
                write(child, attributeName, out);
                attributeName = TextValues.attributeNameOf(child, attributeName);
            }
            out.append("]}");
            return;
        }
        out.append(",\"type\":");
        JsonValue.writeString(item.type().specName(), out);
        out.append(",\"value\":");
        Optional<Tag> naming = TextValues.namingTag(item.tag(), siblingAttributeName);
        switch (item) {
            case Structure s -> throw new IllegalStateException("handled above");
            case IntegerItem i -> {
                if (TextValues.isMask(naming) && i.value() != 0) {
                    JsonValue.writeString(TextValues.integerText(naming, i.value()), out);
                } else {
                    out.append(i.value());
                }
            }
            case LongItem l -> {
                if (Math.abs(l.value()) <= MAX_EXACT_DOUBLE) {
                    out.append(l.value());
                } else {
                    JsonValue.writeString(String.format("0x%016X", l.value()), out);
                }
            }
            case BigIntegerItem b -> JsonValue.writeString("0x" + TextValues.bigIntegerHex(b.value()), out);
            case EnumerationItem e -> JsonValue.writeString(TextValues.enumerationText(naming, e.value()), out);
            case BooleanItem b -> out.append(b.value());
            case TextItem t -> JsonValue.writeString(t.value(), out);
            case BytesItem b -> JsonValue.writeString(TextValues.hex(b.value()), out);
            case DateTimeItem d -> JsonValue.writeString(TextValues.dateTimeText(d.value()), out);
            case IntervalItem i -> out.append(i.seconds());
            case DateTimeExtendedItem d -> JsonValue.writeString(TextValues.dateTimeExtendedText(d.micros()), out);
        }
        out.append('}');
    }

    // ---------------------------------------------------------------- decoding

    public static Ttlv decode(String json, TtlvLimits limits) throws TtlvException {
        if (json.length() > limits.maxMessageBytes()) {
            throw new TtlvException("JSON of " + json.length() + " characters exceeds the limit of " + limits.maxMessageBytes());
        }
        // Each TTLV level is an object plus the array of its children.
        return item(JsonValue.parse(json, 2 * limits.maxDepth() + 1), Optional.empty(), "$");
    }

    public static Ttlv decode(String json) throws TtlvException {
        return decode(json, TtlvLimits.DEFAULT);
    }

    private static Ttlv item(JsonValue json, Optional<String> siblingAttributeName, String path) throws TtlvException {
        if (!(json instanceof JsonObject object)) {
            throw new TtlvException("expected an item object at " + path);
        }
        for (JsonValue.Member member : object.members()) {
            if (!ITEM_MEMBERS.contains(member.name())) {
                throw new TtlvException("unexpected member \"" + TextValues.abbreviate(member.name()) + "\" at " + path);
            }
        }
        int tag = TextValues.tagValue(string(object.get("tag"), "tag", path));
        String itemPath = path + "/" + TextValues.tagText(tag);
        Optional<JsonValue> typeMember = object.get("type");
        ItemType type = typeMember.isEmpty() ? ItemType.STRUCTURE : ItemType.fromSpecName(string(typeMember, "type", itemPath))
                .orElseThrow(() -> new TtlvException("unknown type at " + itemPath));
        JsonValue value = object.get("value").orElseThrow(() -> new TtlvException("missing value at " + itemPath));
        Optional<Tag> naming = TextValues.namingTag(tag, siblingAttributeName);
        try {
            return switch (type) {
                case STRUCTURE -> {
                    if (!(value instanceof JsonArray array)) {
                        throw new TtlvException("structure value is not an array at " + itemPath);
                    }
                    List<Ttlv> children = new ArrayList<>(array.elements().size());
                    Optional<String> attributeName = Optional.empty();
                    for (JsonValue element : array.elements()) {
                        Ttlv child = item(element, attributeName, itemPath);
                        children.add(child);
                        attributeName = TextValues.attributeNameOf(child, attributeName);
                    }
                    yield new Structure(tag, children);
                }
                case INTEGER -> new IntegerItem(tag, TextValues.integerValue(naming, numberOrString(value, itemPath)));
                case LONG_INTEGER -> new LongItem(tag, TextValues.longValue(numberOrString(value, itemPath)));
                case BIG_INTEGER -> new BigIntegerItem(tag, TextValues.bigIntegerValue(text(value, itemPath)));
                case ENUMERATION -> new EnumerationItem(tag, TextValues.enumerationValue(naming, text(value, itemPath)));
                case BOOLEAN -> {
                    if (!(value instanceof JsonBoolean b)) {
                        throw new TtlvException("Boolean value is not true or false at " + itemPath);
                    }
                    yield new BooleanItem(tag, b.value());
                }
                case TEXT_STRING -> new TextItem(tag, text(value, itemPath));
                case BYTE_STRING -> new BytesItem(tag, TextValues.bytesValue(text(value, itemPath)));
                case DATE_TIME -> new DateTimeItem(tag, TextValues.dateTimeValue(text(value, itemPath)));
                case INTERVAL -> new IntervalItem(tag, TextValues.intervalValue(numberOrString(value, itemPath)));
                case DATE_TIME_EXTENDED -> new DateTimeExtendedItem(tag, TextValues.dateTimeExtendedValue(text(value, itemPath)));
            };
        } catch (TtlvException e) {
            throw e.getMessage().contains(" at ") ? e : new TtlvException(e.getMessage() + " at " + itemPath);
        } catch (IllegalArgumentException e) {
            throw new TtlvException("invalid " + type.specName() + " at " + itemPath + ": " + e.getMessage());
        }
    }

    private static String string(Optional<JsonValue> json, String member, String path) throws TtlvException {
        if (json.isPresent() && json.get() instanceof JsonString s) {
            return s.value();
        }
        throw new TtlvException("\"" + member + "\" is missing or not a string at " + path);
    }

    private static String text(JsonValue value, String path) throws TtlvException {
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw new TtlvException("value is not a string at " + path);
    }

    /** An integral JSON number's literal, or a string (hex or mask names) for the caller to interpret. */
    private static String numberOrString(JsonValue value, String path) throws TtlvException {
        return switch (value) {
            case JsonString s -> s.value();
            case JsonNumber n -> {
                if (n.literal().contains(".") || n.literal().contains("e") || n.literal().contains("E")) {
                    throw new TtlvException("number is not an integer at " + path);
                }
                yield n.literal();
            }
            default -> throw new TtlvException("value is not a number at " + path);
        };
    }
}
