package dev.donjon.server.rest;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.replication.Promotion;

import java.util.Map;

/**
 * {@code POST /v1/secrets/{id}/promote}, a Donjon extension (docs/replication.md): this server becomes the owner of a
 * replica, which then accepts writes here, once its owner, told through the replication channel, handed it over.
 * {@code ?force=true} promotes even though the owner cannot be reached (for an owner lost or fenced). Answers
 * {@code {"secret_ref", "previous_owner", "owner_told"}}.
 */
public final class ReplicationApi implements Routes {
    private final Promotion promotion;
    private final Links links;

    public ReplicationApi(Promotion promotion, Links links) {
        this.promotion = promotion;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/v1/secrets/{id}/promote", this::promote);
    }

    private Reply promote(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        Promotion.Promoted promoted = promotion.promote(request.call(), id,
                "true".equalsIgnoreCase(request.queryParam("force")));
        return new Reply.Json(200, Map.of("secret_ref", links.secret(id), "previous_owner", promoted.previousOwner(),
                "owner_told", promoted.ownerTold()));
    }
}
