package dev.donjon.server.conformance;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A TTLV-XML element as written, before any typing: the vectors hold placeholders ({@code $NOW},
 * {@code $UNIQUE_IDENTIFIER_0}) where a typed decoder would only see invalid values.
 *
 * @param type  the {@code type} attribute, {@code null} for structures
 * @param value the {@code value} attribute, {@code null} for structures
 */
record XmlTree(String name, String type, String value, List<XmlTree> children) {
    XmlTree {
        children = List.copyOf(children);
    }

    XmlTree withValue(String newValue) {
        return new XmlTree(name, type, newValue, children);
    }

    XmlTree withChildren(List<XmlTree> newChildren) {
        return new XmlTree(name, type, value, newChildren);
    }

    boolean isPlaceholder() {
        return value != null && value.startsWith("$");
    }

    /** The top-level elements under the document's root element. */
    static List<XmlTree> parseChildrenOfRoot(String xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            Deque<Builder> open = new ArrayDeque<>();
            Builder root = new Builder("#document", null, null);
            open.push(root);
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> open.push(new Builder(reader.getLocalName(),
                            reader.getAttributeValue(null, "type"), reader.getAttributeValue(null, "value")));
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlTree done = open.pop().build();
                        open.peek().children.add(done);
                    }
                    default -> {
                    }
                }
            }
            List<XmlTree> documentElements = root.children;
            if (documentElements.size() != 1) {
                throw new IllegalArgumentException("expected one root element");
            }
            return documentElements.getFirst().children();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static XmlTree parse(String xml) {
        List<XmlTree> wrapped = parseChildrenOfRoot("<wrapper>" + xml.replaceFirst("^<\\?xml[^>]*>", "")
                + "</wrapper>");
        return wrapped.getFirst();
    }

    String toXml() {
        StringBuilder out = new StringBuilder();
        write(out, 0);
        return out.toString();
    }

    private void write(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append('<').append(name);
        if (type != null) {
            out.append(" type=\"").append(escape(type)).append('"');
        }
        if (value != null) {
            out.append(" value=\"").append(escape(value)).append('"');
        }
        if (children.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (XmlTree child : children) {
            child.write(out, depth + 1);
        }
        out.append("  ".repeat(depth)).append("</").append(name).append(">\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static final class Builder {
        private final String name;
        private final String type;
        private final String value;
        private final List<XmlTree> children = new ArrayList<>();

        Builder(String name, String type, String value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        XmlTree build() {
            return new XmlTree(name, type, value, children);
        }
    }
}
