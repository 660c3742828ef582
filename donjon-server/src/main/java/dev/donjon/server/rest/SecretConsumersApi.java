package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.SecretConsumer;
import dev.donjon.server.domain.barbican.SecretConsumerService;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.List;
import java.util.Map;

/**
 * {@code /v1/secrets/{id}/consumers} (microversion 1.1, though Barbican serves it at 1.0 too). Registering and
 * removing answer the whole secret with its consumers, whatever the microversion, as Barbican does.
 */
public final class SecretConsumersApi implements Routes {
    private static final String SCHEMA = "Secret Consumer";

    private final SecretConsumerService consumers;
    private final Links links;

    public SecretConsumersApi(SecretConsumerService consumers, Links links) {
        this.consumers = consumers;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/v1/secrets/{id}/consumers", this::list)
                .add("POST", "/v1/secrets/{id}/consumers", this::add)
                .add("DELETE", "/v1/secrets/{id}/consumers", this::remove);
    }

    record Listed(String created, String updated, String status, String service,
                  @JsonProperty("resource_type") String resourceType,
                  @JsonProperty("resource_id") String resourceId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Listing(List<Listed> consumers, String previous, String next, long total) {
    }

    private Reply list(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        Paging paging = Paging.parse(request, List.of());
        var page = consumers.list(request.call(), id, paging.offset(), paging.limit());
        String base = links.secret(id) + "/consumers";
        boolean empty = page.items().isEmpty();
        return new Reply.Json(200, new Listing(page.items().stream()
                .map(c -> new Listed(Timestamps.format(c.created()), Timestamps.format(c.updated()), "ACTIVE",
                        c.service(), c.resourceType(), c.resourceId()))
                .toList(), paging.previous(base, empty), paging.next(base, empty, page.total()), page.total()));
    }

    private Reply add(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        var result = consumers.add(request.call(), id, key(request));
        // Barbican's Location here names /v1/consumers/{id}/consumers, which does not exist (compatibility #1).
        return new Reply.Json(200, changed(result), Map.of("Location", links.secret(id) + "/consumers"));
    }

    private Reply remove(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        var result = consumers.remove(request.call(), id, key(request));
        return new Reply.Json(200, changed(result));
    }

    /** The secret as Barbican 15 answers a consumer change: with its consumers, without content_types. */
    private SecretDocument changed(SecretConsumerService.Result result) {
        SecretDocument d = SecretDocument.of(result.secret(), links, result.consumers());
        return new SecretDocument(d.created(), d.updated(), d.status(), d.name(), d.secretType(), d.expiration(),
                d.algorithm(), d.bitLength(), d.mode(), d.creatorId(), d.consumers(), null, d.secretRef());
    }

    private static SecretConsumer.Key key(RestRequest request) {
        JsonNode body = Bodies.object(request, SCHEMA);
        // Barbican's SecretConsumerValidator: every field non-empty, service and resource type at most 255.
        return new SecretConsumer.Key(
                Bodies.requiredString(body, "service", SCHEMA, "None", 1, 255),
                Bodies.requiredString(body, "resource_type", SCHEMA, "None", 1, 255),
                Bodies.requiredString(body, "resource_id", SCHEMA, "None", 1, Integer.MAX_VALUE));
    }
}
