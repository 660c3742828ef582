package dev.donjon.server.domain.job;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.Store;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * KMIP's date-driven transitions (2.1 §4.57, 4 and 6): a Pre-Active object whose Activation Date has passed becomes
 * Active, an Active one whose Deactivation Date has passed Deactivated. Reads already apply them ({@link
 * Lifecycle#at}); this job writes the new state, with the date it was reached as the change time, and audits it, so
 * that the stored state, the audit trail and every query agree. Process Start and Protect Stop Dates restrict
 * operations without changing the state (KMIP 1.4 §3.25–3.26), and are enforced where an operation is served.
 */
public final class ScheduledTransitions implements ScheduledJob {
    public static final String NAME = "lifecycle-dates";

    private final Store store;
    private final int batch;

    /** @param batch the most objects of each kind (activations, deactivations) one run moves, in one transaction */
    public ScheduledTransitions(Store store, int batch) {
        this.store = store;
        this.batch = batch;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(Instant now) {
        return store.write(tx -> {
            Set<SecretId> due = new LinkedHashSet<>(tx.sweeps().dueActivations(now, batch));
            due.addAll(tx.sweeps().dueDeactivations(now, batch));
            int moved = 0;
            for (SecretId id : due) {
                Optional<ManagedObject> object = tx.objects().find(id);
                if (object.isEmpty()) {
                    continue;
                }
                Lifecycle stored = object.get().lifecycle();
                Lifecycle current = stored.at(now);
                if (current.state() != stored.state()) {
                    tx.objects().updateLifecycle(id, current, changedAt(stored, current));
                    tx.audit().append(JobAudit.of(now, object.get().secret().project(),
                            Action.LIFECYCLE_STATE_CHANGE, id,
                            stored.state().storedName() + " -> " + current.state().storedName()));
                    moved++;
                }
            }
            return moved;
        });
    }

    /** When the object really changed: the date that moved it last. */
    private static Instant changedAt(Lifecycle stored, Lifecycle current) {
        return switch (current.state()) {
            case DEACTIVATED -> current.deactivationDate();
            default -> current.activationDate();
        };
    }
}
