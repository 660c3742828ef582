package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.time.Instant;

/** Test secrets: a complete, valid secret by default, with whatever a test cares about changed. */
final class SecretBuilder {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00.000001Z");

    private final ProjectId project;
    private SecretId id = SecretId.random();
    private String name = "a secret";
    private SecretType type = SecretType.SYMMETRIC;
    private String algorithm = "aes";
    private Integer bitLength = 256;
    private String mode = "cbc";
    private String creatorId = "alice";
    private Instant created = T0;
    private Instant updated;
    private Instant expiration;
    private PayloadContentType contentType = PayloadContentType.OCTET_STREAM;
    private String secretStore = "software";

    private SecretBuilder(ProjectId project) {
        this.project = project;
    }

    static SecretBuilder secretIn(ProjectId project) {
        return new SecretBuilder(project);
    }

    SecretBuilder id(SecretId value) {
        id = value;
        return this;
    }

    SecretBuilder name(String value) {
        name = value;
        return this;
    }

    SecretBuilder type(SecretType value) {
        type = value;
        return this;
    }

    SecretBuilder algorithm(String value) {
        algorithm = value;
        return this;
    }

    SecretBuilder bitLength(Integer value) {
        bitLength = value;
        return this;
    }

    SecretBuilder mode(String value) {
        mode = value;
        return this;
    }

    SecretBuilder creatorId(String value) {
        creatorId = value;
        return this;
    }

    SecretBuilder created(Instant value) {
        created = value;
        return this;
    }

    SecretBuilder updated(Instant value) {
        updated = value;
        return this;
    }

    SecretBuilder expiration(Instant value) {
        expiration = value;
        return this;
    }

    SecretBuilder secretStore(String value) {
        secretStore = value;
        return this;
    }

    SecretBuilder withoutPayload() {
        contentType = null;
        return this;
    }

    Secret build() {
        return new Secret(id, project, name, type, algorithm, bitLength, mode, creatorId, created,
                updated == null ? created : updated, expiration, contentType, secretStore);
    }
}
