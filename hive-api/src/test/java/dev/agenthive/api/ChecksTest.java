package dev.agenthive.api;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.NewMetric;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.task.NewTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one rule for U+0000 across the api's input records. */
class ChecksTest {
    private static final String NUL_TEXT = "before\0after";
    /** JSON whose string holds the escape of U+0000. */
    private static final Json NUL_JSON = Json.of("{\"k\":\"a\\u0000b\"}");
    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsWithNul")
    void everyFreeTextAndJsonFieldOfAnInputRecordRefusesNul(String field, Executable construction) {
        InvalidInputException e = assertThrows(InvalidInputException.class, construction);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).isEqualTo("must not contain U+0000 (NUL): PostgreSQL cannot store it");
    }

    static Stream<Arguments> recordsWithNul() {
        Json ok = Json.EMPTY_OBJECT;
        return Stream.of(
                nul("agent.worktreePath", () -> new AgentRegistration("a", "coder", null, NUL_TEXT, null, null)),
                nul("agent.branch", () -> new AgentRegistration("a", "coder", null, null, NUL_TEXT, null)),
                nul("agent.configuration", () -> new AgentRegistration("a", "coder", null, null, null, NUL_JSON)),
                nul("agentQuery.configurationContains", () -> new AgentQuery(null, null, null, NUL_JSON, 10)),
                nul("task.title", () -> NewTask.builder(NUL_TEXT).build()),
                nul("task.description", () -> NewTask.builder("t").description(NUL_TEXT).build()),
                nul("task.payload", () -> NewTask.builder("t").payload(NUL_JSON).build()),
                nul("message.payload", () -> NewMessage.direct("a", "b", "t", NUL_JSON)),
                nul("event.details", () -> NewEvent.of("t", Severity.INFO, null, NUL_JSON)),
                nul("eventQuery.detailsContain", () -> EventQuery.all(10).withDetailsContaining(NUL_JSON)),
                nul("memory.value", () -> new MemoryWrite("ns", "k", NUL_JSON, JsonType.OBJECT, null, null, null)),
                nul("memory.metadata", () -> new MemoryWrite("ns", "k", ok, JsonType.OBJECT, NUL_JSON, null, null)),
                nul("memory.metadataContains", () -> MemoryQuery.metadataContaining("ns", NUL_JSON, 10)),
                nul("memory.prefix", () -> new MemoryQuery("ns", NUL_TEXT, null, null, 10)),
                nul("config.value", () -> ConfigWrite.of(ConfigKey.system("c", "k"), NUL_JSON)),
                nul("metric.tags", () -> new NewMetric(null, null, "n", 1, "ms", NUL_JSON, null)),
                nul("project.name", () -> NewProject.project(NUL_TEXT)),
                nul("project.description", () -> new NewProject("p", NUL_TEXT, ProjectKind.PROJECT, null, null)),
                nul("project.metadata", () -> new NewProject("p", null, ProjectKind.PROJECT, null, NUL_JSON)),
                nul("checkpoint.criteria", () -> new NewCheckpoint("p", "n", CheckpointKind.MILESTONE, NUL_JSON)),
                nul("gitState.worktreePath", () -> new GitStateUpdate("a", NUL_TEXT, "main", SHA1, false, 0, 0)),
                nul("pullRequest.title", () -> new NewPullRequest(1, "a", NUL_TEXT, "x", "main", null)),
                nul("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "https://example.com/" + NUL_TEXT)),
                nul("snapshot.content", () -> new NewSnapshot("a", null, "working", 0.5, NUL_JSON)));
    }

    private static Arguments nul(String field, Executable construction) {
        return Arguments.of(field, construction);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u0000\"", "{\"a\\u0000\":1}", "[\"x\\\\\\u0000\"]", "\"\0\"", "\\u0000"})
    void findsNulRawOrEscaped(String json) {
        assertThat(Checks.hasNul(json)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "\"\\\\u0000\"", "\"\\\\\\\\u0000\"", "\"u0000\"", "\"\\u0001\""})
    void leavesEscapedBackslashesAndOtherEscapesAlone(String json) {
        assertThat(Checks.hasNul(json)).isFalse();
    }

    @Test
    void freeTextWithoutNulAndNullPassUnchanged() {
        assertThat(Checks.text("tab\tand newline\n are fine", "task.description")).isEqualTo("tab\tand newline\n are fine");
        assertThat(Checks.text(null, "task.description")).isNull();
        assertThat(Checks.json(null, "task.payload")).isNull();
    }
}
