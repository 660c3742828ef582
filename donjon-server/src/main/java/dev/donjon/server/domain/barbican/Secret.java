package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;

/**
 * A secret's descriptive attributes; never its payload.
 *
 * @param contentType how the payload was supplied, or {@code null} while the secret has no payload
 * @param creatorId   the user that created it, or {@code null}
 * @param expiration  when it stops being served, or {@code null} for never
 * @param secretStore the Keystore backend that holds its key material ({@link SecretStore#plugin()}, e.g.
 *                    {@code software}); internal, as in Barbican, whose secrets do not show their store
 */
public record Secret(
        SecretId id,
        ProjectId project,
        String name,
        SecretType type,
        String algorithm,
        Integer bitLength,
        String mode,
        String creatorId,
        Instant created,
        Instant updated,
        Instant expiration,
        PayloadContentType contentType,
        String secretStore) {

    public Secret {
        if (secretStore == null || secretStore.isBlank()) {
            throw new IllegalArgumentException("a secret names the store that holds its key material");
        }
    }

    public boolean hasPayload() {
        return contentType != null;
    }

    public boolean isExpiredAt(Instant now) {
        return expiration != null && !expiration.isAfter(now);
    }

    public Secret withPayload(PayloadContentType newContentType, Instant at) {
        return new Secret(id, project, name, type, algorithm, bitLength, mode, creatorId, created, at, expiration,
                newContentType, secretStore);
    }

    /** What the AES-GCM tag of the payload is bound to: moving ciphertext to another row or project breaks it. */
    public PayloadBinding binding() {
        return new PayloadBinding(id, project, type);
    }
}
