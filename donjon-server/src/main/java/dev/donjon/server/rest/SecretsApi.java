package dev.donjon.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretConsumer;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretConsumerService;
import dev.donjon.server.domain.barbican.SecretService;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/secrets}: Barbican's secrets resource, its payload and its user metadata. */
public final class SecretsApi {
    private final SecretService secrets;
    private final SecretConsumerService consumers;
    private final Links links;
    private final Clock clock;
    private final int maxPayloadChars;

    public SecretsApi(SecretService secrets, SecretConsumerService consumers, Links links, Clock clock,
                      int maxPayloadChars) {
        this.secrets = secrets;
        this.consumers = consumers;
        this.links = links;
        this.clock = clock;
        this.maxPayloadChars = maxPayloadChars;
    }

    public void register(Router router) {
        router.add("GET", "/v1/secrets", this::list)
                .add("POST", "/v1/secrets", this::create)
                .add("GET", "/v1/secrets/{id}", this::get)
                .add("PUT", "/v1/secrets/{id}", this::uploadPayload)
                .add("DELETE", "/v1/secrets/{id}", this::delete)
                .add("GET", "/v1/secrets/{id}/payload", this::payload)
                .add("GET", "/v1/secrets/{id}/metadata", this::metadata)
                .add("PUT", "/v1/secrets/{id}/metadata", this::replaceMetadata)
                .add("POST", "/v1/secrets/{id}/metadata", this::addMetadatum)
                .add("GET", "/v1/secrets/{id}/metadata/{key}", this::getMetadatum)
                .add("PUT", "/v1/secrets/{id}/metadata/{key}", this::updateMetadatum)
                .add("DELETE", "/v1/secrets/{id}/metadata/{key}", this::deleteMetadatum);
    }

    private Reply create(RestRequest request) {
        requireJson(request);
        JsonNode body = Json.parseObject(request.body(), "Secret");
        SecretCreation creation = SecretCreation.parse(body, maxPayloadChars, clock.instant());
        Secret secret;
        try (Plaintext payload = creation.payload()) {
            secret = secrets.create(request.call(), creation.spec(), payload);
        }
        String ref = links.secret(secret.id());
        return new Reply.Json(201, Map.of("secret_ref", ref), Map.of("Location", ref));
    }

    private Reply list(RestRequest request) {
        SecretListing listing = SecretListing.parse(request);
        Page<Secret> page = SecretListing.aclOnly(request)
                ? secrets.listShared(request.call(), listing.offset(), listing.limit())
                : secrets.list(request.call(), listing.query());
        Map<SecretId, List<SecretConsumer>> consumersOf = request.version().atLeast(1, 1)
                ? consumers.of(page.items().stream().map(Secret::id).toList()) : null;
        List<SecretDocument> documents = page.items().stream()
                .map(secret -> consumersOf == null ? SecretDocument.of(secret, links, request.version())
                        : SecretDocument.of(secret, links, consumersOf.getOrDefault(secret.id(), List.of())))
                .toList();
        int offset = listing.offset();
        int limit = listing.limit();
        // As Barbican: an empty page (an offset past the end) carries the total only, no paging links.
        boolean empty = documents.isEmpty();
        String previous = !empty && offset > 0 ? listing.link(links.secrets(), Math.max(0, offset - limit)) : null;
        String next = !empty && page.total() > (long) offset + limit
                ? listing.link(links.secrets(), offset + limit) : null;
        return new Reply.Json(200, new SecretList(documents, previous, next, page.total()));
    }

    private Reply get(RestRequest request) {
        SecretId id = secretId(request);
        String accept = request.headers().first("Accept");
        if (accept != null && !wantsJson(accept)) {
            return payloadReply(request, id, accept);
        }
        Secret secret = secrets.get(request.call(), id);
        if (request.version().atLeast(1, 1)) {
            return new Reply.Json(200, SecretDocument.of(secret, links,
                    consumers.of(List.of(id)).getOrDefault(id, List.of())));
        }
        return new Reply.Json(200, SecretDocument.of(secret, links, request.version()));
    }

    private Reply payload(RestRequest request) {
        return payloadReply(request, secretId(request), request.headers().first("Accept"));
    }

    private Reply payloadReply(RestRequest request, SecretId id, String accept) {
        try (SecretService.Revealed revealed = secrets.reveal(request.call(), id)) {
            PayloadContentType stored = revealed.secret().contentType();
            String contentType = PayloadMediaType.servable(PayloadMediaType.choose(accept, stored), stored,
                    revealed.payload().bytes());
            return new Reply.Bytes(200, contentType, revealed.payload().bytes().clone());
        }
    }

    private Reply uploadPayload(RestRequest request) {
        SecretId id = secretId(request);
        String contentType = request.headers().first("Content-Type");
        PayloadContentType type = uploadType(contentType);
        if (request.body().length > maxPayloadChars) {
            throw new ApiError(413, "Secret update issue seen - Provided information too large to process.");
        }
        if (request.body().length == 0) {
            throw new ApiError(400, "Secret update issue seen - No payload provided.");
        }
        String encoding = request.headers().first("Content-Encoding");
        boolean base64 = encoding != null && encoding.trim().equalsIgnoreCase("base64");
        try {
            secrets.attachPayload(request.call(), id, () -> {
                if (!base64) {
                    return new Plaintext(request.body(), type);
                }
                byte[] decoded = SecretCreation.decodeLenientBase64(request.body());
                try {
                    return new Plaintext(decoded, type);
                } finally {
                    Arrays.fill(decoded, (byte) 0);
                }
            });
        } finally {
            Arrays.fill(request.body(), (byte) 0);
        }
        return new Reply.Empty(204);
    }

    private Reply delete(RestRequest request) {
        // Microversion 1.2 protects secrets in use: consumers must be removed first, or the delete forced.
        boolean protectConsumers = request.version().atLeast(1, 2)
                && !"true".equalsIgnoreCase(request.queryParam("force"));
        secrets.delete(request.call(), secretId(request), protectConsumers);
        return new Reply.Empty(204);
    }

    private Reply metadata(RestRequest request) {
        return new Reply.Json(200, Map.of("metadata", secrets.userMetadata(request.call(), secretId(request))));
    }

    private Reply replaceMetadata(RestRequest request) {
        SecretId id = secretId(request);
        requireJson(request);
        JsonNode body = Json.parseObject(request.body(), "SecretMetadata");
        JsonNode metadata = body.get("metadata");
        if (metadata == null) {
            throw ApiError.schema("SecretMetadata", "'metadata' is a required property", "metadata");
        }
        if (!metadata.isObject()) {
            throw ApiError.schema("SecretMetadata", Json.repr(metadata) + " is not of type 'object'", "metadata");
        }
        Map<String, String> values = new LinkedHashMap<>();
        metadata.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw ApiError.schema("SecretMetadata", Json.repr(field.getValue()) + " is not of type 'string'",
                        "metadata");
            }
            values.put(metadataKey(field.getKey(), "SecretMetadata"), field.getValue().asText());
        });
        secrets.replaceUserMetadata(request.call(), id, values);
        return new Reply.Json(201, Map.of("metadata_ref", links.secret(id) + "/metadata"));
    }

    private Reply addMetadatum(RestRequest request) {
        SecretId id = secretId(request);
        Metadatum metadatum = parseMetadatum(request);
        secrets.addUserMetadatum(request.call(), id, metadatum.key(), metadatum.value());
        return new Reply.Json(201, metadatum, Map.of("Location", links.secret(id) + "/metadata/" + metadatum.key()));
    }

    private Reply getMetadatum(RestRequest request) {
        SecretId id = secretId(request);
        String key = request.path("key").toLowerCase(Locale.ROOT);
        return new Reply.Json(200, new Metadatum(key, secrets.userMetadatum(request.call(), id, key)));
    }

    private Reply updateMetadatum(RestRequest request) {
        SecretId id = secretId(request);
        Metadatum metadatum = parseMetadatum(request);
        if (!metadatum.key().equals(request.path("key").toLowerCase(Locale.ROOT))) {
            throw new DomainException.Conflict(DomainException.Clash.METADATUM_KEY_MISMATCH);
        }
        secrets.updateUserMetadatum(request.call(), id, metadatum.key(), metadatum.value());
        return new Reply.Json(200, metadatum);
    }

    private Reply deleteMetadatum(RestRequest request) {
        secrets.deleteUserMetadatum(request.call(), secretId(request), request.path("key").toLowerCase(Locale.ROOT));
        return new Reply.Empty(204);
    }

    /** One user metadata entry, as Barbican reads and echoes it. */
    record Metadatum(String key, String value) {
    }

    private static Metadatum parseMetadatum(RestRequest request) {
        requireJson(request);
        JsonNode body = Json.parseObject(request.body(), "SecretMetadatum");
        JsonNode key = body.get("key");
        JsonNode value = body.get("value");
        if (key == null || value == null) {
            throw ApiError.schema("SecretMetadatum", "'" + (key == null ? "key" : "value") + "' is a required property",
                    "None");
        }
        if (!key.isTextual() || !value.isTextual()) {
            JsonNode wrong = key.isTextual() ? value : key;
            throw ApiError.schema("SecretMetadatum", Json.repr(wrong) + " is not of type 'string'",
                    key.isTextual() ? "value" : "key");
        }
        return new Metadatum(metadataKey(key.asText(), "SecretMetadatum"), value.asText());
    }

    private static String metadataKey(String key, String schema) {
        String trimmed = key.strip();
        if (trimmed.isEmpty() || trimmed.length() > 255) {
            throw ApiError.schema(schema, "metadata keys must be 1 to 255 characters", "key");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    static SecretId secretId(RestRequest request) {
        return SecretId.parse(request.path("id"))
                .orElseThrow(() -> ApiError.notFound("Not Found. Provided secret id is invalid."));
    }

    private static void requireJson(RestRequest request) {
        String contentType = request.headers().first("Content-Type");
        if (contentType == null || !mediaType(contentType).equals("application/json")) {
            throw new ApiError(415, "Unexpected content type. Expected content types are: ['application/json']");
        }
    }

    private static PayloadContentType uploadType(String contentType) {
        String media = contentType == null ? "" : mediaType(contentType);
        return switch (media) {
            case "text/plain" -> PayloadContentType.TEXT_PLAIN;
            case "application/octet-stream" -> PayloadContentType.OCTET_STREAM;
            case "application/pkcs8" -> PayloadContentType.PKCS8;
            default -> throw new ApiError(415, "Unexpected content type. Expected content types are: "
                    + "['text/plain', 'application/octet-stream', 'application/pkcs8']");
        };
    }

    private static boolean wantsJson(String accept) {
        String media = mediaType(accept);
        return media.equals("application/json") || media.equals("*/*") || media.isEmpty();
    }

    static String mediaType(String headerValue) {
        int semicolon = headerValue.indexOf(';');
        String media = semicolon < 0 ? headerValue : headerValue.substring(0, semicolon);
        return media.trim().toLowerCase(Locale.ROOT);
    }
}
