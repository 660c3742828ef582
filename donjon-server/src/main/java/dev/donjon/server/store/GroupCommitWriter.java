package dev.donjon.server.store;

import dev.donjon.server.domain.audit.ChainHead;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The only thread that writes to an SQLite database. SQLite admits one writer at a time, and with synchronous=FULL
 * each commit costs an fsync, so committing each write on its own caps throughput at the disk's fsync rate. Instead,
 * writes that arrive while a commit is in progress queue up and then commit together: each runs inside its own
 * savepoint of one shared transaction, which commits once. A write that throws is rolled back to its savepoint and
 * gets its exception; the others of its group are unaffected. Nothing ever waits for a group to fill, so a write that
 * finds the writer idle commits at once.
 * <p>
 * Callers are answered only after the commit that made their write durable, or failed it.
 * <p>
 * The transaction and savepoint statements stay prepared ({@link HotStatements}): this thread's CPU per write bounds
 * how many writes a second the node takes, and compiling them afresh cost as much as running them. For the same reason
 * the audit chain's head row is written once per group ({@link DeferredChainHead}), not once per event.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** Caps how long one write can wait behind the others of its group. */
    static final int MAX_GROUP_SIZE = 256;

    private static final Unit<Void> STOP = new Unit<>(handle -> null);

    private final Handle handle;
    private final DeferredChainHead chainHead = new DeferredChainHead();
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedWrites = new AtomicLong();
    private final Thread thread;
    /** A statement to run once outside any transaction before the next group (a checkpoint); guarded by this. */
    private String betweenGroups;
    private boolean closed;

    /** Takes ownership of the handle, which must be in auto-commit mode: this class issues BEGIN and COMMIT. */
    GroupCommitWriter(Handle handle) {
        this.handle = handle;
        this.thread = Thread.ofPlatform().name("donjon-sqlite-writer").daemon(true).start(this::run);
    }

    /** Runs the work in the next group and returns its result once that group has committed. */
    <T> T write(Function<Handle, T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a write cannot start another write: it would wait for itself");
        }
        Unit<T> unit = new Unit<>(work);
        enqueue(unit);
        return unit.awaitOutcome();
    }

    /**
     * The audit chain's head as the current group moved it; only the writes this writer runs (on its thread, on its
     * handle) may use it.
     */
    DeferredChainHead chainHead() {
        return chainHead;
    }

    /** Whether {@code other} is this writer's handle, the one its writes run on. */
    boolean owns(Handle other) {
        return other == handle;
    }

    /** Transactions committed so far, each holding one or more writes. */
    long commits() {
        return commits.get();
    }

    /** Writes committed so far; with {@link #commits()}, the mean group size. */
    long committedWrites() {
        return committedWrites.get();
    }

    /** Writes waiting for the group after the one being committed. */
    int queued() {
        return queue.size();
    }

    /**
     * Runs a statement on the writer's connection outside any transaction, before the next group, without waiting for
     * it: {@link WalCheckpointer}'s catch-up checkpoint. A request not yet run is replaced by a later one.
     */
    synchronized void betweenGroups(String sql) {
        betweenGroups = sql;
        if (queue.isEmpty() && !closed) {
            // Wake an idle writer; the empty work commits an empty group.
            queue.add(new Unit<>(handle -> null));
        }
    }

    /** Commits every write already accepted, then releases the connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        handle.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void enqueue(Unit<?> unit) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        queue.add(unit);
    }

    private void run() {
        List<Unit<?>> group = new ArrayList<>(MAX_GROUP_SIZE);
        boolean stopping = false;
        while (!stopping) {
            group.add(take());
            queue.drainTo(group, MAX_GROUP_SIZE - 1);
            // Nothing is accepted after STOP, so it can only be the last of a group.
            stopping = group.getLast() == STOP;
            if (stopping) {
                group.removeLast();
            }
            if (!group.isEmpty()) {
                commit(group);
            }
            group.clear();
            runBetweenGroups();
        }
    }

    private void runBetweenGroups() {
        String sql;
        synchronized (this) {
            sql = betweenGroups;
            betweenGroups = null;
        }
        if (sql == null) {
            return;
        }
        try (java.sql.Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            // A checkpoint that could not run now (a reader on an old snapshot) runs at the next request.
            org.slf4j.LoggerFactory.getLogger(GroupCommitWriter.class).debug("{} failed: {}", sql, e.getMessage());
        }
    }

    private Unit<?> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() may end this thread: queued callers would otherwise wait forever.
            }
        }
    }

    private void commit(List<Unit<?>> group) {
        try {
            HotStatements.update(handle, "BEGIN IMMEDIATE");
        } catch (RuntimeException e) {
            group.forEach(unit -> unit.abandon(e));
            return;
        }
        try {
            for (Unit<?> unit : group) {
                unit.runInSavepoint(handle, chainHead);
            }
            chainHead.writeBack(handle);
            HotStatements.update(handle, "COMMIT");
        } catch (RuntimeException | Error e) {
            rollback(e);
            group.forEach(unit -> unit.abandon(e));
            return;
        } finally {
            chainHead.forget();
        }
        commits.incrementAndGet();
        committedWrites.addAndGet(group.size());
        group.forEach(Unit::complete);
    }

    private void rollback(Throwable cause) {
        try {
            handle.execute("ROLLBACK");
        } catch (RuntimeException e) {
            // SQLite may have rolled back already (disk full, I/O error); the cause is what callers need to see.
            cause.addSuppressed(e);
        }
    }

    /** One caller's write: its work, and what it produced once the group's fate is known. */
    private static final class Unit<T> {
        private final Function<Handle, T> work;
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        Unit(Function<Handle, T> work) {
            this.work = work;
        }

        /** Throws only when the savepoint itself fails, which leaves the whole transaction in doubt. */
        void runInSavepoint(Handle handle, DeferredChainHead chainHead) {
            HotStatements.update(handle, "SAVEPOINT unit");
            ChainHead mark = chainHead.mark();
            try {
                result = work.apply(handle);
            } catch (Throwable t) {
                // Everything, Errors included: the caller is waiting for this outcome and must not wait forever.
                failure = t;
                HotStatements.update(handle, "ROLLBACK TO unit");
                chainHead.rollBackTo(mark);
            }
            HotStatements.update(handle, "RELEASE unit");
        }

        void complete() {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        }

        /** The group did not commit: a write that had failed on its own still reports its own failure. */
        void abandon(Throwable groupFailure) {
            outcome.completeExceptionally(failure != null ? failure : groupFailure);
        }

        T awaitOutcome() {
            try {
                // Not interruptible on purpose: the write commits or fails regardless, and the caller must know which.
                return outcome.join();
            } catch (CompletionException e) {
                throw rethrow(e.getCause());
            }
        }

        private static RuntimeException rethrow(Throwable failure) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("write failed", failure);
        }
    }
}
