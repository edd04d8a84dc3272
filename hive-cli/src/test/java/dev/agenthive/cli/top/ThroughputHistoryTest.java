package dev.agenthive.cli.top;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputHistoryTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theRateIsTheChangeOfTheCompletedCountOverTheTimeBetweenRefreshes() {
        ThroughputHistory history = new ThroughputHistory();

        assertThat(history.record(1_000, 0)).isEmpty();
        assertThat(history.record(1_150, SECOND).getAsDouble()).isEqualTo(150.0);
        assertThat(history.record(1_250, SECOND + SECOND / 2).getAsDouble()).isEqualTo(200.0);
        assertThat(history.record(1_250, 2 * SECOND).getAsDouble()).isZero();
        assertThat(history.lastMinute()).containsExactly(150.0, 200.0, 0.0);
    }

    @Test
    void aFallingCountOrNoElapsedTimeIsARateOfZero() {
        ThroughputHistory history = new ThroughputHistory();
        history.record(500, 0);

        assertThat(history.record(400, SECOND).getAsDouble()).isZero();
        assertThat(history.record(900, SECOND).getAsDouble()).isZero();
    }

    @Test
    void keepsOnlyTheLastMinute() {
        ThroughputHistory history = new ThroughputHistory();
        for (int second = 0; second <= 90; second++) {
            history.record(second * 10L, second * SECOND);
        }

        assertThat(history.lastMinute()).hasSize(60).containsOnly(10.0);
    }
}
