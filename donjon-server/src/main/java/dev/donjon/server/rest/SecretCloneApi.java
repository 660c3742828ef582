package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/secrets/{id}/clone}, a Donjon extension: a new secret of the caller's project with the same key
 * material, under its own identifier, ACL and name, linked to its origin ({@link KeyService#cloneObject}). The body is
 * optional: {@code {"name": "..."}} names the clone. Answers 201 with the clone's {@code secret_ref}.
 */
public final class SecretCloneApi implements Routes {
    private final KeyService keys;
    private final Links links;

    public SecretCloneApi(KeyService keys, Links links) {
        this.keys = keys;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/v1/secrets/{id}/clone", this::cloneSecret);
    }

    private Reply cloneSecret(RestRequest request) {
        SecretId origin = SecretsApi.secretId(request);
        List<String> names = List.of();
        if (request.body().length > 0) {
            JsonNode name = Json.parseObject(request.body(), "SecretClone").get("name");
            if (name != null && !name.isNull()) {
                if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > 255) {
                    throw new ApiError(400, "The clone's name must be a string of 1 to 255 characters.");
                }
                names = List.of(name.asText());
            }
        }
        ManagedObject clone = keys.cloneObject(request.call(), origin, names);
        String ref = links.secret(clone.id());
        return new Reply.Json(201, Map.of("secret_ref", ref, "origin_ref", links.secret(origin)),
                Map.of("Location", ref));
    }
}
