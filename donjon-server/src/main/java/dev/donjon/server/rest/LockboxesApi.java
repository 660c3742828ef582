package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.transfer.LockboxService;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lockbox transfer, a Donjon extension (docs/lockbox.md): {@code POST /v1/secrets/{id}/lockbox?to=PEER} seals a
 * secret for a configured peer (with {@code &lease_seconds=N} and/or {@code &uses=N} an edge copy, see
 * docs/replication.md) and answers {@code {"lockbox", "lockbox_id", "origin", "recipient", "issued_at"}};
 * {@code POST /v1/lockboxes[?replica=true]} with {@code {"lockbox": "..."}} (or the bare JWS as
 * {@code application/jose}) imports one, as a copy this server owns or as a read-only replica, and answers 201 with the
 * secret's reference.
 */
public final class LockboxesApi implements Routes {
    private final LockboxService lockboxes;
    private final Links links;

    /** @param lockboxes {@code null} when this server has no lockbox identity: every route then answers 404 */
    public LockboxesApi(LockboxService lockboxes, Links links) {
        this.lockboxes = lockboxes;
        this.links = links;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/v1/secrets/{id}/lockbox", this::export)
                .add("POST", "/v1/lockboxes", this::importLockbox);
    }

    private Reply export(RestRequest request) {
        SecretId id = SecretsApi.secretId(request);
        String to = request.queryParam("to");
        if (to == null || to.isBlank()) {
            throw new ApiError(400, "Lockbox export needs ?to=PEER, the recipient's lockbox identity.");
        }
        LockboxService.Sealed sealed = configured().export(request.call(), id, to.strip(),
                new LockboxService.EdgeGrant(positive(request, "lease_seconds") == null ? null
                        : java.time.Duration.ofSeconds(positive(request, "lease_seconds")), positive(request, "uses")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lockbox", sealed.lockbox());
        body.put("lockbox_id", sealed.header().lockboxId());
        body.put("origin", sealed.header().origin());
        body.put("recipient", sealed.header().recipient());
        body.put("issued_at", sealed.header().issuedAt().toString());
        return new Reply.Json(200, body);
    }

    private Reply importLockbox(RestRequest request) {
        String contentType = request.headers().first("Content-Type");
        String media = contentType == null ? "" : SecretsApi.mediaType(contentType);
        String lockbox;
        if (media.equals("application/jose")) {
            lockbox = new String(request.body(), StandardCharsets.US_ASCII);
        } else if (media.equals("application/json")) {
            JsonNode text = Json.parseObject(request.body(), "Lockbox").get("lockbox");
            if (text == null || !text.isTextual()) {
                throw new ApiError(400, "Lockbox import needs {\"lockbox\": \"<compact JWS>\"}.");
            }
            lockbox = text.asText();
        } else {
            throw new ApiError(415, "Unexpected content type. Expected content types are: ['application/json', "
                    + "'application/jose']");
        }
        String replica = request.queryParam("replica");
        ManagedObject imported = configured().importLockbox(request.call(), lockbox,
                replica != null && (replica.equals("true") || replica.equals("1")));
        String ref = links.secret(imported.id());
        return new Reply.Json(201, Map.of("secret_ref", ref), Map.of("Location", ref));
    }

    /** A positive whole number in the query, or {@code null} when absent. */
    private static Long positive(RestRequest request, String name) {
        String value = request.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "Lockbox export: ?" + name + " must be a positive whole number.");
    }

    private LockboxService configured() {
        if (lockboxes == null) {
            throw new ApiError(404, "Lockbox transfer is not configured on this server (lockbox.identity).");
        }
        return lockboxes;
    }
}
