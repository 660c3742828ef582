package dev.donjon.server.domain.pki;

import java.util.Optional;
import java.util.UUID;

/** Identifier of a certificate authority; an order's {@code ca_id} and the last segment of a {@code ca_ref}. */
public record CaId(UUID value) {
    public CaId {
        if (value == null) {
            throw new IllegalArgumentException("CA id is required");
        }
    }

    public static CaId random() {
        return new CaId(UUID.randomUUID());
    }

    /** Parses the canonical 36-character form only, so that two spellings never name one CA. */
    public static Optional<CaId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new CaId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
