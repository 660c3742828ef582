package dev.donjon.bench;

import java.time.Duration;
import java.util.List;

/**
 * One measured run: one operation at one concurrency.
 *
 * @param operation  the operation's command-line name ({@code get-payload}, {@code locate}, ...)
 * @param measured   the measured window; shorter than asked only if the run could not go on
 * @param latencies  of the successful requests only
 * @param errors     requests sent inside the window that failed (unexpected status or exception)
 * @param errorKinds the first few distinct kinds of error, most frequent first
 */
record RunResult(String operation, int concurrency, Duration measured, LatencyHistogram latencies,
                        long errors, List<ErrorTally.Kind> errorKinds) {

    public long ops() {
        return latencies.count();
    }

    public double opsPerSecond() {
        double seconds = measured.toNanos() / 1e9;
        return seconds <= 0 ? 0 : ops() / seconds;
    }
}
