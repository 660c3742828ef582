package dev.donjon.server.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A request to generate key material, and how it ended. Orders complete synchronously: one is {@code ACTIVE} with
 * what it produced, or {@code ERROR} with why not, by the time its creation returns.
 *
 * @param requestedMeta the order's {@code meta} as the client sent it, without any passphrase; shown back verbatim
 * @param secretId      the generated secret of a key order, or {@code null}
 * @param containerId   the generated container of an asymmetric order, or {@code null}
 * @param failure       why an {@code ERROR} order failed, or {@code null}
 */
public record Order(OrderId id, ProjectId project, Type type, Status status, String requestedMeta,
                    SecretId secretId, ContainerId containerId, Failure failure, String creatorId, Instant created,
                    Instant updated) {

    public enum Type {
        KEY("key"), ASYMMETRIC("asymmetric");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Type> fromWire(String name) {
            for (Type type : values()) {
                if (type.wireName.equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    public enum Status { ACTIVE, ERROR }

    /** @param statusCode the HTTP status the failure would have had, as Barbican reports it (a string) */
    public record Failure(String statusCode, String reason) {
    }
}
