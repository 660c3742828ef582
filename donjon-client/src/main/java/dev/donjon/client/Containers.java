package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /v1/containers}: groups of secrets. */
public final class Containers {
    private final Transport transport;

    Containers(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a container; returns its id.
     *
     * @param type    generic, rsa or certificate
     * @param secrets member name → secret id (rsa: private_key, public_key, private_key_passphrase; certificate:
     *                certificate, private_key, intermediates...)
     */
    public String create(String name, String type, Map<String, String> secrets) {
        ObjectNode body = Transport.JSON.createObjectNode();
        if (name != null) {
            body.put("name", name);
        }
        body.put("type", type);
        ArrayNode refs = body.putArray("secret_refs");
        URI base = transport.currentNode();
        secrets.forEach((member, id) -> refs.addObject().put("name", member)
                .put("secret_ref", base.resolve("v1/secrets/" + Refs.segment(id)).toString()));
        JsonNode answer = transport.call("POST", "v1/containers", body, "application/json").json();
        return Refs.id(answer.path("container_ref").asText());
    }

    public ContainerInfo get(String id) {
        return ContainerInfo.of(transport.call("GET", "v1/containers/" + Refs.segment(id), null, "application/json")
                .json());
    }

    public ListPage<ContainerInfo> list(int limit, int offset) {
        JsonNode answer = transport.call("GET", "v1/containers?limit=" + limit + "&offset=" + offset, null,
                "application/json").json();
        List<ContainerInfo> items = new ArrayList<>();
        answer.path("containers").forEach(container -> items.add(ContainerInfo.of(container)));
        return new ListPage<>(items, answer.path("total").asLong(items.size()));
    }

    public void delete(String id) {
        transport.call("DELETE", "v1/containers/" + Refs.segment(id), null, null);
    }
}
