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
        value = value.withTag(switch (name) {
            case AttributeName.Standard s -> s.tag().code();
            case AttributeName.Vendor v -> Tag.ATTRIBUTE_VALUE.code();
        });
    }

    public Attribute(Tag tag, Ttlv value) {
        this(new AttributeName.Standard(tag), Optional.empty(), value);
    }

    /** The same item under another tag. */
    /** A Name attribute of type Uninterpreted Text String, the kind Locate by name matches. */
    public static Attribute name(String name) {
        return new Attribute(Tag.NAME, new Ttlv.Structure(Tag.NAME, List.of(
                new Ttlv.TextItem(Tag.NAME_VALUE, name),
                new Ttlv.EnumerationItem(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING))));
    }
}
