package dev.donjon.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The API token a client authenticates with ({@code X-Auth-Token}) and, when known, when it stops being valid. Keys
 * read with a token are cached no longer than this expiry (see {@link TokenBoundKeyCache}).
 *
 * @param value     the token as issued ({@code djt_...}); never printed by {@link #toString()}
 * @param expiresAt when the token expires, or {@code null} when it does not (Donjon API tokens live until revoked)
 */
public record ClientToken(String value, Instant expiresAt) {
    public ClientToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty token");
        }
    }

    public static ClientToken of(String value) {
        return new ClientToken(value.strip(), null);
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The token id (the public part of a Donjon token), for messages; never the secret part. */
    public String id() {
        String[] parts = value.split("_", 3);
        return parts.length == 3 && parts[0].equals("djt") ? parts[1] : "(external token)";
    }

    @Override
    public String toString() {
        return "ClientToken[id=" + id() + ", expiresAt=" + expiresAt + "]";
    }
}
