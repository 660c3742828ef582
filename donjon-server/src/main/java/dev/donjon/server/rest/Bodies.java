package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.Locale;

/** Reading the JSON request bodies of the resources beyond secrets, with Barbican's schema wording. */
final class Bodies {
    private Bodies() {
    }

    static JsonNode object(RestRequest request, String schema) {
        String contentType = request.headers().first("Content-Type");
        if (contentType == null || !SecretsApi.mediaType(contentType).equals("application/json")) {
            throw new ApiError(415, "Unexpected content type. Expected content types are: ['application/json']");
        }
        return Json.parseObject(request.body(), schema);
    }

    /** A required string property, whitespace-stripped as Barbican strips every string it reads. */
    static String requiredString(JsonNode body, String field, String schema, String invalidProperty) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw ApiError.schema(schema, "'" + field + "' is a required property", invalidProperty);
        }
        if (!value.isTextual()) {
            throw ApiError.schema(schema, Json.repr(value) + " is not of type 'string'", field);
        }
        return value.asText().strip();
    }

    /**
     * A required string property whose length, after stripping, a Barbican JSON schema bounds ({@code minLength},
     * {@code maxLength}, counted in characters as Python counts them).
     */
    static String requiredString(JsonNode body, String field, String schema, String invalidProperty, int minLength,
                                 int maxLength) {
        String text = requiredString(body, field, schema, invalidProperty);
        int length = text.codePointCount(0, text.length());
        if (length < minLength) {
            throw ApiError.schema(schema, Json.repr(TextNode.valueOf(text)) + " is too short", field);
        }
        if (length > maxLength) {
            throw ApiError.schema(schema, Json.repr(TextNode.valueOf(text)) + " is too long", field);
        }
        return text;
    }

    /** An optional string property; JSON null counts as absent. */
    static String optionalString(JsonNode body, String field, String schema) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.schema(schema, Json.repr(value) + " is not of type 'string'", field);
        }
        String text = value.asText().strip();
        if (text.length() > 255) {
            throw ApiError.schema(schema, Json.repr(value) + " is too long", field);
        }
        return text;
    }

    /**
     * The secret a {@code secret_ref} URL names: its last path segment, as Barbican reads it. A ref that names no
     * secret is reported like a missing secret, under the reference's name.
     */
    static SecretId secretRef(String ref, String refName) {
        String trimmed = ref.endsWith("/") ? ref.substring(0, ref.length() - 1) : ref;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return SecretId.parse(last)
                .orElseThrow(() -> new DomainException.NotFound(DomainException.Missing.REFERENCED_SECRET, refName));
    }
}
