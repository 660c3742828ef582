package dev.donjon.server.domain.audit;

/**
 * Told of every event appended to the chain, inside the append's transaction, with the outbox of that transaction:
 * what it adds there commits or rolls back with the event.
 */
@FunctionalInterface
public interface AppendListener {
    AppendListener NONE = (event, outbox) -> { };

    void appended(ChainedEvent event, NotificationOutbox outbox);
}
