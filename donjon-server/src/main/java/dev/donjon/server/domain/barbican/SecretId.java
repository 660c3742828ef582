package dev.donjon.server.domain.barbican;

import java.util.Optional;
import java.util.UUID;

/** Identifier of a managed object; the same value names it over REST and KMIP. */
public record SecretId(UUID value) {
    public SecretId {
        if (value == null) {
            throw new IllegalArgumentException("secret id is required");
        }
    }

    public static SecretId random() {
        return new SecretId(UUID.randomUUID());
    }

    /** Parses the canonical 36-character form only, so that two spellings never name one object. */
    public static Optional<SecretId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new SecretId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
