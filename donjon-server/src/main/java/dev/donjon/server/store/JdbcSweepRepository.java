package dev.donjon.server.store;

import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.SweepRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Each query walks one of the V13_2 indexes from its oldest entry (partial since V37_1: objects without the date are
 * not in them, and a comparison with the date implies that it is there). SqliteLocatePlanTest holds the plans.
 */
final class JdbcSweepRepository implements SweepRepository {
    static final String EXPIRED = "SELECT id FROM secrets WHERE expiration <= ? ORDER BY expiration LIMIT ?";
    static final String DUE_ACTIVATIONS = "SELECT id FROM secrets WHERE state = ? AND activation_date <= ?"
            + " ORDER BY activation_date LIMIT ?";
    static final String DUE_DEACTIVATIONS = "SELECT id FROM secrets WHERE state = ? AND deactivation_date <= ?"
            + " ORDER BY deactivation_date LIMIT ?";
    static final String DESTROYED_BEFORE = "SELECT id FROM secrets WHERE state IN (?, ?) AND destroy_date <= ?"
            + " ORDER BY destroy_date LIMIT ?";

    private final Handle handle;

    JdbcSweepRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<SecretId> expiredSecrets(Instant now, int limit) {
        return ids(EXPIRED, EpochMicros.floor(now), limit);
    }

    @Override
    public List<SecretId> dueActivations(Instant now, int limit) {
        return ids(DUE_ACTIVATIONS, LifecycleState.PRE_ACTIVE.storedName(), EpochMicros.floor(now), limit);
    }

    @Override
    public List<SecretId> dueDeactivations(Instant now, int limit) {
        return ids(DUE_DEACTIVATIONS, LifecycleState.ACTIVE.storedName(), EpochMicros.floor(now), limit);
    }

    @Override
    public List<SecretId> destroyedBefore(Instant cutoff, int limit) {
        return ids(DESTROYED_BEFORE, LifecycleState.DESTROYED.storedName(), LifecycleState.DESTROYED_COMPROMISED.storedName(),
                EpochMicros.floor(cutoff), limit);
    }

    private List<SecretId> ids(String sql, Object... parameters) {
        var query = handle.createQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.bind(i, parameters[i]);
        }
        return query.mapTo(String.class).map(id -> new SecretId(UUID.fromString(id))).list();
    }
}
