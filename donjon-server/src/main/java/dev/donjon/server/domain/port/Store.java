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

    /**
     * A read whose {@code work} runs exactly one statement, which sees one snapshot on its own: it needs no transaction
     * around it, and on PostgreSQL one costs a round trip (the COMMIT) besides the query's. Inside
     * {@link #atomically} it joins the transaction as {@link #read} does.
     */
    default <T> T readOneStatement(Function<StoreTx, T> work) {
        return read(work);
    }

    /** Runs {@code work} in one transaction; an exception from it rolls back everything it did and is rethrown. */
    <T> T write(Function<StoreTx, T> work);

    /**
     * Appends an event that records no change, such as a read, and returns once it is durable; a failure to make it
     * durable is thrown, so that the caller fails its operation rather than answer unaudited. Concurrent calls share
     * one transaction (group commit), so that audited reads do not each cost a commit. Never call it from inside
     * {@link #write} or {@link #atomically}: it waits for a commit of its own, which on SQLite's single writer would
     * wait for the caller's transaction, forever.
     */
    void record(AuditEvent event);

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
