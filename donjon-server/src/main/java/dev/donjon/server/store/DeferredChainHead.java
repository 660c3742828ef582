package dev.donjon.server.store;

import dev.donjon.server.domain.audit.ChainHead;
import org.jdbi.v3.core.Handle;

/**
 * The audit chain's head as the SQLite writer's current group has moved it, written to {@code audit_chain_head} once,
 * just before the group's COMMIT, instead of read and written again by every append (two of the four statements of an
 * append, on the one thread every write waits for). SQLite's writer holds the database's write lock from its
 * {@code BEGIN IMMEDIATE} to its COMMIT, so within a group nothing else can move the head; across groups nothing is
 * kept, and the first append of a group reads the row as before.
 * <p>
 * The events themselves are still inserted by each append, in order, inside the write's savepoint. A savepoint that
 * rolls back takes its events with it; whoever rolls it back ({@link GroupCommitWriter}'s units, the joined writes of
 * {@code Store.atomically}) puts the head back to its {@link #mark()} from when the savepoint began, so that the next
 * event links to the last one that stays. Confined to the writer thread: every write runs there.
 */
final class DeferredChainHead {
    /** The head the group moved to and the row does not hold yet; {@code null} while the row is the head. */
    private ChainHead pending;

    /** The head moved by this group's appends, or {@code null} when {@code audit_chain_head} holds the head. */
    ChainHead current() {
        return pending;
    }

    /** An append linked {@code head} to the chain: it is the head from now on, written back before the commit. */
    void moved(ChainHead head) {
        pending = head;
    }

    /** What to give {@link #rollBackTo} when the savepoint that starts now rolls back. */
    ChainHead mark() {
        return pending;
    }

    /**
     * The savepoint begun at {@code mark} rolled back, and with it every event appended since. A {@code null} mark
     * means no append of the group had moved the head then, so the row, which nothing wrote since, is the head again.
     */
    void rollBackTo(ChainHead mark) {
        pending = mark;
    }

    /** Writes the moved head to its row, in the open transaction; the row is the head again afterwards. */
    void writeBack(Handle handle) {
        if (pending == null) {
            return;
        }
        HotStatements.update(handle, JdbcAuditTrail.UPDATE_HEAD, pending.seq(), pending.hash());
        pending = null;
    }

    /** The group ended (committed, or rolled back as a whole, which took the moved head back with it). */
    void forget() {
        pending = null;
    }
}
