package dev.agenthive.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.NewMetric;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Projects, metrics and checkpoints through the services: normalisation, criteria and evaluation. */
class HiveProjectsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void projectMetadataIsNormalisedAndEpicsLinkTasks() throws Exception {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Project project = hive.projects().create(new NewProject("Parser", null, ProjectKind.PROJECT, null,
                    Json.of("{ \"owner\" :  \"team-a\" }")));
            Project epic = hive.projects().create(NewProject.epic(project.id(), "Lexer"));
            Task task = hive.tasks().enqueue(NewTask.builder("tokens").build());

            assertThat(project.metadata().text()).isEqualTo("{\"owner\":\"team-a\"}");
            assertThat(hive.projects().addTask(epic.id(), task.id())).isTrue();
            assertThat(hive.projects().addTask(epic.id(), task.id())).isFalse();
            assertThat(hive.projects().progress(project.id()).total()).isEqualTo(1);
            assertThat(hive.projects().projectsOfTask(task.id())).containsExactly(epic);
            assertThatThrownBy(() -> hive.projects().get("missing")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> hive.projects().create(new NewProject("p", null, ProjectKind.PROJECT, null,
                    Json.of("{\"a\":1,\"a\":2}"))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("project.metadata: ");
        }
    }

    @Test
    void metricsGetIdsTimesAndObjectTags() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Instant before = Instant.now().minusMillis(1);
            Metric metric = hive.metrics().record(new NewMetric(null, null, "coverage", 0.9, "ratio",
                    Json.of("{ \"module\": \"core\" }"), null));
            List<Metric> batch = hive.metrics().recordAll(List.of(NewMetric.of("coverage", 0.7, "ratio"),
                    NewMetric.of("coverage", 0.8, "ratio")));

            assertThat(metric.id()).isNotBlank();
            assertThat(metric.tags().text()).isEqualTo("{\"module\":\"core\"}");
            assertThat(metric.recordedAt()).isAfter(before);
            assertThat(batch).extracting(Metric::id).doesNotHaveDuplicates().doesNotContain(metric.id());
            MetricQuery window = MetricQuery.of("coverage", before, Instant.now().plusSeconds(1));
            assertThat(hive.metrics().aggregate(window).avg()).isCloseTo(0.8, within(1e-9));
            assertThatThrownBy(() -> hive.metrics().recordAll(List.of(NewMetric.of("coverage", 1, "ratio"),
                    new NewMetric(null, null, "coverage", 1, "ratio", Json.of("[1]"), null))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("metrics[1].tags: must be a JSON object");
            assertThat(hive.metrics().aggregate(window).count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "{}",
            "{\"all\":[]}",
            "{\"any\":[{\"type\":\"tasks_completed\"}]}",
            "{\"all\":[{\"type\":\"tasks_completed\"}],\"extra\":1}",
            "{\"all\":{\"type\":\"tasks_completed\"}}",
            "{\"all\":[1]}",
            "{\"all\":[{\"type\":\"coverage\"}]}",
            "{\"all\":[{\"type\":\"tasks_completed\",\"project\":\"p\"}]}",
            "{\"all\":[{\"type\":\"tasks_completed\",\"projectId\":7}]}",
            "{\"all\":[{\"type\":\"metric\",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":1,\"window\":\"PT1H\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"median\",\"op\":\">=\",\"value\":1,\"window\":\"PT1H\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"avg\",\"op\":\"=>\",\"value\":1,\"window\":\"PT1H\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":\"1\",\"window\":\"PT1H\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":1,\"window\":\"1h\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":1,\"window\":\"PT0S\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\" \",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":1,\"window\":\"PT1H\"}]}",
            "{\"all\":[{\"type\":\"metric\",\"name\":\"x\",\"aggregate\":\"avg\",\"op\":\">=\",\"value\":1,\"window\":\"PT1H\",\"agent\":\"a\"}]}",
            "not json"})
    void malformedCriteriaAreRefusedAtCreationNamingTheField(String criteria) {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Project project = hive.projects().create(NewProject.project("p"));

            assertThatThrownBy(() -> hive.checkpoints().create(new NewCheckpoint(project.id(), "gate",
                    CheckpointKind.QUALITY_GATE, Json.of(criteria))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("checkpoint.criteria");
                        assertThat(e.rule()).isNotBlank();
                    });
            assertThat(hive.checkpoints().list(project.id())).isEmpty();
        }
    }

    @Test
    void criteriaNamingAnUnknownProjectAreNotFound() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Project project = hive.projects().create(NewProject.project("p"));

            assertThatThrownBy(() -> hive.checkpoints().create(new NewCheckpoint(project.id(), "gate",
                    CheckpointKind.MILESTONE, Json.of("{\"all\":[{\"type\":\"tasks_completed\",\"projectId\":\"ghost\"}]}"))))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("ghost"));
            assertThat(hive.checkpoints().list(project.id())).isEmpty();
        }
    }

    @Test
    void evaluationRecordsPassedOrFailedWithItsResultAndAnEvent() throws Exception {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("coder", "coder", Set.of()));
            Project project = hive.projects().create(NewProject.project("p"));
            Project epic = hive.projects().create(NewProject.epic(project.id(), "e"));
            Task first = hive.tasks().enqueue(NewTask.builder("one").priority(2).build());
            Task second = hive.tasks().enqueue(NewTask.builder("two").priority(1).build());
            hive.projects().addTask(epic.id(), first.id());
            hive.projects().addTask(epic.id(), second.id());
            hive.metrics().recordAll(List.of(new NewMetric("coder", null, "test.coverage", 0.85, "ratio", null, null),
                    new NewMetric("coder", null, "test.coverage", 0.95, "ratio", null, null)));
            Checkpoint gate = hive.checkpoints().create(new NewCheckpoint(project.id(), "release", CheckpointKind.QUALITY_GATE,
                    Json.of("{\"all\":[{\"type\":\"metric\",\"name\":\"test.coverage\",\"aggregate\":\"avg\",\"op\":\">=\","
                            + "\"value\":0.8,\"window\":\"PT24H\",\"agentId\":\"coder\"},"
                            + "{\"type\":\"tasks_completed\",\"projectId\":\"" + epic.id() + "\"}]}")));
            assertThat(gate.status()).isEqualTo(CheckpointStatus.PENDING);

            Checkpoint failed = hive.checkpoints().evaluate(gate.id());

            assertThat(failed.status()).isEqualTo(CheckpointStatus.FAILED);
            assertThat(failed.evaluatedAt()).isNotNull();
            JsonNode result = MAPPER.readTree(failed.lastResult().text());
            assertThat(result.get("passed").asBoolean()).isFalse();
            assertThat(result.get("criteria")).hasSize(2);
            assertThat(result.get("criteria").get(0).get("passed").asBoolean()).isTrue();
            assertThat(result.get("criteria").get(0).get("actual").asDouble()).isCloseTo(0.9, within(1e-9));
            assertThat(result.get("criteria").get(0).get("count").asLong()).isEqualTo(2);
            assertThat(result.get("criteria").get(1).get("passed").asBoolean()).isFalse();
            assertThat(result.get("criteria").get(1).get("completed").asLong()).isZero();
            assertThat(result.get("criteria").get(1).get("total").asLong()).isEqualTo(2);
            assertThat(hive.checkpoints().failing(10)).containsExactly(failed);
            assertThat(events(hive, "checkpoint.failed")).singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.WARNING);
                assertThat(event.correlationId()).isEqualTo(gate.id());
                assertThat(event.details().text()).contains("\"name\":\"release\"").contains("\"passed\":false");
            });

            for (int i = 0; i < 2; i++) {
                Task claimed = hive.tasks().claim("coder", 1, Duration.ZERO).get(0);
                hive.tasks().complete(claimed.id(), claimed.leaseToken(), Json.EMPTY_OBJECT);
            }
            Checkpoint passed = hive.checkpoints().evaluate(gate.id());

            assertThat(passed.status()).isEqualTo(CheckpointStatus.PASSED);
            assertThat(passed.evaluatedAt()).isAfterOrEqualTo(failed.evaluatedAt());
            assertThat(MAPPER.readTree(passed.lastResult().text()).get("passed").asBoolean()).isTrue();
            assertThat(hive.checkpoints().failing(10)).isEmpty();
            assertThat(events(hive, "checkpoint.passed")).singleElement()
                    .satisfies(event -> assertThat(event.severity()).isEqualTo(Severity.INFO));
        }
    }

    @Test
    void aMetricCriterionWithoutSamplesFailsAndAnEmptyMilestoneFails() throws Exception {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            Project project = hive.projects().create(NewProject.project("p"));
            Checkpoint gate = hive.checkpoints().create(new NewCheckpoint(project.id(), "gate", CheckpointKind.QUALITY_GATE,
                    Json.of("{\"all\":[{\"type\":\"metric\",\"name\":\"latency\",\"aggregate\":\"p95\",\"op\":\"<\","
                            + "\"value\":100,\"window\":\"PT1H\"},"
                            + "{\"type\":\"metric\",\"name\":\"latency\",\"aggregate\":\"count\",\"op\":\"==\","
                            + "\"value\":0,\"window\":\"PT1H\"},{\"type\":\"tasks_completed\"}]}")));

            Checkpoint evaluated = hive.checkpoints().evaluate(gate.id());

            JsonNode criteria = MAPPER.readTree(evaluated.lastResult().text()).get("criteria");
            assertThat(evaluated.status()).isEqualTo(CheckpointStatus.FAILED);
            assertThat(criteria.get(0).get("passed").asBoolean()).isFalse();
            assertThat(criteria.get(0).get("actual").isNull()).isTrue();
            assertThat(criteria.get(0).get("reason").asText()).isEqualTo("no samples in the window");
            assertThat(criteria.get(1).get("passed").asBoolean()).isTrue();
            assertThat(criteria.get(2).get("projectId").asText()).isEqualTo(project.id());
            assertThat(criteria.get(2).get("passed").asBoolean()).isFalse();
        }
    }

    @Test
    void evaluatingAnUnknownCheckpointIsNotFoundAndRecordsNoEvent() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            assertThatThrownBy(() -> hive.checkpoints().evaluate("ghost")).isInstanceOf(NotFoundException.class);
            assertThat(hive.events().query(EventQuery.all(10)).events()).isEmpty();
        }
    }

    private static List<Event> events(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, 100)).events();
    }
}
