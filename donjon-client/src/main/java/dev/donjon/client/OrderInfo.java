package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An order and, once ACTIVE, what it produced: a secret (key orders) or a container (asymmetric, certificate).
 */
public record OrderInfo(String id, String ref, String type, String status, String secretId, String containerId,
                        String errorReason, String created, JsonNode json) {
    static OrderInfo of(JsonNode json) {
        String ref = SecretMetadata.text(json, "order_ref");
        return new OrderInfo(Refs.id(ref), ref, SecretMetadata.text(json, "type"),
                SecretMetadata.text(json, "status"), Refs.id(SecretMetadata.text(json, "secret_ref")),
                Refs.id(SecretMetadata.text(json, "container_ref")), SecretMetadata.text(json, "error_reason"),
                SecretMetadata.text(json, "created"), json);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
