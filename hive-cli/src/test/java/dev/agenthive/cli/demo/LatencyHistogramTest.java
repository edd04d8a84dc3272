package dev.agenthive.cli.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInsideItsBucket() {
        List<Long> values = new ArrayList<>();
        for (long v = 0; v < 10_000; v++) {
            values.add(v);
        }
        for (int shift = 14; shift < 63; shift++) {
            values.add(1L << shift);
            values.add((1L << shift) - 1);
            values.add((1L << shift) + 12345);
        }
        values.add(Long.MAX_VALUE);
        int previousIndex = -1;
        for (long value : values) {
            int index = LatencyHistogram.indexOf(value);
            long low = LatencyHistogram.lowestValueOf(index);
            assertThat(value).as("value %d in bucket %d", value, index)
                    .isBetween(low, low + LatencyHistogram.widthOf(index) - 1);
            if (value < 10_000) {
                assertThat(index).isGreaterThanOrEqualTo(previousIndex);
                previousIndex = index;
            }
        }
    }

    @Test
    void percentilesAreWithinThreePercent() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros * 1_000);
        }
        LatencyHistogram.Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.count()).isEqualTo(100_000);
        assertThat((double) snapshot.valueAt(0.50)).isCloseTo(50_000_000, within(50_000_000 * 0.032));
        assertThat((double) snapshot.valueAt(0.99)).isCloseTo(99_000_000, within(99_000_000 * 0.032));
        assertThat((double) snapshot.valueAt(1.0)).isCloseTo(100_000_000, within(100_000_000 * 0.032));
    }

    @Test
    void emptyHistogramReportsZeroAndRejectsBadFractions() {
        LatencyHistogram.Snapshot empty = new LatencyHistogram().snapshot();

        assertThat(empty.count()).isZero();
        assertThat(empty.valueAt(0.99)).isZero();
        assertThatThrownBy(() -> empty.valueAt(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.valueAt(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    histogram.record(i % 7 * 1_000L);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(histogram.snapshot().count()).isEqualTo(200_000);
    }
}
