package dev.donjon.kmip.message;

import dev.donjon.kmip.KmipEnum;
import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of attributes, independent of protocol version; {@link AttributeCodec} writes it
 * as a 1.x Template-Attribute or a 2.x Attributes structure. Order is kept because multi-valued
 * attributes are positional in 2.x.
 *
 * @param templates the Names of the Template objects a 1.x Template-Attribute refers to, in order (KMIP 1.4 §2.1.8:
 *                  the attributes of a later template win over an earlier one's, the listed attributes over both);
 *                  templates were deprecated in 1.3 and removed in 2.0, whose Attributes structure cannot name one
 */
public record Attributes(List<Attribute> list, List<String> templates) {

    public static final Attributes EMPTY = new Attributes(List.of());

    public Attributes {
        list = List.copyOf(list);
        templates = List.copyOf(templates);
    }

    public Attributes(List<Attribute> list) {
        this(list, List.of());
    }

    /** These attributes, referring to the named templates too (KMIP 1.0–1.4 only). */
    public Attributes withTemplates(String... names) {
        List<String> out = new ArrayList<>(templates);
        out.addAll(List.of(names));
        return new Attributes(list, out);
    }

    public static Attributes of(Attribute... attributes) {
        return new Attributes(List.of(attributes));
    }

    public Attributes with(Attribute attribute) {
        List<Attribute> out = new ArrayList<>(list);
        out.add(attribute);
        return new Attributes(out, templates);
    }

    public Attributes with(Tag tag, Ttlv value) {
        return with(new Attribute(tag, value));
    }

    public Attributes withEnumeration(Tag tag, KmipEnum value) {
        return with(tag, new Ttlv.EnumerationItem(tag, value));
    }

    public Attributes withInteger(Tag tag, int value) {
        return with(tag, new Ttlv.IntegerItem(tag, value));
    }

    /** The usual attributes of a symmetric key to create. */
    public static Attributes symmetricKey(CryptographicAlgorithm algorithm, int length, CryptographicUsageMask... usage) {
        int mask = Arrays.stream(usage).mapToInt(CryptographicUsageMask::code).reduce(0, (a, b) -> a | b);
        return EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm)
                .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, length)
                .withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask);
    }

    /** The values of a standard attribute, in order. */
    public List<Ttlv> all(Tag tag) {
        AttributeName name = new AttributeName.Standard(tag);
        return list.stream().filter(a -> a.name().equals(name)).map(Attribute::value).toList();
    }

    public Optional<Ttlv> first(Tag tag) {
        return all(tag).stream().findFirst();
    }

    /** Whether there is neither an attribute nor a template reference. */
    public boolean isEmpty() {
        return list.isEmpty() && templates.isEmpty();
    }
}
