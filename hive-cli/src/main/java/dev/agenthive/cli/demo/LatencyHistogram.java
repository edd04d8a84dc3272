package dev.agenthive.cli.demo;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with log-linear buckets: every power of two is split into 32
 * equal sub-buckets, so a reported percentile is within about 3% of the true value while
 * recording stays one atomic increment, whatever the number of calls. Values are nanoseconds.
 */
public final class LatencyHistogram {
    private static final int SUB_BUCKET_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Values below {@link #SUB_BUCKETS} get one bucket each; every larger power of two gets 32. */
    private static final int BUCKETS = (Long.SIZE - SUB_BUCKET_BITS + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one latency; negative values (a clock step) count as zero. */
    public void record(long nanos) {
        counts.incrementAndGet(indexOf(Math.max(0, nanos)));
    }

    /** A consistent copy of the counts recorded so far. */
    public Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return new Snapshot(copy);
    }

    static int indexOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
    }

    static long lowestValueOf(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        long sub = index % SUB_BUCKETS;
        return (SUB_BUCKETS + sub) << (exponent - SUB_BUCKET_BITS);
    }

    static long widthOf(int index) {
        if (index < SUB_BUCKETS) {
            return 1;
        }
        int exponent = index / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        return 1L << (exponent - SUB_BUCKET_BITS);
    }

    /** Immutable view of the histogram at one moment. */
    public static final class Snapshot {
        private final long[] counts;
        private final long total;

        private Snapshot(long[] counts) {
            this.counts = counts;
            long sum = 0;
            for (long count : counts) {
                sum += count;
            }
            this.total = sum;
        }

        public long count() {
            return total;
        }

        /**
         * The latency at or below which {@code fraction} of the recorded values lie, as the middle
         * of its bucket; 0 when nothing was recorded.
         *
         * @param fraction 0 (exclusive) to 1 (inclusive), e.g. 0.99
         */
        public long valueAt(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
            }
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(fraction * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return lowestValueOf(i) + (widthOf(i) - 1) / 2;
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond total " + total);
        }
    }
}
