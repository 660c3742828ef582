package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container: named references to secrets (generic, rsa or certificate).
 *
 * @param secrets each member's name and secret id
 */
public record ContainerInfo(String id, String ref, String name, String type, String status,
                            Map<String, String> secrets, String created, JsonNode json) {
    static ContainerInfo of(JsonNode json) {
        Map<String, String> secrets = new LinkedHashMap<>();
        json.path("secret_refs").forEach(member -> secrets.put(member.path("name").asText(),
                Refs.id(member.path("secret_ref").asText())));
        String ref = SecretMetadata.text(json, "container_ref");
        return new ContainerInfo(Refs.id(ref), ref, SecretMetadata.text(json, "name"),
                SecretMetadata.text(json, "type"), SecretMetadata.text(json, "status"), Map.copyOf(secrets),
                SecretMetadata.text(json, "created"), json);
    }
}
