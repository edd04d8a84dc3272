package dev.agenthive.core;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void idsAreVersion7UuidsCarryingTheTimestamp() {
        IdGenerator ids = new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new Random(1));

        UUID id = UUID.fromString(ids.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void idsWithinOneMillisecondSortInGenerationOrderAndNeverRepeat() {
        IdGenerator ids = new IdGenerator(Clock.fixed(NOW, ZoneOffset.UTC), new Random(7));
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            generated.add(ids.next());
        }

        assertThat(generated).isSorted();
        assertThat(new HashSet<>(generated)).hasSize(generated.size());
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        MutableClock clock = new MutableClock(NOW);
        IdGenerator ids = new IdGenerator(clock, new Random(3));

        String first = ids.next();
        clock.now = NOW.plusMillis(1);
        String second = ids.next();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aClockGoingBackDoesNotBreakTheOrder() {
        MutableClock clock = new MutableClock(NOW);
        IdGenerator ids = new IdGenerator(clock, new Random(5));

        String first = ids.next();
        clock.now = NOW.minusSeconds(10);
        String second = ids.next();

        assertThat(second).isGreaterThan(first);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
