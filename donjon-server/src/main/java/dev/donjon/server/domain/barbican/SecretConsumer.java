package dev.donjon.server.domain.barbican;

import java.time.Instant;

/** A service resource that declared it uses a secret (e.g. an image encrypted with it). */
public record SecretConsumer(String service, String resourceType, String resourceId, Instant created,
                             Instant updated) {
    /** The identity of a consumer: what a POST registers and a DELETE names. */
    public record Key(String service, String resourceType, String resourceId) {
    }

    public Key key() {
        return new Key(service, resourceType, resourceId);
    }
}
