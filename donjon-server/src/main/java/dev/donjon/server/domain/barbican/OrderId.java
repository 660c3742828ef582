package dev.donjon.server.domain.barbican;

import java.util.Optional;
import java.util.UUID;

/** Identifier of an order. */
public record OrderId(UUID value) {
    public OrderId {
        if (value == null) {
            throw new IllegalArgumentException("order id is required");
        }
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    /** The canonical 36-character form only, as {@link SecretId#parse}. */
    public static Optional<OrderId> parse(String text) {
        return SecretId.parse(text).map(id -> new OrderId(id.value()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
