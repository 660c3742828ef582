package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;
import java.util.Optional;

/**
 * A request to generate key material or a certificate, and how it ended. Orders complete synchronously: one is
 * {@code ACTIVE} with what it produced, or {@code ERROR} with why not, by the time its creation returns; except a
 * certificate order whose CA requires approval, which stays {@code PENDING} until a project admin decides.
 *
 * @param requestedMeta the order's {@code meta} as the client sent it, without any passphrase; shown back verbatim
 * @param secretId      the generated secret of a key order, or {@code null}
 * @param containerId   the generated container of an asymmetric or certificate order, or {@code null}
 * @param failure       why an {@code ERROR} order failed, or {@code null}
 */
public record Order(OrderId id, ProjectId project, Type type, Status status, String requestedMeta,
                    SecretId secretId, ContainerId containerId, Failure failure, String creatorId, Instant created,
                    Instant updated) {

    public enum Type {
        KEY("key"), ASYMMETRIC("asymmetric"), CERTIFICATE("certificate");

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

    /** {@code PENDING}: a certificate order waiting for its CA's approval. */
    public enum Status { PENDING, ACTIVE, ERROR }

    /** @param statusCode the HTTP status the failure would have had, as Barbican reports it (a string) */
    public record Failure(String statusCode, String reason) {
    }

    /** The order completed with what it produced, or failed with why. */
    public Order completed(Status to, SecretId secret, ContainerId container, Failure why, Instant at) {
        return new Order(id, project, type, to, requestedMeta, secret, container, why, creatorId, created, at);
    }
}
