package dev.donjon.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.PrintStream;
import java.util.List;

/** Prints each run's result as soon as it is known: a table for people, or JSON lines for scripts and docs. */
sealed interface Report {

    void row(RunResult result);

    static Report of(boolean json, PrintStream out) {
        return json ? new JsonLines(out) : new Table(out);
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    final class Table implements Report {
        private static final String FORMAT = "%-12s %5s %10s %9s %9s %9s %9s %9s %7s%n";
        private final PrintStream out;
        private boolean headerPrinted;

        Table(PrintStream out) {
            this.out = out;
        }

        @Override
        public void row(RunResult r) {
            if (!headerPrinted) {
                out.printf(FORMAT, "op", "conc", "ops/s", "p50 ms", "p99 ms", "p999 ms", "max ms", "ops", "errors");
                headerPrinted = true;
            }
            LatencyHistogram h = r.latencies();
            out.printf(FORMAT, r.operation(), r.concurrency(), "%.1f".formatted(r.opsPerSecond()),
                    ms(h.percentile(50)), ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()),
                    r.ops(), r.errors());
            for (ErrorTally.Kind kind : r.errorKinds()) {
                out.printf("    %d x %s%s%n", kind.count(), kind.error(),
                        kind.firstDetail() == null ? "" : ": " + kind.firstDetail().replaceAll("\\s+", " "));
            }
            out.flush();
        }

        private static String ms(long nanos) {
            return "%.3f".formatted(millis(nanos));
        }
    }

    final class JsonLines implements Report {
        private static final ObjectMapper JSON = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        private final PrintStream out;

        JsonLines(PrintStream out) {
            this.out = out;
        }

        /** The JSON shape of one run; latencies in milliseconds. */
        record Line(String op, int concurrency, double seconds, long ops, double opsPerS, double p50Ms, double p99Ms,
                    double p999Ms, double maxMs, double meanMs, long errors, List<ErrorTally.Kind> errorKinds) {
        }

        @Override
        public void row(RunResult r) {
            LatencyHistogram h = r.latencies();
            Line line = new Line(r.operation(), r.concurrency(), round(r.measured().toNanos() / 1e9, 3),
                    r.ops(), round(r.opsPerSecond(), 1), ms(h.percentile(50)), ms(h.percentile(99)),
                    ms(h.percentile(99.9)), ms(h.max()), round(h.mean() / 1e6, 3), r.errors(), r.errorKinds());
            try {
                out.println(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + line, e);
            }
            out.flush();
        }

        /** Microsecond resolution: the histogram is not more precise than that at typical latencies anyway. */
        private static double ms(long nanos) {
            return round(millis(nanos), 3);
        }

        private static double round(double value, int decimals) {
            double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }
    }
}
