package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricAggregate;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.MetricRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link MetricRepository}: atomic batches, references to agents and tasks, windows
 * {@code [from, to)} by name and optionally agent or task, and aggregates with nearest-rank
 * percentiles.
 */
@RequiresCapability(Capability.METRICS)
public abstract sealed class MetricRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Metrics {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant END = T0.plusSeconds(3600);

    private MetricRepository metrics() {
        return store().metrics();
    }

    private static Metric sample(String id, String name, double value, Instant at) {
        return new Metric(id, null, null, name, value, "ms", Json.EMPTY_OBJECT, at);
    }

    @Test
    void recordStoresEveryField() {
        registerAgent("agent-1");
        enqueue("t-1");
        Metric metric = new Metric("m-1", "agent-1", "t-1", "build.time", 12.5, "s",
                json("{\"module\":\"core\",\"ci\":true}"), T0);

        metrics().record(List.of(metric));

        List<Metric> found = metrics().list(MetricQuery.of("build.time", T0, END), 10);
        assertThat(found).hasSize(1);
        Metric stored = found.get(0);
        assertThat(stored.id()).isEqualTo("m-1");
        assertThat(stored.agentId()).isEqualTo("agent-1");
        assertThat(stored.taskId()).isEqualTo("t-1");
        assertThat(stored.name()).isEqualTo("build.time");
        assertThat(stored.value()).isEqualTo(12.5);
        assertThat(stored.unit()).isEqualTo("s");
        assertSameJson(stored.tags(), json("{\"ci\":true,\"module\":\"core\"}"));
        assertThat(stored.recordedAt()).isEqualTo(T0);
    }

    @Test
    void extremeFiniteValuesSurvive() {
        metrics().record(List.of(sample("m-1", "x", Double.MAX_VALUE, T0), sample("m-2", "x", -Double.MIN_VALUE, T0.plusMillis(1)),
                sample("m-3", "x", 0.1, T0.plusMillis(2))));

        assertThat(metrics().list(MetricQuery.of("x", T0, END), 10)).extracting(Metric::value)
                .containsExactly(Double.MAX_VALUE, -Double.MIN_VALUE, 0.1);
    }

    @Test
    void emptyBatchIsNothing() {
        metrics().record(List.of());

        assertThat(metrics().aggregate(MetricQuery.of("x", T0, END)).count()).isZero();
    }

    @Test
    void batchNamingAnUnknownAgentOrTaskIsNotFoundAndStoresNothing() {
        registerAgent("agent-1");
        enqueue("t-1");
        Metric good = new Metric("m-1", "agent-1", "t-1", "x", 1, "ms", Json.EMPTY_OBJECT, T0);

        NotFoundException agent = assertThrows(NotFoundException.class, () -> metrics().record(List.of(good,
                new Metric("m-2", "ghost", null, "x", 2, "ms", Json.EMPTY_OBJECT, T0))));
        NotFoundException task = assertThrows(NotFoundException.class, () -> metrics().record(List.of(good,
                new Metric("m-3", null, "ghost-task", "x", 3, "ms", Json.EMPTY_OBJECT, T0))));

        assertThat(agent.entity()).isEqualTo("agent");
        assertThat(agent.id()).isEqualTo("ghost");
        assertThat(task.entity()).isEqualTo("task");
        assertThat(task.id()).isEqualTo("ghost-task");
        assertThat(metrics().aggregate(MetricQuery.of("x", T0, END)).count()).isZero();
    }

    @Test
    void batchWithADuplicateIdIsAConflictAndStoresNothing() {
        metrics().record(List.of(sample("m-1", "x", 1, T0)));

        ConflictException e = assertThrows(ConflictException.class, () -> metrics().record(List.of(
                sample("m-2", "x", 2, T0), sample("m-1", "x", 3, T0))));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(metrics().list(MetricQuery.of("x", T0, END), 10)).extracting(Metric::id).containsExactly("m-1");
    }

    @Test
    void tagsThatAreNoObjectAreRefused() {
        for (String tags : List.of("[1,2]", "\"text\"", "3", "null", "{")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> metrics().record(List.of(
                    new Metric("m-1", null, null, "x", 1, "ms", json(tags), T0))));
            assertThat(e.field()).as("tags %s", tags).isEqualTo("metric.tags");
        }
        assertThat(metrics().aggregate(MetricQuery.of("x", T0, END)).count()).isZero();
    }

    @Test
    void aggregateComputesEveryFigure() {
        List<Metric> samples = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            samples.add(sample("m-" + i, "latency", i, T0.plusSeconds(i)));
        }
        // Insertion order must not matter to the percentiles.
        Collections.shuffle(samples, new Random(42));
        metrics().record(samples);

        MetricAggregate aggregate = metrics().aggregate(MetricQuery.of("latency", T0, END));

        assertThat(aggregate.query()).isEqualTo(MetricQuery.of("latency", T0, END));
        assertThat(aggregate.count()).isEqualTo(20);
        assertThat(aggregate.min()).isEqualTo(1.0);
        assertThat(aggregate.max()).isEqualTo(20.0);
        assertThat(aggregate.avg()).isCloseTo(10.5, within(1e-9));
        // Nearest rank: p50 is rank ceil(0.5 * 20) = 10, p95 is rank ceil(0.95 * 20) = 19.
        assertThat(aggregate.p50()).isEqualTo(10.0);
        assertThat(aggregate.p95()).isEqualTo(19.0);
    }

    @Test
    void percentilesOfFewSamplesAreRecordedValues() {
        metrics().record(List.of(sample("a", "one", 7.25, T0)));
        metrics().record(List.of(sample("b", "three", 5, T0), sample("c", "three", 1, T0), sample("d", "three", 3, T0)));

        MetricAggregate one = metrics().aggregate(MetricQuery.of("one", T0, END));
        MetricAggregate three = metrics().aggregate(MetricQuery.of("three", T0, END));

        assertThat(one.p50()).isEqualTo(7.25);
        assertThat(one.p95()).isEqualTo(7.25);
        assertThat(three.p50()).isEqualTo(3.0);
        assertThat(three.p95()).isEqualTo(5.0);
        assertThat(three.avg()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void emptyWindowHasCountZeroAndNoFigures() {
        metrics().record(List.of(sample("m-1", "x", 1, T0)));

        MetricAggregate aggregate = metrics().aggregate(MetricQuery.of("x", END, END.plusSeconds(1)));

        assertThat(aggregate.count()).isZero();
        assertThat(aggregate.min()).isNull();
        assertThat(aggregate.max()).isNull();
        assertThat(aggregate.avg()).isNull();
        assertThat(aggregate.p50()).isNull();
        assertThat(aggregate.p95()).isNull();
    }

    @Test
    void windowIncludesFromExcludesToAndSelectsByName() {
        metrics().record(List.of(
                sample("before", "x", 100, T0.minusMillis(1)),
                sample("at-from", "x", 1, T0),
                sample("inside", "x", 2, T0.plusSeconds(10)),
                sample("at-to", "x", 200, END),
                sample("other-name", "y", 300, T0.plusSeconds(10))));

        MetricAggregate aggregate = metrics().aggregate(MetricQuery.of("x", T0, END));

        assertThat(aggregate.count()).isEqualTo(2);
        assertThat(aggregate.max()).isEqualTo(2.0);
        assertThat(metrics().list(MetricQuery.of("x", T0, END), 10)).extracting(Metric::id)
                .containsExactly("at-from", "inside");
    }

    @Test
    void aggregateNarrowsToOneAgentOrTask() {
        registerAgent("a-1");
        registerAgent("a-2");
        enqueue("t-1");
        enqueue("t-2");
        metrics().record(List.of(
                new Metric("m-1", "a-1", "t-1", "x", 1, "ms", Json.EMPTY_OBJECT, T0),
                new Metric("m-2", "a-1", "t-2", "x", 2, "ms", Json.EMPTY_OBJECT, T0),
                new Metric("m-3", "a-2", "t-2", "x", 4, "ms", Json.EMPTY_OBJECT, T0),
                new Metric("m-4", null, null, "x", 8, "ms", Json.EMPTY_OBJECT, T0)));

        assertThat(metrics().aggregate(new MetricQuery("x", T0, END, "a-1", null)).avg()).isCloseTo(1.5, within(1e-9));
        assertThat(metrics().aggregate(new MetricQuery("x", T0, END, null, "t-2")).count()).isEqualTo(2);
        assertThat(metrics().aggregate(new MetricQuery("x", T0, END, "a-1", "t-2")).max()).isEqualTo(2.0);
        assertThat(metrics().aggregate(new MetricQuery("x", T0, END, "a-3", null)).count()).isZero();
        assertThat(metrics().aggregate(MetricQuery.of("x", T0, END)).max()).isEqualTo(8.0);
    }

    @Test
    void listIsOldestFirstAndLimited() {
        metrics().record(List.of(sample("m-c", "x", 3, T0.plusSeconds(3)), sample("m-a", "x", 1, T0.plusSeconds(1)),
                sample("m-b", "x", 2, T0.plusSeconds(2))));

        assertThat(metrics().list(MetricQuery.of("x", T0, END), 2)).extracting(Metric::id).containsExactly("m-a", "m-b");
        assertThrows(InvalidInputException.class, () -> metrics().list(MetricQuery.of("x", T0, END), 0));
        assertThrows(InvalidInputException.class,
                () -> metrics().list(MetricQuery.of("x", T0, END), MetricRepository.MAX_LIMIT + 1));
    }

    @Test
    void largeBatchIsStoredWhole() {
        List<Metric> samples = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            samples.add(sample(String.format("m-%04d", i), "bulk", i, T0.plusMillis(i)));
        }

        metrics().record(samples);

        MetricAggregate aggregate = metrics().aggregate(MetricQuery.of("bulk", T0, END));
        assertThat(aggregate.count()).isEqualTo(1_000);
        assertThat(aggregate.p95()).isEqualTo(949.0);
    }
}
