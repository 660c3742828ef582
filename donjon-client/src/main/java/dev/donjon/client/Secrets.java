package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code /v1/secrets}: store, read, list and delete secrets. */
public final class Secrets {
    private final Transport transport;

    Secrets(Transport transport) {
        this.transport = transport;
    }

    /** Stores a secret; returns its id. Not retried after it reached a node (see {@link Transport}). */
    public String store(SecretSpec spec) {
        JsonNode answer = transport.call("POST", "v1/secrets", spec.toJson(), "application/json").json();
        return Refs.id(answer.path("secret_ref").asText());
    }

    public SecretMetadata get(String id) {
        return SecretMetadata.of(transport.call("GET", "v1/secrets/" + Refs.segment(id), null, "application/json")
                .json());
    }

    /** The payload's bytes, in the content type it was stored with. The caller owns (and should zero) the array. */
    public byte[] payload(String id) {
        return transport.call("GET", "v1/secrets/" + Refs.segment(id) + "/payload", null, "*/*").body();
    }

    /** One page of the project's secrets, optionally those with this exact name. */
    public ListPage<SecretMetadata> list(String name, int limit, int offset) {
        StringBuilder path = new StringBuilder("v1/secrets?limit=").append(limit).append("&offset=").append(offset);
        if (name != null) {
            path.append("&name=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        JsonNode answer = transport.call("GET", path.toString(), null, "application/json").json();
        List<SecretMetadata> items = new ArrayList<>();
        answer.path("secrets").forEach(secret -> items.add(SecretMetadata.of(secret)));
        return new ListPage<>(items, answer.path("total").asLong(items.size()));
    }

    /**
     * Clones a secret (a Donjon extension): a new secret with the same key material, linked to its origin; returns its
     * id. Not retried once it reached a node.
     *
     * @param name the clone's name, or {@code null}
     */
    public String cloneSecret(String id, String name) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Transport.JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        JsonNode answer = transport.call("POST", "v1/secrets/" + Refs.segment(id) + "/clone", body,
                "application/json").json();
        return Refs.id(answer.path("secret_ref").asText());
    }

    public void delete(String id) {
        transport.call("DELETE", "v1/secrets/" + Refs.segment(id), null, null);
    }
}
