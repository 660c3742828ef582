package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;

/**
 * The lockboxes this server imported, by origin server and lockbox id (the JWS's {@code jti}): the replay table. A
 * receipt outlives the object it brought (no cascade), so that deleting an imported key does not make its lockbox
 * importable again.
 */
public interface LockboxReceiptRepository {
    /** Whether the origin's lockbox {@code lockboxId} was imported already. */
    boolean seen(String origin, String lockboxId);

    /** When the newest lockbox imported for {@code object} was issued, if any was. */
    java.util.Optional<Instant> latestIssued(SecretId object);

    /**
     * Records the import of a lockbox, unless it is recorded already (a concurrent import of the same lockbox).
     *
     * @return whether this call recorded it; {@code false} means the lockbox is a replay
     */
    boolean claim(String origin, String lockboxId, Instant issued, Instant received, SecretId object);
}
