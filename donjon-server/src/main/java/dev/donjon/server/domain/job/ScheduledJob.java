package dev.donjon.server.domain.job;

import java.time.Instant;

/**
 * Time-driven work that a scheduler runs on one node at a time. A run handles at most a bounded batch and may be cut
 * short by a crash at any point: each object it handles is its own transaction, and the next run picks up what is
 * left, so a run must be safe to repeat.
 */
public interface ScheduledJob {
    /** The job's name: its lease and its run record are kept under it, so it never changes. */
    String name();

    /**
     * Does what is due at {@code now}.
     *
     * @return how many objects it handled
     */
    int run(Instant now);
}
