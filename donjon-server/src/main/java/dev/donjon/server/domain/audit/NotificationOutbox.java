package dev.donjon.server.domain.audit;

import java.time.Instant;
import java.util.List;

/**
 * Usage notifications waiting for the message broker. A notification is added in the transaction of the event it
 * announces, so it exists exactly when that event does; a publisher removes it only once the broker confirmed it.
 */
public interface NotificationOutbox {
    void add(String eventType, String message, Instant at);

    /** The oldest waiting notifications, in the order they were added. */
    List<Pending> oldest(int limit);

    /** Removes delivered notifications. */
    void remove(List<Long> seqs);

    /** How many notifications wait, and when the oldest of them was added (empty when none waits). */
    Backlog backlog();

    record Pending(long seq, String eventType, String message) {
    }

    record Backlog(long pending, java.util.Optional<Instant> oldest) {
    }
}
