package dev.donjon.server.domain.port;

import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.keys.PayloadProtector;
import java.util.function.Function;

/**
 * Transactions over the repositories. A write's work, its audit events and any counters commit together or not at
 * all, and a write has been made durable when {@link #write} returns.
 */
public interface Store {
    <T> T read(Function<StoreTx, T> work);

    /** Runs {@code work} in one transaction; an exception from it rolls back everything it did and is rethrown. */
    <T> T write(Function<StoreTx, T> work);

    /**
     * Runs {@code work} with a store whose reads and writes all join one transaction: each sees what the earlier ones
     * changed, and together they commit when {@code work} returns or roll back when it throws (the exception is
     * rethrown). A write inside that throws undoes only its own changes, as it would on its own. While {@code work}
     * runs, nothing may write through any other store, nor seal a payload that needs a new project KEK (see
     * {@link PayloadProtector#prepare}): on SQLite that write would wait for this one.
     * <p>
     * Audit events that {@linkplain AuditEvent#outlivesRollback outlive a rollback} (refusals) are recorded again
     * after it; the others roll back with the work they describe, so the trail never claims what did
     * not happen.
     */
    <T> T atomically(Function<Store, T> work);
}
