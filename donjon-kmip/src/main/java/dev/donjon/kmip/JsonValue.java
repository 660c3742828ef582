package dev.donjon.kmip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small, strict JSON (RFC 8259) reader and the value tree it produces, just enough for TTLV-JSON:
 * no comments, no trailing commas, no duplicate keys, no lone surrogates, bounded nesting.
 */
sealed interface JsonValue {

    record JsonObject(List<Member> members) implements JsonValue {
        Optional<JsonValue> get(String name) {
            return members.stream().filter(m -> m.name().equals(name)).map(Member::value).findFirst();
        }
    }

    record Member(String name, JsonValue value) {
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
    }

    record JsonString(String value) implements JsonValue {
    }

    /** A number kept as its literal text, so 64-bit integers lose nothing to doubles. */
    record JsonNumber(String literal) implements JsonValue {
    }

    record JsonBoolean(boolean value) implements JsonValue {
    }

    record JsonNull() implements JsonValue {
    }

    static JsonValue parse(String text, int maxDepth) throws TtlvException {
        Reader reader = new Reader(text, maxDepth);
        reader.skipWhitespace();
        JsonValue value = reader.value(1);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("content after the JSON value");
        }
        return value;
    }

    final class Reader {
        private final String text;
        private final int maxDepth;
        private int pos;

        private Reader(String text, int maxDepth) {
            this.text = text;
            this.maxDepth = maxDepth;
        }

        TtlvException error(String message) {
            return new TtlvException(message + " at JSON offset " + pos);
        }

        void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() throws TtlvException {
            if (pos >= text.length()) {
                throw error("unexpected end of JSON");
            }
            return text.charAt(pos);
        }

        private void expect(char c) throws TtlvException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        JsonValue value(int depth) throws TtlvException {
            char c = peek();
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> new JsonString(string());
                case 't' -> literal("true", new JsonBoolean(true));
                case 'f' -> literal("false", new JsonBoolean(false));
                case 'n' -> literal("null", new JsonNull());
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("unexpected character");
                }
            };
        }

        private JsonValue literal(String word, JsonValue value) throws TtlvException {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
            return value;
        }

        private void enter(int depth) throws TtlvException {
            if (depth > maxDepth) {
                throw error("JSON nests deeper than " + maxDepth + " levels");
            }
        }

        private JsonValue object(int depth) throws TtlvException {
            enter(depth);
            pos++;
            List<Member> members = new ArrayList<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return new JsonObject(members);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String name = string();
                if (members.stream().anyMatch(m -> m.name().equals(name))) {
                    throw error("duplicate member \"" + TextValues.abbreviate(name) + "\"");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                members.add(new Member(name, value(depth + 1)));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return new JsonObject(members);
                }
            }
        }

        private JsonValue array(int depth) throws TtlvException {
            enter(depth);
            pos++;
            List<JsonValue> elements = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return new JsonArray(elements);
            }
            while (true) {
                skipWhitespace();
                elements.add(value(depth + 1));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return new JsonArray(elements);
                }
            }
        }

        private String string() throws TtlvException {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicodeEscape());
                    default -> throw error("invalid escape");
                }
            }
            String value = out.toString();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw error("lone surrogate in string");
                }
            }
            return value;
        }

        private char unicodeEscape() throws TtlvException {
            if (pos + 4 > text.length()) {
                throw error("truncated \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(pos + i), 16);
                if (digit < 0) {
                    throw error("invalid \\u escape");
                }
                value = value * 16 + digit;
            }
            pos += 4;
            return (char) value;
        }

        private JsonValue number() throws TtlvException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else {
                digits();
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits();
            }
            return new JsonNumber(text.substring(start, pos));
        }

        private void digits() throws TtlvException {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
        }
    }

    /** Appends {@code value} as a JSON string literal. */
    static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
