package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A secret's metadata as the server describes it (never its payload).
 *
 * @param json the server's whole document, for fields this record does not name
 */
public record SecretMetadata(String id, String ref, String name, String secretType, String algorithm,
                             Integer bitLength, String mode, String status, String contentType, String created,
                             String expiration, JsonNode json) {
    static SecretMetadata of(JsonNode json) {
        String ref = text(json, "secret_ref");
        JsonNode types = json.get("content_types");
        return new SecretMetadata(Refs.id(ref), ref, text(json, "name"), text(json, "secret_type"),
                text(json, "algorithm"), json.hasNonNull("bit_length") ? json.get("bit_length").asInt() : null,
                text(json, "mode"), text(json, "status"),
                types != null && types.hasNonNull("default") ? types.get("default").asText() : null,
                text(json, "created"), text(json, "expiration"), json);
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
