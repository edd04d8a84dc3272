package dev.agenthive.core.observe;

import dev.agenthive.api.error.InvalidInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlowOperationsTest {
    private static final long THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SlowOperations slow = new SlowOperations(Duration.ofMillis(100), Clock.systemUTC(),
            new SimpleMeterRegistry());

    @Test
    void theThresholdMustBePositive() {
        assertThatThrownBy(() -> new SlowOperations(Duration.ZERO, Clock.systemUTC(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hive.slow-operation");
    }

    @Test
    void aFastCallKeepsNothingAndLeavesNoScopeOpen() {
        SlowOperations.Slot slot = slow.begin();
        slow.current().statement("dev.agenthive.store.jdbc.task.TaskMapper.claim");
        slow.end(slot, "tasks.claim", "success", THRESHOLD_NANOS);

        assertThat(slow.recent()).isEmpty();
        assertThat(slow.current()).isNull();
        assertThat(slow.takeUnwritten(20).operations()).isEmpty();
    }

    @Test
    void aSlowCallKeepsItsDistinctStatementsInTheOrderTheyFirstRan() {
        SlowOperations.Slot slot = slow.begin();
        for (String statement : new String[] {"dev.agenthive.store.sqlite.SqliteControlMapper.beginImmediate",
                "dev.agenthive.store.jdbc.task.TaskMapper.claim", "dev.agenthive.store.jdbc.task.TaskMapper.claim",
                "dev.agenthive.store.sqlite.SqliteControlMapper.commit"}) {
            slow.current().statement(statement);
        }
        slow.end(slot, "tasks.claim", "lease_lost", THRESHOLD_NANOS + 1);

        assertThat(slow.recent()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("tasks.claim");
            assertThat(call.outcome()).isEqualTo("lease_lost");
            assertThat(call.statements()).containsExactly("SqliteControlMapper.beginImmediate", "TaskMapper.claim",
                    "SqliteControlMapper.commit");
        });
    }

    @Test
    void aCallInsideAWatchedCallOpensNoScopeOfItsOwn() {
        SlowOperations.Slot outer = slow.begin();

        assertThat(slow.begin()).isNull();
        slow.end(outer, "tasks.claim", "success", 0);
        assertThat(slow.begin()).isNotNull();
    }

    @Test
    void aRoundTakesTheSlowestCallsSinceTheLastRoundInTheOrderTheyHappenedAndCountsTheOthers() {
        IntStream.rangeClosed(1, 30).forEach(i -> slowCall("op" + i, i));

        SlowOperations.Unwritten first = slow.takeUnwritten(20);

        assertThat(first.operations()).extracting(SlowOperation::operation)
                .containsExactlyElementsOf(IntStream.rangeClosed(11, 30).mapToObj(i -> "op" + i).toList());
        assertThat(first.omitted()).isEqualTo(10);
        assertThat(slow.takeUnwritten(20).operations()).as("each call is handed out once").isEmpty();

        slowCall("later", 1);
        assertThat(slow.takeUnwritten(20).operations()).extracting(SlowOperation::operation).containsExactly("later");
    }

    @Test
    void memoryKeepsTheLastHundredAndARoundCountsTheDroppedOnesAsOmitted() {
        IntStream.range(0, 150).forEach(i -> slowCall("op" + i, 1));

        assertThat(slow.recent()).hasSize(SlowOperations.KEPT).first().extracting(SlowOperation::operation)
                .isEqualTo("op50");
        SlowOperations.Unwritten round = slow.takeUnwritten(20);
        assertThat(round.operations()).hasSize(20);
        assertThat(round.omitted()).isEqualTo(130);
    }

    @Test
    void namesAreShortenedToMapperAndStatement() {
        assertThat(SlowOperations.shortName("dev.agenthive.store.jdbc.task.TaskMapper.claim")).isEqualTo("TaskMapper.claim");
        assertThat(SlowOperations.shortName("Mapper.find")).isEqualTo("Mapper.find");
        assertThat(SlowOperations.shortName("find")).isEqualTo("find");
    }

    private void slowCall(String operation, long extraMillis) {
        SlowOperations.Slot slot = slow.begin();
        slow.end(slot, operation, "success", THRESHOLD_NANOS + TimeUnit.MILLISECONDS.toNanos(extraMillis));
    }
}
