package dev.donjon.server.domain;

import java.util.function.Function;

/**
 * Transactions over the repositories. A write's work, its audit events and any counters commit together or not at
 * all, and a write has been made durable when {@link #write} returns.
 */
public interface Store {
    <T> T read(Function<StoreTx, T> work);

    /** Runs {@code work} in one transaction; an exception from it rolls back everything it did and is rethrown. */
    <T> T write(Function<StoreTx, T> work);
}
