package dev.donjon.server.rest;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.KeyService;

import java.util.Map;

/**
 * {@code POST /v1/secrets/{id}/promote}, a Donjon extension (docs/replication.md): this server becomes the owner of a
 * replica, which then accepts writes here. Answers {@code {"secret_ref", "previous_owner"}}.
 */
public final class ReplicationApi implements Routes {
    private final KeyService keys;
    private final Links links;

    public ReplicationApi(KeyService keys, Links links) {
        this.keys = keys;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/v1/secrets/{id}/promote", this::promote);
    }

    private Reply promote(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        String previous = keys.promote(request.call(), id);
        return new Reply.Json(200, Map.of("secret_ref", links.secret(id), "previous_owner", previous));
    }
}
