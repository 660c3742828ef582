package dev.donjon.server.domain.barbican;

import java.util.Optional;
import java.util.UUID;

/** Identifier of a container. */
public record ContainerId(UUID value) {
    public ContainerId {
        if (value == null) {
            throw new IllegalArgumentException("container id is required");
        }
    }

    public static ContainerId random() {
        return new ContainerId(UUID.randomUUID());
    }

    /** The canonical 36-character form only, as {@link SecretId#parse}. */
    public static Optional<ContainerId> parse(String text) {
        return SecretId.parse(text).map(id -> new ContainerId(id.value()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
