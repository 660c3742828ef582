package dev.donjon.server.store;

import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.port.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for events that record no change (reads): one thread takes every event queued while the previous
 * batch committed and appends them all in one write transaction, so N concurrent readers cost one commit and one
 * chain-head lock rather than N. Each caller waits for its batch's commit and learns its failure: a read is answered
 * only once its event is durable. Nothing waits for a batch to fill; an event that finds the thread idle commits at
 * once.
 */
final class AuditBatcher implements AutoCloseable {
    static final int MAX_BATCH = 512;
    private static final Pending STOP = new Pending(null);

    private final Store store;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final Thread thread;
    private boolean closed;

    AuditBatcher(Store store) {
        this.store = store;
        this.thread = Thread.ofPlatform().name("donjon-audit-batcher").daemon(true).start(this::run);
    }

    void record(AuditEvent event) {
        Pending pending = new Pending(event);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            queue.add(pending);
        }
        try {
            pending.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Transactions committed so far. */
    long batches() {
        return batches.get();
    }

    /** Events committed so far; with {@link #batches()}, the mean batch size. */
    long events() {
        return events.get();
    }

    /** Events waiting for the next batch. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.getLast() == STOP;
            if (stopping) {
                batch.removeLast();
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            store.write(tx -> {
                tx.audit().appendAll(batch.stream().map(Pending::event).toList());
                return null;
            });
            batches.incrementAndGet();
            events.addAndGet(batch.size());
            batch.forEach(pending -> pending.done.complete(null));
        } catch (RuntimeException | Error e) {
            batch.forEach(pending -> pending.done.completeExceptionally(e));
        }
    }

    /** Commits what was queued, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(AuditEvent event, CompletableFuture<Void> done) {
        Pending(AuditEvent event) {
            this(event, new CompletableFuture<>());
        }
    }
}
