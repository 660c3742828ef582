package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretConsumer;

import java.util.List;
import java.util.Map;

/** A secret as Barbican v1 renders it; field order follows Barbican's. */
record SecretDocument(
        String created,
        String updated,
        String status,
        String name,
        @JsonProperty("secret_type") String secretType,
        String expiration,
        String algorithm,
        @JsonProperty("bit_length") Integer bitLength,
        String mode,
        @JsonProperty("creator_id") String creatorId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Consumer> consumers,
        @JsonProperty("content_types") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> contentTypes,
        @JsonProperty("secret_ref") String secretRef) {

    /** A consumer as it appears inside a secret document. */
    record Consumer(String service, @JsonProperty("resource_type") String resourceType,
                    @JsonProperty("resource_id") String resourceId) {
    }

    /** Without consumers: below microversion 1.1 the document has no such field, from 1.1 on an empty list. */
    static SecretDocument of(Secret secret, Links links, ApiVersion version) {
        return of(secret, links, version.atLeast(1, 1) ? List.of() : null);
    }

    /** @param consumers the secret's consumers, or {@code null} to leave the field out */
    static SecretDocument of(Secret secret, Links links, List<SecretConsumer> consumers) {
        return new SecretDocument(
                Timestamps.format(secret.created()),
                Timestamps.format(secret.updated()),
                "ACTIVE",
                secret.name(),
                secret.type().wireName(),
                Timestamps.format(secret.expiration()),
                secret.algorithm(),
                secret.bitLength(),
                secret.mode(),
                secret.creatorId(),
                consumers == null ? null : consumers.stream()
                        .map(c -> new Consumer(c.service(), c.resourceType(), c.resourceId())).toList(),
                secret.hasPayload() ? Map.of("default", secret.contentType().mediaType()) : null,
                links.secret(secret.id()));
    }
}
