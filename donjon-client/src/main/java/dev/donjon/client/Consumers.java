package dev.donjon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumers: services that registered their use of a secret ({@code /v1/secrets/{id}/consumers}) or of a container
 * ({@code /v1/containers/{id}/consumers}), so that their owners see what depends on them before deleting.
 */
public final class Consumers {
    /** A secret's consumer: the service and the resource of it that uses the secret. */
    public record SecretConsumer(String service, String resourceType, String resourceId) {
    }

    /** A container's consumer: a name and a URL, as Barbican records them. */
    public record ContainerConsumer(String name, String url) {
    }

    private final Transport transport;

    Consumers(Transport transport) {
        this.transport = transport;
    }

    public void register(String secretId, SecretConsumer consumer) {
        transport.call("POST", secretPath(secretId), secretBody(consumer), "application/json");
    }

    public List<SecretConsumer> list(String secretId) {
        JsonNode answer = transport.call("GET", secretPath(secretId), null, "application/json").json();
        List<SecretConsumer> consumers = new ArrayList<>();
        answer.path("consumers").forEach(c -> consumers.add(new SecretConsumer(c.path("service").asText(),
                c.path("resource_type").asText(), c.path("resource_id").asText())));
        return consumers;
    }

    public void remove(String secretId, SecretConsumer consumer) {
        transport.call("DELETE", secretPath(secretId), secretBody(consumer), "application/json");
    }

    public void register(String containerId, ContainerConsumer consumer) {
        transport.call("POST", containerPath(containerId), containerBody(consumer), "application/json");
    }

    public List<ContainerConsumer> listOfContainer(String containerId) {
        JsonNode answer = transport.call("GET", containerPath(containerId), null, "application/json").json();
        List<ContainerConsumer> consumers = new ArrayList<>();
        answer.path("consumers").forEach(c -> consumers.add(new ContainerConsumer(c.path("name").asText(),
                c.path("URL").asText())));
        return consumers;
    }

    public void remove(String containerId, ContainerConsumer consumer) {
        transport.call("DELETE", containerPath(containerId), containerBody(consumer), "application/json");
    }

    private static String secretPath(String id) {
        return "v1/secrets/" + Refs.segment(id) + "/consumers";
    }

    private static String containerPath(String id) {
        return "v1/containers/" + Refs.segment(id) + "/consumers";
    }

    private static ObjectNode secretBody(SecretConsumer consumer) {
        return Transport.JSON.createObjectNode().put("service", consumer.service())
                .put("resource_type", consumer.resourceType()).put("resource_id", consumer.resourceId());
    }

    private static ObjectNode containerBody(ContainerConsumer consumer) {
        return Transport.JSON.createObjectNode().put("name", consumer.name()).put("URL", consumer.url());
    }
}
