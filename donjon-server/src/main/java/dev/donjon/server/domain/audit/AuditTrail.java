package dev.donjon.server.domain.audit;


import dev.donjon.server.domain.Page;
import java.util.List;

/**
 * The audit trail, a hash chain (see {@code dev.donjon.server.audit.AuditChain}), inside one transaction.
 */
public interface AuditTrail {
    /**
     * Appends the event at the chain's head in the caller's transaction: it takes the next sequence number and links
     * to the head's hash. Appends from every node and thread are serialized on the head until their transactions end,
     * so the chain stays one sequence without gaps; the event commits, or vanishes, with the caller's work.
     */
    void append(AuditEvent event);

    /** Appends the events in their order, as {@link #append} of each would. */
    default void appendAll(java.util.List<AuditEvent> events) {
        events.forEach(this::append);
    }

    /** The most recent events, newest last; for operators and tests. */
    List<AuditEvent> tail(int count);

    /** The chain's last event as recorded. */
    ChainHead head();

    /** Chained events matching the query, newest first, with the number of all that match. */
    Page<ChainedEvent> find(AuditQuery query);

    /** Up to {@code limit} events after {@code afterSeq}, in sequence order: for verification and export. */
    List<ChainedEvent> after(long afterSeq, int limit);

    /** Every signed checkpoint, in sequence order. */
    List<AuditCheckpoint> checkpoints();

    /** The newest checkpoint's seq, or -1 when there is none. */
    long lastCheckpointSeq();

    /** Records a checkpoint; one already recorded at that seq (another node's) is kept. */
    void addCheckpoint(AuditCheckpoint checkpoint);
}
