package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.ContainerSecretRef;
import dev.donjon.server.domain.barbican.ContainerService;
import dev.donjon.server.domain.barbican.ContainerType;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/containers}: containers, the secrets in generic ones, and container consumers. */
public final class ContainersApi implements Routes {
    private static final String SCHEMA = "Container";
    private static final String CONSUMER_SCHEMA = "Consumer";

    private final ContainerService containers;
    private final Links links;

    public ContainersApi(ContainerService containers, Links links) {
        this.containers = containers;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/containers", this::list)
                .add("POST", "/v1/containers", this::create)
                .add("GET", "/v1/containers/{id}", this::get)
                .add("DELETE", "/v1/containers/{id}", this::delete)
                .add("POST", "/v1/containers/{id}/secrets", this::addSecret)
                .add("DELETE", "/v1/containers/{id}/secrets", this::removeSecret)
                .add("GET", "/v1/containers/{id}/consumers", this::consumers)
                .add("POST", "/v1/containers/{id}/consumers", this::addConsumer)
                .add("DELETE", "/v1/containers/{id}/consumers", this::removeConsumer);
    }

    private Reply create(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        String name = Bodies.optionalString(body, "name", SCHEMA);
        ContainerType type = type(body);
        List<ContainerSecretRef> refs = secretRefs(body, type);
        var container = containers.create(request.call(), new ContainerService.NewContainer(name, type, refs));
        String ref = links.container(container.id());
        return new Reply.Json(201, Map.of("container_ref", ref), Map.of("Location", ref));
    }

    private Reply list(RestRequest request) {
        Paging paging = Paging.parse(request, List.of("name", "type"));
        String typeFilter = paging.filter("type");
        ContainerType type = typeFilter == null ? null : ContainerType.fromWire(typeFilter).orElse(null);
        if (typeFilter != null && type == null) {
            return new Reply.Json(200, new ContainerDocument.Listing(List.of(), null, null, 0));
        }
        Page<ContainerService.WithConsumers> page = containers.list(request.call(), paging.filter("name"), type,
                paging.offset(), paging.limit());
        List<ContainerDocument> documents = page.items().stream().map(c -> ContainerDocument.of(c, links)).toList();
        boolean empty = documents.isEmpty();
        return new Reply.Json(200, new ContainerDocument.Listing(documents,
                paging.previous(links.containers(), empty), paging.next(links.containers(), empty, page.total()),
                page.total()));
    }

    private Reply get(RestRequest request) {
        return new Reply.Json(200, ContainerDocument.of(containers.get(request.call(), id(request)),
                links));
    }

    private Reply delete(RestRequest request) {
        containers.delete(request.call(), id(request));
        return new Reply.Empty(204);
    }

    private Reply addSecret(RestRequest request) {
        ContainerId id = id(request);
        containers.addSecret(request.call(), id, containerSecret(request));
        String ref = links.container(id);
        return new Reply.Json(201, Map.of("container_ref", ref), Map.of("Location", ref));
    }

    private Reply removeSecret(RestRequest request) {
        ContainerId id = id(request);
        containers.removeSecret(request.call(), id, containerSecret(request));
        return new Reply.Empty(204);
    }

    private Reply consumers(RestRequest request) {
        ContainerId id = id(request);
        Paging paging = Paging.parse(request, List.of());
        var page = containers.consumers(request.call(), id, paging.offset(), paging.limit());
        String base = links.container(id) + "/consumers";
        boolean empty = page.items().isEmpty();
        return new Reply.Json(200, new ContainerDocument.ConsumerListing(
                page.items().stream().map(ContainerDocument.ListedConsumer::of).toList(),
                paging.previous(base, empty), paging.next(base, empty, page.total()), page.total()));
    }

    private Reply addConsumer(RestRequest request) {
        ContainerId id = id(request);
        JsonNode body = Bodies.object(request, CONSUMER_SCHEMA);
        var result = containers.addConsumer(request.call(), id, consumerName(body), consumerUrl(body));
        // Barbican's Location here names /v1/consumers/{id}/consumers, which does not exist (compatibility #1).
        return new Reply.Json(200, ContainerDocument.of(result, links),
                Map.of("Location", links.container(id) + "/consumers"));
    }

    private Reply removeConsumer(RestRequest request) {
        ContainerId id = id(request);
        JsonNode body = Bodies.object(request, CONSUMER_SCHEMA);
        var result = containers.removeConsumer(request.call(), id, consumerName(body), consumerUrl(body));
        return new Reply.Json(200, ContainerDocument.of(result, links));
    }

    /** Barbican's ContainerConsumerValidator: a name of 1 to 36 characters. */
    private static String consumerName(JsonNode body) {
        return Bodies.requiredString(body, "name", CONSUMER_SCHEMA, "None", 1, 36);
    }

    /** Barbican's ContainerConsumerValidator: a URL of 1 to 255 characters. */
    private static String consumerUrl(JsonNode body) {
        return Bodies.requiredString(body, "URL", CONSUMER_SCHEMA, "None", 1, 255);
    }

    private static ContainerType type(JsonNode body) {
        JsonNode type = body.get("type");
        if (type == null) {
            throw ApiError.schema(SCHEMA, "'type' is a required property", "type");
        }
        return ContainerType.fromWire(type.isTextual() ? type.asText().strip() : null)
                .orElseThrow(() -> ApiError.schema(SCHEMA, Json.repr(type)
                        + " is not one of ['generic', 'rsa', 'certificate']", "type"));
    }

    private static List<ContainerSecretRef> secretRefs(JsonNode body, ContainerType type) {
        JsonNode array = body.get("secret_refs");
        List<ContainerSecretRef> refs = new ArrayList<>();
        if (array != null && !array.isNull()) {
            if (!array.isArray()) {
                throw ApiError.schema(SCHEMA, Json.repr(array) + " is not of type 'array'", "secret_refs");
            }
            for (JsonNode item : array) {
                refs.add(secretRef(item, SCHEMA));
            }
        }
        Set<String> names = new HashSet<>();
        for (ContainerSecretRef ref : refs) {
            if (!names.add(ref.name())) {
                throw ApiError.schema(SCHEMA, "Duplicate reference names are not allowed", "secret_refs");
            }
        }
        // A secret is in a container once (Barbican: container and secret id are its container_secret key).
        Set<SecretId> secrets = new HashSet<>();
        for (ContainerSecretRef ref : refs) {
            if (!secrets.add(ref.secretId())) {
                throw ApiError.schema(SCHEMA, "Duplicate secret ids are not allowed", "secret_refs");
            }
        }
        switch (type) {
            case GENERIC -> {
            }
            case RSA -> {
                if (!type.allowedNames().containsAll(names)) {
                    throw ApiError.schema(SCHEMA, "only 'private_key', 'public_key' and 'private_key_passphrase' "
                            + "reference names are allowed for RSA type", "secret_refs");
                }
                if (!names.containsAll(type.requiredNames())) {
                    throw ApiError.schema(SCHEMA, "The minimum required reference names are 'public_key' and"
                            + "'private_key' for RSA type", "secret_refs");
                }
            }
            case CERTIFICATE -> {
                if (!type.allowedNames().containsAll(names)) {
                    throw ApiError.schema(SCHEMA, "only 'private_key', 'certificate' , 'private_key_passphrase', "
                            + "or 'intermediates' reference names are allowed for Certificate type", "secret_refs");
                }
                if (!names.containsAll(type.requiredNames())) {
                    throw ApiError.schema(SCHEMA, "The minimum required reference name is 'certificate' for "
                            + "Certificate type", "secret_refs");
                }
            }
        }
        return refs;
    }

    private static ContainerSecretRef containerSecret(RestRequest request) {
        return secretRef(Bodies.object(request, SCHEMA), SCHEMA);
    }

    private static ContainerSecretRef secretRef(JsonNode item, String schema) {
        if (!item.isObject()) {
            throw ApiError.schema(schema, Json.repr(item) + " is not of type 'object'", "secret_refs");
        }
        String name = Bodies.optionalString(item, "name", schema);
        String ref = Bodies.requiredString(item, "secret_ref", schema, "secret_refs");
        return new ContainerSecretRef(name == null ? "" : name, Bodies.secretRef(ref, name));
    }

    private static ContainerId id(RestRequest request) {
        return ContainerId.parse(request.path("id"))
                .orElseThrow(() -> ApiError.notFound("Secrets container not found."));
    }
}
