package dev.donjon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors of one run, shared by its workers: a total, plus a count and a first example for the first few distinct
 * kinds (a failing server tends to fail one way; listing a thousand distinct messages helps nobody).
 */
final class ErrorTally {
    static final int DISTINCT_KINDS = 5;

    /** One kind of error: how often, and the detail of its first occurrence. */
    record Kind(String error, long count, String firstDetail) {
    }

    private record Counter(AtomicLong count, String firstDetail) {
    }

    private final LongAdder total = new LongAdder();
    private final Map<String, Counter> kinds = new ConcurrentHashMap<>();

    void record(Outcome outcome) {
        total.increment();
        Counter counter = kinds.get(outcome.error());
        if (counter == null && kinds.size() < DISTINCT_KINDS) {
            // May overshoot DISTINCT_KINDS by a few under a race; harmless.
            counter = kinds.computeIfAbsent(outcome.error(), k -> new Counter(new AtomicLong(), outcome.detail()));
        }
        if (counter != null) {
            counter.count().incrementAndGet();
        }
    }

    long total() {
        return total.sum();
    }

    /** Most frequent first; their counts may add up to less than {@link #total()}. */
    List<Kind> kinds() {
        List<Kind> list = new ArrayList<>();
        kinds.forEach((error, c) -> list.add(new Kind(error, c.count().get(), c.firstDetail())));
        list.sort((a, b) -> Long.compare(b.count(), a.count()));
        return list;
    }
}
