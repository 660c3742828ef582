package dev.donjon.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** JSON reading and writing for the REST edge, and Barbican's wording for JSON that does not fit a schema. */
final class Json {
    // Trailing tokens: "{...} x" is one value and garbage, not a value to take and ignore the rest of.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private Json() {
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ApiError(400, "Malformed JSON");
            }
            if (hasLoneSurrogate(node)) {
                // "\ud800" decodes to half a character: stored, it would become "?", so it is refused, not changed.
                throw new ApiError(400, "Malformed JSON: a string holds an unpaired surrogate");
            }
            return node;
        } catch (IOException e) {
            throw new ApiError(400, "Malformed JSON");
        }
    }

    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue());
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasLoneSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a body that must be a JSON object, naming {@code schema} when it is another JSON value. */
    static JsonNode parseObject(byte[] body, String schema) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ApiError.schema(schema, repr(node) + " is not of type 'object'", "None");
        }
        return node;
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    /** A value as Python's {@code repr} prints it, since Barbican's schema errors quote values that way. */
    static String repr(JsonNode node) {
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "True" : "False";
        }
        if (node.isNull()) {
            return "None";
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(repr(node.get(i)));
            }
            return out.append(']').toString();
        }
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ", ").append('\'').append(field.getKey()).append("': ")
                        .append(repr(field.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        return node.toString();
    }
}
