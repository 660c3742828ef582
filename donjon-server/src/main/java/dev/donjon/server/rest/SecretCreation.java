package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.NewSecret;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.barbican.SecretType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * A {@code POST /v1/secrets} body, validated with Barbican's rules and messages. Strings other than the payload are
 * trimmed as Barbican does; the payload is kept byte for byte (docs/barbican-compatibility.md).
 *
 * @param payload the decoded payload, or {@code null} for a metadata-only secret
 */
record SecretCreation(NewSecret spec, Plaintext payload) {
    private static final String SCHEMA = "Secret";
    static final int MAX_NAME = 255;
    static final int MAX_ATTRIBUTE = 255;
    static final int MAX_BIT_LENGTH = 32767;

    static SecretCreation parse(JsonNode body, int maxPayloadChars, Instant now) {
        String name = optionalString(body, "name");
        if (name != null && name.length() > MAX_NAME) {
            throw ApiError.schema(SCHEMA, Json.repr(body.get("name")) + " is too long", "name");
        }
        SecretType type = SecretType.OPAQUE;
        String typeText = optionalString(body, "secret_type");
        if (typeText != null) {
            type = SecretType.fromWire(typeText).filter(SecretType::barbican).orElseThrow(() -> ApiError.schema(SCHEMA, "'" + typeText
                    + "' is not one of ['symmetric', 'passphrase', 'private', 'public', 'certificate', 'opaque']",
                    "secret_type"));
        }
        Integer bitLength = bitLength(body);
        Instant expiration = expiration(body, now);
        NewSecret spec = new NewSecret(name, type, boundedString(body, "algorithm"), bitLength,
                boundedString(body, "mode"), expiration);
        return new SecretCreation(spec, payload(body, maxPayloadChars));
    }

    private static Plaintext payload(JsonNode body, int maxPayloadChars) {
        JsonNode payloadNode = body.get("payload");
        if (payloadNode != null && !payloadNode.isNull() && !payloadNode.isTextual()) {
            throw ApiError.schema(SCHEMA, Json.repr(payloadNode) + " is not of type 'string'", "payload");
        }
        String payload = payloadNode == null || payloadNode.isNull() ? null : payloadNode.asText();
        String contentType = optionalString(body, "payload_content_type");
        String encoding = optionalString(body, "payload_content_encoding");
        if (payload != null && payload.isEmpty()) {
            throw ApiError.schema(SCHEMA, "If 'payload' specified, must be non empty", "payload");
        }
        if (payload == null) {
            if (contentType != null) {
                throw ApiError.schema(SCHEMA, "payload must be provided when payload_content_type is specified",
                        "payload");
            }
            return null;
        }
        if (contentType == null) {
            throw ApiError.schema(SCHEMA, "If 'payload' is supplied, 'payload_content_type' must also be supplied.",
                    "payload_content_type");
        }
        if (payload.getBytes(StandardCharsets.UTF_8).length > maxPayloadChars) {
            throw new ApiError(413, "Provided information too large to process");
        }
        // Barbican's order: the schema's enum for the encoding, then the content type, then whether the type takes
        // that encoding (text/plain takes none; binary types need base64).
        if (encoding != null && !encoding.equals("base64")) {
            throw ApiError.schema(SCHEMA, "'" + encoding + "' is not one of ['base64']", "payload_content_encoding");
        }
        PayloadContentType type = contentType(contentType);
        if (type == PayloadContentType.TEXT_PLAIN && encoding != null) {
            throw ApiError.schema(SCHEMA, "payload_content_encoding is not one of None", "payload_content_encoding");
        }
        if (type != PayloadContentType.TEXT_PLAIN && encoding == null) {
            throw ApiError.schema(SCHEMA, "payload_content_encoding is not one of ['base64', 'binary']",
                    "payload_content_encoding");
        }
        byte[] bytes = encoding == null ? payload.getBytes(StandardCharsets.UTF_8) : decodeBase64(payload);
        try {
            return new Plaintext(bytes, type);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    static PayloadContentType contentType(String contentType) {
        return contentType(contentType, SCHEMA);
    }

    /** @param schema the schema Barbican names in the error (an order's meta is {@code Order.Secret}) */
    static PayloadContentType contentType(String contentType, String schema) {
        return switch (contentType.toLowerCase(Locale.ROOT)) {
            case "text/plain", "text/plain;charset=utf-8", "text/plain; charset=utf-8" -> PayloadContentType.TEXT_PLAIN;
            case "application/octet-stream" -> PayloadContentType.OCTET_STREAM;
            case "application/pkcs8" -> PayloadContentType.PKCS8;
            default -> throw ApiError.schema(schema, "payload_content_type is not one of ['text/plain', "
                    + "'text/plain;charset=utf-8', 'text/plain; charset=utf-8', 'application/octet-stream', "
                    + "'application/pkcs8']", "payload_content_type");
        };
    }

    static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(strictBase64(text));
        } catch (IllegalArgumentException e) {
            throw ApiError.schema(SCHEMA, "Invalid payload for payload_content_encoding", "payload");
        }
    }

    /**
     * A {@code PUT} body sent with {@code Content-Encoding: base64}, decoded as Barbican serves it back: Barbican
     * stores the body unchecked and decodes it with Python's {@code b64decode}, which skips every character outside
     * the base64 alphabet. Donjon decodes on upload instead, the same way, and refuses what that decoding rejects
     * (alphabet characters that do not make whole base64 quanta), which Barbican would store and then fail to serve.
     */
    static byte[] decodeLenientBase64(byte[] body) {
        StringBuilder alphabet = new StringBuilder(body.length);
        for (byte b : body) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || c == '=') {
                alphabet.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(alphabet.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Secret update issue seen - Invalid payload for payload_content_encoding.");
        }
    }

    /** The MIME decoder skips foreign characters silently; refuse them so that garbage is never stored as a key. */
    private static String strictBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n';
            if (!alphabet) {
                throw new IllegalArgumentException("not base64");
            }
        }
        String compact = text.replace("\r", "").replace("\n", "");
        if (compact.isEmpty() || compact.length() % 4 != 0) {
            throw new IllegalArgumentException("not base64");
        }
        return compact;
    }

    private static Integer bitLength(JsonNode body) {
        JsonNode node = body.get("bit_length");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw ApiError.schema(SCHEMA, Json.repr(node) + " is not of type 'integer'", "bit_length");
        }
        long value = node.asLong();
        if (!node.canConvertToLong() || value < 1) {
            throw ApiError.schema(SCHEMA, node.asText() + " is less than the minimum of 1", "bit_length");
        }
        if (value > MAX_BIT_LENGTH) {
            throw ApiError.schema(SCHEMA, node.asText() + " is greater than the maximum of " + MAX_BIT_LENGTH,
                    "bit_length");
        }
        return (int) value;
    }

    private static Instant expiration(JsonNode body, Instant now) {
        String text = optionalString(body, "expiration");
        if (text == null) {
            return null;
        }
        return Timestamps.futureExpiration(text, now, SCHEMA);
    }

    /** A trimmed string field of at most 255 characters, as Barbican's schema bounds algorithm and mode. */
    private static String boundedString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value != null && value.length() > MAX_ATTRIBUTE) {
            throw ApiError.schema(SCHEMA, Json.repr(body.get(field)) + " is too long", field);
        }
        return value;
    }

    /** A trimmed string field, or {@code null} when absent or JSON null. */
    static String optionalString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.schema(SCHEMA, Json.repr(node) + " is not of type 'string'", field);
        }
        return node.asText().strip();
    }

    @Override
    public String toString() {
        return "SecretCreation[" + spec + ", payload=" + payload + "]";
    }
}
