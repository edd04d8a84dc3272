package dev.agenthive.store.postgres;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServerClockTest {

    @Test
    void aServerOnTheSameClockGivesNoOffset() {
        ServerClock clock = new ServerClock(Clock.systemUTC());

        assertThat(clock.calibrate(Instant::now)).isZero();
        assertThat(clock.offset()).isZero();
    }

    @Test
    void followsAServerWhoseClockIsAhead() {
        ServerClock clock = new ServerClock(Clock.systemUTC());

        Duration offset = clock.calibrate(() -> Instant.now().plusSeconds(90));

        assertThat(offset).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
        assertThat(clock.instant()).isAfter(Instant.now().plusSeconds(89));
    }

    @Test
    void followsAServerWhoseClockIsBehind() {
        ServerClock clock = new ServerClock(Clock.systemUTC());

        clock.calibrate(() -> Instant.now().minusSeconds(30));

        assertThat(clock.instant()).isBefore(Instant.now().minusSeconds(29));
    }

    @Test
    void aBaseClockMovedAheadStaysAheadAfterARecalibration() {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        ServerClock clock = new ServerClock(ahead);

        clock.calibrate(Instant::now);

        assertThat(clock.offset()).isZero();
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofMinutes(119)));
    }
}
