package dev.donjon.bench;

import java.util.List;
import java.util.Queue;

/** Which secret each request of a run works on. */
sealed interface Targets {

    /** POST: no id needed; each created id is added to {@code created} (to be deleted later). */
    record Create(Queue<String> created) implements Targets {
    }

    /** GET: a uniformly random id of the pool for every request. */
    record Random(List<String> ids) implements Targets {
    }

    /**
     * DELETE, measured: every id once; when none are left, more are created with the run clock stopped, so that
     * the run lasts its full duration however fast deletes are compared to creates.
     */
    record Consume(Queue<String> ids) implements Targets {
    }

    /** DELETE, unmeasured clean-up: every id once, then stop. */
    record Drain(Queue<String> ids) implements Targets {
    }
}
