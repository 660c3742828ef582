package dev.donjon.kmip;

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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The TTLV-XML encoding of the KMIP profiles, as used by the OASIS test vectors:
 * {@code <BatchCount type="Integer" value="1"/>}; structures are elements without a type; tags
 * without a name are written {@code <TTLV tag="0x540001" type="..." value="..."/>}.
 *
 * <p>Parsing uses the JDK's StAX parser with DTDs and external entities off; a document that
 * declares a DTD is rejected.
 */
public final class TtlvXml {

    /** Element name for tags this library has no name for (extensions). */
    static final String UNNAMED_TAG_ELEMENT = "TTLV";
    /** Root element of the OASIS test-case files, which hold a sequence of messages. */
    private static final String VECTOR_FILE_ROOT = "KMIP";

    private static final XMLInputFactory FACTORY = newFactory();

    private TtlvXml() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Indented XML for one item. TextStrings holding control characters that XML 1.0 cannot carry
     * (other than tab, newline and carriage return) are rejected with IllegalArgumentException.
     */
    public static String encode(Ttlv item) {
        StringBuilder out = new StringBuilder();
        write(item, Optional.empty(), 0, out);
        return out.toString();
    }

    private static void write(Ttlv item, Optional<String> siblingAttributeName, int indent, StringBuilder out) {
        out.append("  ".repeat(indent)).append('<');
        String name = Tag.fromCode(item.tag()).map(Tag::specName).orElse(null);
        if (name == null) {
            out.append(UNNAMED_TAG_ELEMENT).append(" tag=\"").append(TextValues.tagText(item.tag())).append('"');
        } else {
            out.append(name);
        }
        if (item instanceof Structure s) {
            if (s.children().isEmpty()) {
                out.append("/>\n");
                return;
            }
            out.append(">\n");
            Optional<String> attributeName = Optional.empty();
            for (Ttlv child : s.children()) {
                write(child, attributeName, indent + 1, out);
                attributeName = TextValues.attributeNameOf(child, attributeName);
            }
            out.append("  ".repeat(indent)).append("</").append(name == null ? UNNAMED_TAG_ELEMENT : name).append(">\n");
            return;
        }
        Optional<Tag> naming = TextValues.namingTag(item.tag(), siblingAttributeName);
        out.append(" type=\"").append(item.type().specName()).append("\" value=\"");
        appendEscaped(valueText(item, naming), out);
        out.append("\"/>\n");
    }

    private static String valueText(Ttlv item, Optional<Tag> naming) {
        return switch (item) {
            case Structure s -> throw new IllegalStateException("structures have no value text");
            case IntegerItem i -> TextValues.integerText(naming, i.value());
            case LongItem l -> Long.toString(l.value());
            case BigIntegerItem b -> TextValues.bigIntegerHex(b.value());
            case EnumerationItem e -> TextValues.enumerationText(naming, e.value());
            case BooleanItem b -> Boolean.toString(b.value());
            case TextItem t -> t.value();
            case BytesItem b -> TextValues.hex(b.value());
            case DateTimeItem d -> TextValues.dateTimeText(d.value());
            case IntervalItem i -> Long.toString(i.seconds());
            case DateTimeExtendedItem d -> TextValues.dateTimeExtendedText(d.micros());
        };
    }

    private static void appendEscaped(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                // Escaped so that attribute-value normalization does not turn them into spaces.
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException(String.format("U+%04X cannot be written in XML 1.0", (int) c));
                    }
                    out.append(c);
                }
            }
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes a document whose root element is one TTLV item (normally a Request or Response Message). */
    public static Ttlv decode(String xml, TtlvLimits limits) throws TtlvException {
        List<Ttlv> items = decodeDocument(xml, limits, false);
        return items.getFirst();
    }

    public static Ttlv decode(String xml) throws TtlvException {
        return decode(xml, TtlvLimits.DEFAULT);
    }

    /**
     * Decodes a document that is either one item or, like the OASIS test-case files, a {@code <KMIP>}
     * root holding a sequence of items; returns the items in order.
     */
    public static List<Ttlv> decodeAll(String xml, TtlvLimits limits) throws TtlvException {
        return decodeDocument(xml, limits, true);
    }

    private static List<Ttlv> decodeDocument(String xml, TtlvLimits limits, boolean allowSequence) throws TtlvException {
        if (xml.length() > limits.maxMessageBytes()) {
            throw new TtlvException("XML of " + xml.length() + " characters exceeds the limit of " + limits.maxMessageBytes());
        }
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new StringReader(xml));
            Parser parser = new Parser(reader, limits.maxDepth());
            parser.nextStartElement();
            List<Ttlv> items;
            if (allowSequence && reader.getLocalName().equals(VECTOR_FILE_ROOT)) {
                if (reader.getAttributeCount() != 0) {
                    throw parser.error("unexpected attribute on <" + VECTOR_FILE_ROOT + ">");
                }
                items = parser.children(1);
            } else {
                items = List.of(parser.element(1, Optional.empty()));
            }
            parser.expectEndOfDocument();
            return items;
        } catch (XMLStreamException e) {
            throw new TtlvException("malformed XML" + (e.getLocation() != null ? " at line " + e.getLocation().getLineNumber() : "")
                    + ": " + TextValues.abbreviate(String.valueOf(e.getMessage())));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing was held open besides the in-memory reader.
                }
            }
        }
    }

    private static final class Parser {
        private final XMLStreamReader reader;
        private final int maxDepth;

        Parser(XMLStreamReader reader, int maxDepth) {
            this.reader = reader;
            this.maxDepth = maxDepth;
        }

        TtlvException error(String message) {
            return new TtlvException(message + " at line " + reader.getLocation().getLineNumber());
        }

        /** Advances to the root element, skipping the prolog. */
        void nextStartElement() throws XMLStreamException, TtlvException {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        return;
                    }
                    case XMLStreamConstants.DTD -> throw error("DTDs are not allowed");
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE -> {
                    }
                    case XMLStreamConstants.CHARACTERS -> requireWhitespace();
                    default -> throw error("unexpected XML event " + event + " before the root element");
                }
            }
            throw new TtlvException("XML document has no root element");
        }

        void expectEndOfDocument() throws XMLStreamException, TtlvException {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE,
                         XMLStreamConstants.END_DOCUMENT -> {
                    }
                    case XMLStreamConstants.CHARACTERS -> requireWhitespace();
                    default -> throw error("content after the root element");
                }
            }
        }

        private void requireWhitespace() throws TtlvException {
            if (!reader.isWhiteSpace()) {
                throw error("unexpected text \"" + TextValues.abbreviate(reader.getText().strip()) + "\"");
            }
        }

        /** Reads child elements up to the end tag of the current element. */
        List<Ttlv> children(int depth) throws XMLStreamException, TtlvException {
            List<Ttlv> children = new ArrayList<>();
            Optional<String> attributeName = Optional.empty();
            while (true) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Ttlv child = element(depth + 1, attributeName);
                        children.add(child);
                        attributeName = TextValues.attributeNameOf(child, attributeName);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        return children;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> requireWhitespace();
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    }
                    default -> throw error("unexpected XML event " + event);
                }
            }
        }

        /** Reads the element the reader is positioned on, through its end tag. */
        Ttlv element(int depth, Optional<String> siblingAttributeName) throws XMLStreamException, TtlvException {
            String name = reader.getLocalName();
            String tagAttribute = null;
            String typeAttribute = null;
            String valueAttribute = null;
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String value = reader.getAttributeValue(i);
                switch (reader.getAttributeLocalName(i)) {
                    case "tag" -> tagAttribute = value;
                    case "type" -> typeAttribute = value;
                    case "value" -> valueAttribute = value;
                    default -> throw error("unexpected attribute \"" + reader.getAttributeLocalName(i) + "\" on <" + name + ">");
                }
            }
            int tag;
            if (name.equals(UNNAMED_TAG_ELEMENT)) {
                if (tagAttribute == null) {
                    throw error("<" + UNNAMED_TAG_ELEMENT + "> without a tag attribute");
                }
                tag = tagValue(tagAttribute);
            } else {
                if (tagAttribute != null) {
                    throw error("tag attribute on <" + name + ">");
                }
                tag = tagValue(name);
            }
            String typeName = typeAttribute == null ? ItemType.STRUCTURE.specName() : typeAttribute;
            ItemType type = ItemType.fromSpecName(typeName).orElseThrow(() -> error("unknown type \"" + typeName + "\" on <" + name + ">"));
            try {
                if (type == ItemType.STRUCTURE) {
                    if (valueAttribute != null) {
                        throw error("value attribute on structure <" + name + ">");
                    }
                    if (depth > maxDepth) {
                        throw error("<" + name + "> nests deeper than " + maxDepth + " levels");
                    }
                    return new Structure(tag, children(depth));
                }
                if (valueAttribute == null) {
                    throw error("<" + name + "> of type " + typeName + " has no value attribute");
                }
                Ttlv item = primitive(tag, type, valueAttribute, TextValues.namingTag(tag, siblingAttributeName));
                if (!children(depth).isEmpty()) {
                    throw error("<" + name + "> of type " + typeName + " has child elements");
                }
                return item;
            } catch (IllegalArgumentException e) {
                throw error("invalid " + typeName + " <" + name + ">: " + e.getMessage());
            }
        }

        private int tagValue(String text) throws TtlvException {
            try {
                return TextValues.tagValue(text);
            } catch (TtlvException e) {
                throw error(e.getMessage());
            }
        }

        private Ttlv primitive(int tag, ItemType type, String value, Optional<Tag> naming) throws TtlvException {
            try {
                return switch (type) {
                    case STRUCTURE -> throw new IllegalStateException("handled by the caller");
                    case INTEGER -> new IntegerItem(tag, TextValues.integerValue(naming, value));
                    case LONG_INTEGER -> new LongItem(tag, TextValues.longValue(value));
                    case BIG_INTEGER -> new BigIntegerItem(tag, TextValues.bigIntegerValue(value));
                    case ENUMERATION -> new EnumerationItem(tag, TextValues.enumerationValue(naming, value));
                    case BOOLEAN -> new BooleanItem(tag, TextValues.booleanValue(value));
                    case TEXT_STRING -> new TextItem(tag, value);
                    case BYTE_STRING -> new BytesItem(tag, TextValues.bytesValue(value));
                    case DATE_TIME -> new DateTimeItem(tag, TextValues.dateTimeValue(value));
                    case INTERVAL -> new IntervalItem(tag, TextValues.intervalValue(value));
                    case DATE_TIME_EXTENDED -> new DateTimeExtendedItem(tag, TextValues.dateTimeExtendedValue(value));
                };
            } catch (TtlvException e) {
                throw error(e.getMessage() + " in <" + reader.getLocalName() + ">");
            }
        }
    }
}
