package dev.agenthive.store.postgres;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServerClockTest {

    @Test
    void aServerOnTheSameClockGivesNoOffset() {
        ServerClock clock = new ServerClock();

        assertThat(clock.calibrate(Instant::now)).isZero();
        assertThat(clock.offset()).isZero();
    }

    @Test
    void followsAServerWhoseClockIsAhead() {
        ServerClock clock = new ServerClock();

        Duration offset = clock.calibrate(() -> Instant.now().plusSeconds(90));

        assertThat(offset).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
        assertThat(clock.instant()).isAfter(Instant.now().plusSeconds(89));
    }

    @Test
    void followsAServerWhoseClockIsBehind() {
        ServerClock clock = new ServerClock();

        clock.calibrate(() -> Instant.now().minusSeconds(30));

        assertThat(clock.instant()).isBefore(Instant.now().minusSeconds(29));
    }
}
