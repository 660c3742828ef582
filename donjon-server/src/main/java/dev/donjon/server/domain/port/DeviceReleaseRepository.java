package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.keys.SealedPayload;

import java.time.Instant;
import java.util.List;

/**
 * Payloads held outside the database (an external device's objects) that must still be freed there: queued in the
 * transaction that removes their row, so that a device that cannot be reached at that moment never keeps an object
 * nobody knows of; removed once the device freed it.
 */
public interface DeviceReleaseRepository {
    /** Queues a release (a second one for the same secret keeps the first). */
    void add(PayloadBinding binding, SealedPayload sealed, Instant at);

    /** The oldest queued releases first. */
    List<Pending> oldest(int limit);

    void remove(SecretId id);

    /** Records a failed attempt and its reason. */
    void failed(SecretId id, String reason);

    long count();

    record Pending(PayloadBinding binding, SealedPayload sealed, Instant queued, int attempts, String lastError) {
    }
}
