package dev.donjon.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {
    private static final double PRECISION = 1.0 / (1 << LatencyHistogram.SUB_BITS);

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();

        assertThat(h.count()).isZero();
        assertThat(h.percentile(50)).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100; v++) {
            h.record(v);
        }

        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(99.9)).isEqualTo(100);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.percentile(0)).isEqualTo(1);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void oneToTenThousandMicroseconds() {
        LatencyHistogram h = new LatencyHistogram();
        for (long us = 1; us <= 10_000; us++) {
            h.record(us * 1000);
        }

        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentile(50) / 1e3).isCloseTo(5_000, within(5_000 * PRECISION));
        assertThat(h.percentile(99) / 1e3).isCloseTo(9_900, within(9_900 * PRECISION));
        assertThat(h.percentile(99.9) / 1e3).isCloseTo(9_990, within(9_990 * PRECISION));
        assertThat(h.max()).isEqualTo(10_000_000);
        assertThat(h.min()).isEqualTo(1_000);
    }

    @Test
    void percentilesOfSkewedRandomDataMatchSortedArrayWithinBucketPrecision() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[200_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Log-normal-ish: most around 1 ms, a long tail into hundreds of ms, like real latencies.
            values[i] = (long) (1_000_000 * Math.exp(random.nextGaussian() * 1.2));
            h.record(values[i]);
        }
        Arrays.sort(values);

        for (double p : new double[] {1, 10, 50, 90, 99, 99.9, 99.99, 100}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat(h.percentile(p)).as("p%s", p)
                    .isGreaterThanOrEqualTo(exact)
                    .isLessThanOrEqualTo(exact + (long) Math.ceil(exact * PRECISION));
        }
    }

    @Test
    void mergeIsTheSameAsRecordingEverythingInOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (long v = 0; v < 5_000; v++) {
            long value = v * v * 37;
            (v % 3 == 0 ? a : b).record(value);
            all.record(value);
        }
        a.merge(b);

        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.max()).isEqualTo(all.max());
        assertThat(a.mean()).isEqualTo(all.mean());
        for (double p : new double[] {0, 25, 50, 75, 99, 99.9, 100}) {
            assertThat(a.percentile(p)).isEqualTo(all.percentile(p));
        }
    }

    @Test
    void bucketsTileTheRangeWithoutGapsOrOverlap() {
        long expectedLower = 0;
        int last = LatencyHistogram.bucketIndex(LatencyHistogram.MAX_TRACKABLE);
        for (int i = 0; i <= last; i++) {
            long upper = LatencyHistogram.bucketUpperBound(i);
            assertThat(LatencyHistogram.bucketIndex(expectedLower)).isEqualTo(i);
            assertThat(LatencyHistogram.bucketIndex(upper)).isEqualTo(i);
            assertThat((double) (upper - expectedLower)).isLessThanOrEqualTo(Math.max(0, expectedLower * PRECISION));
            expectedLower = upper + 1;
        }
        assertThat(expectedLower - 1).isEqualTo(LatencyHistogram.MAX_TRACKABLE);
    }

    @Test
    void outOfRangeValuesAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);

        assertThat(h.percentile(0)).isZero();
        assertThat(h.max()).isEqualTo(LatencyHistogram.MAX_TRACKABLE);
    }
}
