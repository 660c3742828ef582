package dev.donjon.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.donjon.server.domain.Secret;

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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> consumers,
        @JsonProperty("content_types") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> contentTypes,
        @JsonProperty("secret_ref") String secretRef) {

    static SecretDocument of(Secret secret, Links links, ApiVersion version) {
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
                version.atLeast(1, 1) ? List.of() : null,
                secret.hasPayload() ? Map.of("default", secret.contentType().mediaType()) : null,
                links.secret(secret.id()));
    }
}
