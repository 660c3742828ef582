package dev.donjon.server.domain.job;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Destroying an object removes its key material at once and keeps its metadata, which KMIP clients may still read
 * (Get Attributes, Locate by a destroyed state). After the retention period this job deletes that metadata too (the
 * row, names, links and attributes) and audits it; the audit trail keeps the object's history.
 */
public final class DestroyedPurge implements ScheduledJob {
    public static final String NAME = "destroyed-purge";

    private final Store store;
    private final Duration retention;
    private final int batch;

    /**
     * @param retention how long a destroyed object's metadata is kept after its Destroy Date
     * @param batch     the most objects one run purges (one transaction)
     */
    public DestroyedPurge(Store store, Duration retention, int batch) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the retention of destroyed objects cannot be negative");
        }
        this.store = store;
        this.retention = retention;
        this.batch = batch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(Instant now) {
        Instant cutoff = now.minus(retention);
        return store.write(tx -> {
            int purged = 0;
            for (SecretId id : tx.sweeps().destroyedBefore(cutoff, batch)) {
                Optional<ManagedObject> object = tx.objects().find(id);
                if (object.isPresent() && destroyedBy(object.get(), cutoff) && tx.secrets().delete(id, now)) {
                    tx.audit().append(JobAudit.of(now, object.get().secret().project(), Action.OBJECT_PURGE, id,
                            "destroyed " + object.get().lifecycle().destroyDate()));
                    purged++;
                }
            }
            return purged;
        });
    }

    private static boolean destroyedBy(ManagedObject object, Instant cutoff) {
        LifecycleState state = object.state();
        Instant destroyed = object.lifecycle().destroyDate();
        return (state == LifecycleState.DESTROYED || state == LifecycleState.DESTROYED_COMPROMISED)
                && destroyed != null && !destroyed.isAfter(cutoff);
    }
}
