package dev.donjon.kmip.message;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.NameType;
import java.util.List;
import java.util.Optional;

/**
 * One attribute value, independent of protocol version. The value is tagged as KMIP 2.x tags it:
 * with the attribute's own tag for a standard attribute, Attribute Value for a vendor one; the
 * constructor retags whatever it is given, so a 1.x Attribute Value can be passed as it is.
 *
 * @param index the 1.x Attribute Index, kept so a 1.x message writes back as it came; 2.x has none
 */
public record Attribute(AttributeName name, Optional<Integer> index, Ttlv value) {

    public Attribute {
        index.ifPresent(i -> {
            if (i < 0) {
                throw new IllegalArgumentException("negative attribute index " + i);
            }
        });
        value = retag(value, switch (name) {
            case AttributeName.Standard s -> s.tag().code();
            case AttributeName.Vendor v -> Tag.ATTRIBUTE_VALUE.code();
        });
    }

    public Attribute(Tag tag, Ttlv value) {
        this(new AttributeName.Standard(tag), Optional.empty(), value);
    }

    /** The same item under another tag. */
    static Ttlv retag(Ttlv item, int tag) {
        if (item.tag() == tag) {
            return item;
        }
        return switch (item) {
            case Ttlv.Structure s -> new Ttlv.Structure(tag, s.children());
            case Ttlv.IntegerItem i -> new Ttlv.IntegerItem(tag, i.value());
            case Ttlv.LongItem l -> new Ttlv.LongItem(tag, l.value());
            case Ttlv.BigIntegerItem b -> new Ttlv.BigIntegerItem(tag, b.value());
            case Ttlv.EnumerationItem e -> new Ttlv.EnumerationItem(tag, e.value());
            case Ttlv.BooleanItem b -> new Ttlv.BooleanItem(tag, b.value());
            case Ttlv.TextItem t -> new Ttlv.TextItem(tag, t.value());
            case Ttlv.BytesItem b -> new Ttlv.BytesItem(tag, b.value());
            case Ttlv.DateTimeItem d -> new Ttlv.DateTimeItem(tag, d.value());
            case Ttlv.IntervalItem i -> new Ttlv.IntervalItem(tag, i.seconds());
            case Ttlv.DateTimeExtendedItem d -> new Ttlv.DateTimeExtendedItem(tag, d.micros());
        };
    }

    /** A Name attribute of type Uninterpreted Text String, the kind Locate by name matches. */
    public static Attribute name(String name) {
        return new Attribute(Tag.NAME, new Ttlv.Structure(Tag.NAME, List.of(
                new Ttlv.TextItem(Tag.NAME_VALUE, name),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))));
    }
}
