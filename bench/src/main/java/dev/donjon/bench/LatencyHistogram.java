package dev.donjon.bench;

/**
 * Log-linear histogram of latencies in nanoseconds, in the style of HdrHistogram: values below 2^{@value #SUB_BITS}
 * get one bucket each, every larger power-of-two range is split into 2^{@value #SUB_BITS} equal buckets, so a
 * reported percentile is within 1/128 (0.8%) of the true value. Recording is an index computation and one array
 * increment; each worker owns one histogram (no sharing, no locks) and they are merged after the run.
 */
final class LatencyHistogram {
    static final int SUB_BITS = 7;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    /** 2^43 ns is about 2.4 hours; anything longer is recorded as that. */
    private static final int MAX_BITS = 43;
    static final long MAX_TRACKABLE = (1L << MAX_BITS) - 1;

    private final long[] counts = new long[bucketIndex(MAX_TRACKABLE) + 1];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    public void record(long nanos) {
        long value = Math.clamp(nanos, 0, MAX_TRACKABLE);
        counts[bucketIndex(value)]++;
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    public void merge(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    /** Exact, not bucketed. */
    public long max() {
        return max;
    }

    /** Exact, not bucketed; 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The nearest-rank percentile: the smallest recorded value with at least {@code percentile}% of the values at
     * or below it, reported as the upper bound of its bucket (never above the exact maximum); 0 when empty.
     */
    public long percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile out of [0, 100]: " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.clamp(bucketUpperBound(i), min, max);
            }
        }
        throw new IllegalStateException("counts do not add up to " + count);
    }

    static int bucketIndex(long value) {
        if (value < SUB_COUNT) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value); // >= SUB_BITS
        int shift = magnitude - SUB_BITS;
        // Top SUB_BITS+1 bits of the value; the leading one is implied by the magnitude.
        int sub = (int) (value >>> shift) - SUB_COUNT;
        return (shift + 1) * SUB_COUNT + sub;
    }

    static long bucketUpperBound(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int shift = index / SUB_COUNT - 1;
        long sub = index % SUB_COUNT;
        return ((SUB_COUNT + sub + 1) << shift) - 1;
    }
}
