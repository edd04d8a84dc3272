package dev.agenthive.tck;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigScope;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.metric.NewMetric;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract for bad input: every malformed argument is an {@link InvalidInputException} naming the
 * field and the rule (or, for ids that address nothing, a {@link NotFoundException}), every refused
 * transition an {@link InvalidStateTransitionException}, and none of them changes a row.
 */
public abstract sealed class BadInputContract extends AbstractStoreContract permits HiveStoreTck.BadInput {

    private static final RetryBackoff NO_BACKOFF = new RetryBackoff(Duration.ZERO, Duration.ZERO);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

    /** Texts that are not one RFC 8259 JSON document. */
    static Stream<String> invalidJson() {
        return Stream.of("", " ", "{", "not json", "{\"a\":}", "[1, 2", "{'a':1}", "{\"a\":1} trailing",
                "NaN", "{\"a\":1,}", "01");
    }

    // ---- record constructors ---------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCommands")
    void malformedCommandNamesTheField(String field, Executable construction) {
        InvalidInputException e = assertThrows(InvalidInputException.class, construction);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.rule()).isNotBlank();
        assertThat(e.getMessage()).startsWith(field + ": ");
    }

    static Stream<Arguments> malformedCommands() {
        String tooLong = "x".repeat(256);
        Json ok = Json.EMPTY_OBJECT;
        Duration lease = Duration.ofMinutes(1);
        return Stream.of(
                malformed("agent.id", () -> AgentRegistration.of(null, "coder", null)),
                malformed("agent.id", () -> AgentRegistration.of("", "coder", null)),
                malformed("agent.id", () -> AgentRegistration.of("   ", "coder", null)),
                malformed("agent.id", () -> AgentRegistration.of(tooLong, "coder", null)),
                malformed("agent.id", () -> AgentRegistration.of("line\nbreak", "coder", null)),
                malformed("agent.type", () -> AgentRegistration.of("a", " ", null)),
                malformed("agent.capabilities[1]", () -> AgentRegistration.of("a", "coder", new java.util.LinkedHashSet<>(List.of("ok", "")))),
                malformed("agent.branch", () -> new AgentRegistration("a", "coder", null, null, tooLong, null)),
                malformed("task.title", () -> NewTask.builder(null).build()),
                malformed("task.title", () -> NewTask.builder(" ").build()),
                malformed("task.title", () -> NewTask.builder("x".repeat(501)).build()),
                malformed("task.type", () -> NewTask.builder("t").type("").build()),
                malformed("task.priority", () -> NewTask.builder("t").priority(1_000_001).build()),
                malformed("task.parentId", () -> NewTask.builder("t").parentId(" ").build()),
                malformed("task.dependencies[0]", () -> NewTask.builder("t").dependencies(List.of("")).build()),
                malformed("task.requiredCapabilities[0]", () -> NewTask.builder("t").requiredCapabilities(Set.of(" ")).build()),
                malformed("task.payload", () -> NewTask.builder("t").payload(null).build()),
                malformed("task.maxAttempts", () -> NewTask.builder("t").maxAttempts(0).build()),
                malformed("task.idempotencyKey", () -> NewTask.builder("t").idempotencyKey("").build()),
                malformed("task.delay", () -> NewTask.builder("t").delay(Duration.ofSeconds(-1)).build()),
                malformed("claim.agentId", () -> new ClaimRequest(" ", Set.of(), lease, 1)),
                malformed("claim.lease", () -> new ClaimRequest("a", Set.of(), Duration.ZERO, 1)),
                malformed("claim.maxTasks", () -> new ClaimRequest("a", Set.of(), lease, 0)),
                malformed("claim.maxTasks", () -> new ClaimRequest("a", Set.of(), lease, ClaimRequest.MAX_BATCH + 1)),
                malformed("message.fromAgent", () -> NewMessage.direct(" ", "b", "t", ok)),
                malformed("message.toAgent", () -> NewMessage.direct("a", "", "t", ok)),
                malformed("message.type", () -> NewMessage.direct("a", "b", null, ok)),
                malformed("message.payload", () -> NewMessage.direct("a", "b", "t", null)),
                malformed("message.priority", () -> new NewMessage("a", "b", "t", -1_000_001, ok, null, null, null)),
                malformed("message.correlationId", () -> new NewMessage("a", "b", "t", 0, ok, " ", null, null)),
                malformed("message.replyTo", () -> new NewMessage("a", "b", "t", 0, ok, null, "", null)),
                malformed("message.timeToLive", () -> new NewMessage("a", "b", "t", 0, ok, null, null, Duration.ZERO)),
                malformed("message.idempotencyKey", () -> NewMessage.direct("a", "b", "t", ok).withIdempotencyKey(" ")),
                malformed("message.idempotencyKey", () -> NewMessage.broadcast("a", "t", ok).withIdempotencyKey(tooLong)),
                malformed("message.idempotencyKey", () -> new NewMessage("a", "b", "t", 0, ok, null, null, null, "a\tb")),
                malformed("event.id", () -> new Event(" ", "t", Severity.INFO, null, null, ok, T0)),
                malformed("event.type", () -> new Event("e", null, Severity.INFO, null, null, ok, T0)),
                malformed("event.severity", () -> new Event("e", "t", null, null, null, ok, T0)),
                malformed("event.agentId", () -> new Event("e", "t", Severity.INFO, "", null, ok, T0)),
                malformed("event.details", () -> new Event("e", "t", Severity.INFO, null, null, null, T0)),
                malformed("event.occurredAt", () -> new Event("e", "t", Severity.INFO, null, null, ok, null)),
                malformed("memory.namespace", () -> new MemoryWrite("", "k", ok, JsonType.OBJECT, null, null, null)),
                malformed("memory.key", () -> new MemoryWrite("ns", null, ok, JsonType.OBJECT, null, null, null)),
                malformed("memory.key", () -> new MemoryWrite("ns", tooLong, ok, JsonType.OBJECT, null, null, null)),
                malformed("memory.value", () -> new MemoryWrite("ns", "k", null, JsonType.OBJECT, null, null, null)),
                malformed("memory.dataType", () -> new MemoryWrite("ns", "k", ok, null, null, null, null)),
                malformed("memory.timeToLive", () -> new MemoryWrite("ns", "k", ok, JsonType.OBJECT, null, Duration.ofMillis(-5), null)),
                malformed("memory.expectedVersion", () -> new MemoryWrite("ns", "k", ok, JsonType.OBJECT, null, null, -1L)),
                malformed("agentQuery.limit", () -> new AgentQuery(null, null, null, 0)),
                malformed("taskQuery.limit", () -> new TaskQuery(null, null, null, TaskQuery.MAX_LIMIT + 1)),
                malformed("eventQuery.limit", () -> EventQuery.all(0)),
                malformed("eventQuery.after", () -> EventQuery.all(10).withAfter("not-a-cursor")),
                malformed("eventQuery.to", () -> new EventQuery(null, null, null, null, T0, T0, null, 10)),
                malformed("backoff.max", () -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))),
                malformed("json", () -> Json.of(null)),
                malformed("agent.status", () -> AgentStatus.parse("zombie")),
                malformed("task.status", () -> TaskStatus.parse("done-ish")),
                malformed("event.severity", () -> Severity.parse("fatal")),
                malformed("memory.dataType", () -> JsonType.parse("date")),
                malformed("gitState.agentId", () -> new GitStateUpdate(" ", "/w", "main", SHA1, false, 0, 0)),
                malformed("gitState.worktreePath", () -> new GitStateUpdate("a", "", "main", SHA1, false, 0, 0)),
                malformed("gitState.worktreePath", () -> new GitStateUpdate("a", "x".repeat(4097), "main", SHA1, false, 0, 0)),
                malformed("gitState.branch", () -> new GitStateUpdate("a", "/w", " ", SHA1, false, 0, 0)),
                malformed("gitState.headCommit", () -> new GitStateUpdate("a", "/w", "main", null, false, 0, 0)),
                malformed("gitState.headCommit", () -> new GitStateUpdate("a", "/w", "main", "abc123", false, 0, 0)),
                malformed("gitState.headCommit", () -> new GitStateUpdate("a", "/w", "main", "g".repeat(40), false, 0, 0)),
                malformed("gitState.headCommit", () -> new GitStateUpdate("a", "/w", "main", "a".repeat(41), false, 0, 0)),
                malformed("gitState.ahead", () -> new GitStateUpdate("a", "/w", "main", SHA1, false, -1, 0)),
                malformed("gitState.behind", () -> new GitStateUpdate("a", "/w", "main", SHA1, false, 0, -1)),
                malformed("pullRequest.number", () -> new NewPullRequest(0, "a", "t", "x", "main", null)),
                malformed("pullRequest.authorAgent", () -> new NewPullRequest(1, "", "t", "x", "main", null)),
                malformed("pullRequest.title", () -> new NewPullRequest(1, "a", " ", "x", "main", null)),
                malformed("pullRequest.title", () -> new NewPullRequest(1, "a", "x".repeat(501), "x", "main", null)),
                malformed("pullRequest.sourceBranch", () -> new NewPullRequest(1, "a", "t", null, "main", null)),
                malformed("pullRequest.targetBranch", () -> new NewPullRequest(1, "a", "t", "x", tooLong, null)),
                malformed("pullRequest.targetBranch", () -> new NewPullRequest(1, "a", "t", "main", "main", null)),
                malformed("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "ftp://example.com/pr/1")),
                malformed("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "javascript:alert(1)")),
                malformed("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "https://")),
                malformed("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "/relative/pr/1")),
                malformed("pullRequest.url", () -> new NewPullRequest(1, "a", "t", "x", "main", "https://exa mple.com/1")),
                malformed("pullRequestQuery.limit", () -> new PullRequestQuery(null, null, 0)),
                malformed("pullRequestQuery.authorAgent", () -> new PullRequestQuery(null, " ", 10)),
                malformed("pullRequest.status", () -> PullRequestStatus.parse("draft")),
                malformed("config.scope", () -> new ConfigKey(null, null, "c", "k")),
                malformed("config.agentId", () -> new ConfigKey(ConfigScope.SYSTEM, "a", "c", "k")),
                malformed("config.agentId", () -> ConfigKey.agent(null, "c", "k")),
                malformed("config.agentId", () -> ConfigKey.agent(" ", "c", "k")),
                malformed("config.category", () -> ConfigKey.system("", "k")),
                malformed("config.key", () -> ConfigKey.system("c", tooLong)),
                malformed("config.configKey", () -> new ConfigWrite(null, ok, null)),
                malformed("config.value", () -> new ConfigWrite(ConfigKey.system("c", "k"), null, null)),
                malformed("config.expectedVersion", () -> new ConfigWrite(ConfigKey.system("c", "k"), ok, -1L)),
                malformed("configQuery.agentId", () -> new ConfigQuery(ConfigScope.SYSTEM, "a", null, 10)),
                malformed("configQuery.category", () -> new ConfigQuery(null, null, " ", 10)),
                malformed("configQuery.limit", () -> new ConfigQuery(null, null, null, ConfigQuery.MAX_LIMIT + 1)),
                malformed("config.scope", () -> ConfigScope.parse("global")));
    }

    private static Arguments malformed(String field, Executable construction) {
        return Arguments.of(field, construction);
    }

    // ---- invalid JSON in every JSON field ----------------------------------------------------

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidAgentConfigurationIsRefusedAndChangesNothing(String text) {
        Agent existing = store().agents().register(new AgentRegistration("existing", "coder", Set.of("java"), "/w", "main",
                json("{\"v\":1}")));

        assertInvalidJson("configuration", () -> store().agents().register(
                new AgentRegistration("new-agent", "coder", null, null, null, json(text))));
        assertInvalidJson("configuration", () -> store().agents().register(
                new AgentRegistration("existing", "reviewer", Set.of("go"), "/x", "dev", json(text))));

        assertThat(store().agents().find("new-agent")).isEmpty();
        assertThat(store().agents().find("existing")).contains(existing);
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidTaskPayloadIsRefusedAndChangesNothing(String text) {
        assertInvalidJson("payload", () -> store().tasks().enqueue("t-1",
                NewTask.builder("t").payload(json(text)).idempotencyKey("k").build()));

        assertThat(store().tasks().find("t-1")).isEmpty();
        assertThat(store().tasks().findByIdempotencyKey("k")).isEmpty();
        assertThat(TaskRepositoryContract.total(store().tasks().countByStatus())).isZero();
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidTaskResultAndErrorAreRefusedAndChangeNothing(String text) {
        registerAgent("agent-1");
        enqueue("t-1");
        Task claimed = claimOne("agent-1");

        assertInvalidJson("result", () -> store().tasks().complete("t-1", claimed.leaseToken(), json(text)));
        assertInvalidJson("error", () -> store().tasks().fail("t-1", claimed.leaseToken(), json(text), true, NO_BACKOFF));
        assertInvalidJson("error", () -> store().tasks().fail("t-1", claimed.leaseToken(), json(text), false, NO_BACKOFF));

        assertThat(store().tasks().find("t-1")).contains(claimed);
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidMessagePayloadIsRefusedAndChangesNothing(String text) {
        registerAgent("alice");
        registerAgent("bob");

        assertInvalidJson("payload", () -> store().messages().send("m-1",
                NewMessage.direct("alice", "bob", "note", json(text))));
        assertInvalidJson("payload", () -> store().messages().broadcast("b-1",
                NewMessage.broadcast("alice", "note", json(text))));

        assertThat(store().messages().find("m-1")).isEmpty();
        assertThat(store().messages().find("b-1:bob")).isEmpty();
        assertThat(store().messages().countPending(null)).isZero();
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidEventDetailsAreRefusedAndChangeNothing(String text) {
        assertInvalidJson("details", () -> store().events().append(List.of(
                new Event("e-1", "t", Severity.INFO, null, null, json(text), T0))));

        assertThat(store().events().query(EventQuery.all(10)).events()).isEmpty();
        assertThat(TaskRepositoryContract.total(store().events().countBySeverity())).isZero();
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void invalidMemoryValueOrMetadataIsRefusedAndChangesNothing(String text) {
        MemoryEntry existing = store().sharedMemory().put(new MemoryWrite("ns", "existing", json("1"),
                JsonType.NUMBER, json("{\"m\":1}"), null, null));

        assertInvalidJson("value", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "new", json(text), JsonType.OBJECT, null, null, null)));
        assertInvalidJson("metadata", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "new", json("1"), JsonType.NUMBER, json(text), null, null)));
        assertInvalidJson("value", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "existing", json(text), JsonType.OBJECT, null, null, 1L)));
        assertInvalidJson("metadata", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "existing", json("2"), JsonType.NUMBER, json(text), null, null)));

        assertThat(store().sharedMemory().get("ns", "new")).isEmpty();
        assertThat(store().sharedMemory().get("ns", "existing")).contains(existing);
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    @RequiresCapability(Capability.CONFIGURATIONS)
    void invalidConfigValueIsRefusedAndChangesNothing(String text) {
        registerAgent("alice");
        ConfigEntry existing = store().configurations().put(ConfigWrite.of(ConfigKey.system("llm", "model"), json("1")));

        assertInvalidJson("value", () -> store().configurations().put(ConfigWrite.of(ConfigKey.system("llm", "new"), json(text))));
        assertInvalidJson("value", () -> store().configurations().put(
                ConfigWrite.of(ConfigKey.agent("alice", "llm", "model"), json(text))));
        assertInvalidJson("value", () -> store().configurations().put(
                new ConfigWrite(ConfigKey.system("llm", "model"), json(text), 1L)));

        assertThat(store().configurations().find(ConfigKey.system("llm", "model"))).contains(existing);
        assertThat(store().configurations().list(ConfigQuery.all())).containsExactly(existing);
    }

    private static void assertInvalidJson(String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertThat(e.field()).as("field named by %s", e.getMessage()).containsIgnoringCase(field);
    }

    // ---- null and blank ids given straight to the ports --------------------------------------

    @Test
    void nullOrBlankIdOfANewEntityIsInvalidInputAndStoresNothing() {
        registerAgent("alice");
        registerAgent("bob");
        for (String id : Arrays.asList(null, "", "   ")) {
            assertThrows(InvalidInputException.class, () -> store().tasks().enqueue(id, NewTask.builder("t").build()));
            assertThrows(InvalidInputException.class,
                    () -> store().messages().send(id, NewMessage.direct("alice", "bob", "n", json("{}"))));
            assertThrows(InvalidInputException.class,
                    () -> store().messages().broadcast(id, NewMessage.broadcast("alice", "n", json("{}"))));
        }

        assertThat(TaskRepositoryContract.total(store().tasks().countByStatus())).isZero();
        assertThat(store().messages().countPending(null)).isZero();
    }

    @Test
    void nullOrBlankMessageIdempotencyKeyLookupNamesTheField() {
        for (String key : Arrays.asList(null, "", "   ")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> store().messages().findByIdempotencyKey(key));
            assertThat(e.field()).isEqualTo("message.idempotencyKey");
        }
    }

    @Test
    void nullOrBlankIdOfAnExistingEntityIsRefusedWithAHiveException() {
        Agent alice = registerAgent("alice");
        enqueue("t-1");
        Task task = store().tasks().find("t-1").orElseThrow();
        for (String id : Arrays.asList(null, "", "   ")) {
            List<Executable> calls = List.of(
                    () -> store().agents().heartbeat(id),
                    () -> store().agents().updateStatus(id, AgentStatus.IDLE),
                    () -> store().tasks().start(id, 1),
                    () -> store().tasks().heartbeat(id, 1, LONG_LEASE),
                    () -> store().tasks().complete(id, 1, json("{}")),
                    () -> store().tasks().fail(id, 1, json("{}"), true, NO_BACKOFF),
                    () -> store().tasks().cancel(id),
                    () -> store().messages().ack(id, "m-1"),
                    () -> store().messages().ack("alice", id));
            for (Executable call : calls) {
                assertThatThrownBy(call::execute).isInstanceOfAny(InvalidInputException.class, NotFoundException.class);
            }
        }

        assertThat(store().agents().find("alice")).contains(alice);
        assertThat(store().tasks().find("t-1")).contains(task);
    }

    @Test
    void nullStatusOrBackoffIsInvalidInput() {
        Agent alice = registerAgent("alice");
        enqueue("t-1");
        Task claimed = claimOne("alice");

        assertThrows(InvalidInputException.class, () -> store().agents().updateStatus("alice", null));
        assertThrows(InvalidInputException.class,
                () -> store().tasks().fail("t-1", claimed.leaseToken(), json("{}"), true, null));
        assertThrows(InvalidInputException.class, () -> store().tasks().heartbeat("t-1", claimed.leaseToken(), null));

        assertThat(store().agents().find("alice").orElseThrow().status()).isEqualTo(alice.status());
        assertThat(store().tasks().find("t-1")).contains(claimed);
    }

    // ---- refused transitions change nothing --------------------------------------------------

    @Test
    void refusedTransitionsChangeNothing() {
        registerAgent("agent-1");
        registerAgent("gone");
        Agent terminated = store().agents().updateStatus("gone", AgentStatus.TERMINATED);
        enqueue("queued", 0);
        enqueue("done", 9);
        store().tasks().enqueue("dead", NewTask.builder("d").priority(8).maxAttempts(1).build());
        Task doneClaim = claimOne("agent-1");
        Task completed = store().tasks().complete("done", doneClaim.leaseToken(), json("{}"));
        Task deadClaim = claimOne("agent-1");
        Task dead = store().tasks().fail("dead", deadClaim.leaseToken(), json("{}"), true, NO_BACKOFF);
        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        Task queued = store().tasks().find("queued").orElseThrow();

        assertThrows(InvalidStateTransitionException.class, () -> store().agents().heartbeat("gone"));
        assertThrows(InvalidStateTransitionException.class, () -> store().agents().updateStatus("gone", AgentStatus.ACTIVE));
        assertThrows(InvalidStateTransitionException.class, () -> store().agents().updateStatus("gone", AgentStatus.TERMINATED));
        // The same calls with the same values would be retries, answered with the recorded outcome.
        assertThrows(InvalidStateTransitionException.class,
                () -> store().tasks().complete("done", doneClaim.leaseToken(), json("{\"again\":true}")));
        assertThrows(InvalidStateTransitionException.class, () -> store().tasks().start("done", doneClaim.leaseToken()));
        assertThrows(InvalidStateTransitionException.class, () -> store().tasks().cancel("done"));
        assertThrows(InvalidStateTransitionException.class, () -> store().tasks().cancel("dead"));
        assertThrows(InvalidStateTransitionException.class,
                () -> store().tasks().fail("dead", deadClaim.leaseToken(), json("{\"again\":true}"), true, NO_BACKOFF));
        assertThatThrownBy(() -> store().tasks().complete("queued", queued.leaseToken(), json("{}")))
                .isInstanceOfAny(InvalidStateTransitionException.class, ConflictException.class);

        assertThat(store().agents().find("gone")).contains(terminated);
        assertThat(store().tasks().find("done")).contains(completed);
        assertThat(store().tasks().find("dead")).contains(dead);
        assertThat(store().tasks().find("queued")).contains(queued);
    }

    @Test
    @RequiresCapability({Capability.PROJECTS, Capability.METRICS, Capability.CHECKPOINTS, Capability.GIT_STATES, Capability.PULL_REQUESTS})
    void everyRefusalCarriesItsErrorCode() {
        registerAgent("gone");
        store().agents().updateStatus("gone", AgentStatus.TERMINATED);

        assertThat(codeOf(() -> store().agents().heartbeat("nobody"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> store().agents().heartbeat("gone"))).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(codeOf(() -> store().tasks().enqueue("t", NewTask.builder("t").payload(json("{")).build())))
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    @RequiresCapability({Capability.GIT_STATES, Capability.PULL_REQUESTS})
    void refusedPullRequestTransitionsAndDuplicatesChangeNothing() {
        registerAgent("alice");
        PullRequest open = store().pullRequests().open(new NewPullRequest(1, "alice", "t", "x", "main", null));
        store().pullRequests().open(new NewPullRequest(2, "alice", "t", "y", "main", null));
        PullRequest merged = store().pullRequests().updateStatus(2, PullRequestStatus.MERGED);

        assertThrows(InvalidStateTransitionException.class, () -> store().pullRequests().updateStatus(1, PullRequestStatus.OPEN));
        assertThrows(InvalidStateTransitionException.class, () -> store().pullRequests().updateStatus(2, PullRequestStatus.OPEN));
        assertThrows(InvalidStateTransitionException.class, () -> store().pullRequests().updateStatus(2, PullRequestStatus.CLOSED));
        assertThat(codeOf(() -> store().pullRequests().open(new NewPullRequest(1, "alice", "again", "z", "main", null))))
                .isEqualTo(ErrorCode.DUPLICATE);
        assertThat(codeOf(() -> store().pullRequests().open(new NewPullRequest(3, "nobody", "t", "z", "main", null))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> store().gitStates().upsert(new GitStateUpdate("nobody", "/w", "main", SHA1, false, 0, 0))))
                .isEqualTo(ErrorCode.NOT_FOUND);

        assertThat(store().pullRequests().find(1)).contains(open);
        assertThat(store().pullRequests().find(2)).contains(merged);
        assertThat(store().pullRequests().find(3)).isEmpty();
        assertThat(store().gitStates().listByAgent("nobody")).isEmpty();
    }

    private static ErrorCode codeOf(Executable call) {
        return assertThrows(HiveException.class, call).code();
    }

    // ---- projects, metrics and checkpoints -------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedProjectMetricCheckpointCommands")
    void malformedProjectMetricOrCheckpointCommandNamesTheField(String field, Executable construction) {
        malformedCommandNamesTheField(field, construction);
    }

    static Stream<Arguments> malformedProjectMetricCheckpointCommands() {
        String tooLong = "x".repeat(256);
        Json ok = Json.EMPTY_OBJECT;
        return Stream.of(
                malformed("project.name", () -> NewProject.project(null)),
                malformed("project.name", () -> NewProject.project("  ")),
                malformed("project.name", () -> NewProject.project("x".repeat(NewProject.MAX_NAME_LENGTH + 1))),
                malformed("project.description", () -> new NewProject("p", "x".repeat(NewProject.MAX_DESCRIPTION_LENGTH + 1),
                        ProjectKind.PROJECT, null, null)),
                malformed("project.kind", () -> new NewProject("p", null, null, null, null)),
                malformed("project.parentId", () -> new NewProject("e", null, ProjectKind.EPIC, null, null)),
                malformed("project.parentId", () -> new NewProject("p", null, ProjectKind.PROJECT, "p-1", null)),
                malformed("project.parentId", () -> NewProject.epic(" ", "e")),
                malformed("projectQuery.limit", () -> new ProjectQuery(null, null, null, 0)),
                malformed("projectQuery.parentId", () -> new ProjectQuery(null, null, "", 10)),
                malformed("project.kind", () -> ProjectKind.parse("program")),
                malformed("project.status", () -> ProjectStatus.parse("done")),
                malformed("metric.id", () -> new Metric(" ", null, null, "n", 1, "ms", ok, T0)),
                malformed("metric.agentId", () -> new Metric("m", "", null, "n", 1, "ms", ok, T0)),
                malformed("metric.taskId", () -> new Metric("m", null, tooLong, "n", 1, "ms", ok, T0)),
                malformed("metric.name", () -> new Metric("m", null, null, null, 1, "ms", ok, T0)),
                malformed("metric.value", () -> new Metric("m", null, null, "n", Double.NaN, "ms", ok, T0)),
                malformed("metric.value", () -> NewMetric.of("n", Double.POSITIVE_INFINITY, "ms")),
                malformed("metric.value", () -> NewMetric.of("n", Double.NEGATIVE_INFINITY, "ms")),
                malformed("metric.unit", () -> NewMetric.of("n", 1, " ")),
                malformed("metric.tags", () -> new Metric("m", null, null, "n", 1, "ms", null, T0)),
                malformed("metric.recordedAt", () -> new Metric("m", null, null, "n", 1, "ms", ok, null)),
                malformed("metric.name", () -> NewMetric.of("line\nbreak", 1, "ms")),
                malformed("metricQuery.name", () -> MetricQuery.of("", T0, T0.plusSeconds(1))),
                malformed("metricQuery.from", () -> MetricQuery.of("n", null, T0)),
                malformed("metricQuery.to", () -> MetricQuery.of("n", T0, T0)),
                malformed("metricQuery.agentId", () -> new MetricQuery("n", T0, T0.plusSeconds(1), " ", null)),
                malformed("checkpoint.projectId", () -> new NewCheckpoint(null, "n", CheckpointKind.MILESTONE, ok)),
                malformed("checkpoint.name", () -> new NewCheckpoint("p", tooLong, CheckpointKind.MILESTONE, ok)),
                malformed("checkpoint.kind", () -> new NewCheckpoint("p", "n", null, ok)),
                malformed("checkpoint.criteria", () -> new NewCheckpoint("p", "n", CheckpointKind.QUALITY_GATE, null)),
                malformed("checkpoint.kind", () -> CheckpointKind.parse("gate")),
                malformed("checkpoint.status", () -> CheckpointStatus.parse("green")));
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    @RequiresCapability(Capability.PROJECTS)
    void invalidProjectMetadataIsRefusedAndChangesNothing(String text) {
        assertInvalidJson("metadata", () -> store().projects().create("p-1",
                new NewProject("p", null, ProjectKind.PROJECT, null, json(text))));

        assertThat(store().projects().find("p-1")).isEmpty();
        assertThat(store().projects().list(ProjectQuery.all())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    @RequiresCapability(Capability.METRICS)
    void invalidMetricTagsAreRefusedAndChangeNothing(String text) {
        Metric good = new Metric("m-1", null, null, "n", 1, "ms", Json.EMPTY_OBJECT, T0);

        assertInvalidJson("tags", () -> store().metrics().record(List.of(good,
                new Metric("m-2", null, null, "n", 2, "ms", json(text), T0))));

        assertThat(store().metrics().aggregate(MetricQuery.of("n", T0, T0.plusSeconds(1))).count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    @RequiresCapability({Capability.PROJECTS, Capability.CHECKPOINTS})
    void invalidCheckpointCriteriaOrResultIsRefusedAndChangesNothing(String text) {
        store().projects().create("p-1", NewProject.project("p"));
        Checkpoint existing = store().checkpoints().create("c-1",
                new NewCheckpoint("p-1", "existing", CheckpointKind.QUALITY_GATE, json("{\"all\":[]}")));

        assertInvalidJson("criteria", () -> store().checkpoints().create("c-2",
                new NewCheckpoint("p-1", "new", CheckpointKind.QUALITY_GATE, json(text))));
        assertInvalidJson("lastResult", () -> store().checkpoints().recordEvaluation("c-1",
                CheckpointStatus.FAILED, json(text), T0));

        assertThat(store().checkpoints().find("c-2")).isEmpty();
        assertThat(store().checkpoints().find("c-1")).contains(existing);
    }

    @Test
    @RequiresCapability({Capability.PROJECTS, Capability.METRICS, Capability.CHECKPOINTS})
    void nullOrBlankIdsOfProjectsMetricsAndCheckpointsAreRefusedAndChangeNothing() {
        Project project = store().projects().create("p-1", NewProject.project("p"));
        enqueue("t-1");
        store().projects().addTask("p-1", "t-1");
        Checkpoint checkpoint = store().checkpoints().create("c-1",
                new NewCheckpoint("p-1", "gate", CheckpointKind.MILESTONE, json("{}")));
        for (String id : Arrays.asList(null, "", "   ")) {
            assertThrows(InvalidInputException.class, () -> store().projects().create(id, NewProject.project("p")));
            assertThrows(InvalidInputException.class, () -> store().checkpoints().create(id,
                    new NewCheckpoint("p-1", "other", CheckpointKind.MILESTONE, json("{}"))));
            List<Executable> calls = List.of(
                    () -> store().projects().updateStatus(id, ProjectStatus.ARCHIVED),
                    () -> store().projects().addTask(id, "t-1"),
                    () -> store().projects().addTask("p-1", id),
                    () -> store().projects().removeTask(id, "t-1"),
                    () -> store().projects().removeTask("p-1", id),
                    () -> store().projects().taskIds(id),
                    () -> store().projects().projectsOfTask(id),
                    () -> store().projects().progress(id),
                    () -> store().checkpoints().listByProject(id),
                    () -> store().checkpoints().findByName(id, "gate"),
                    () -> store().checkpoints().findByName("p-1", id),
                    () -> store().checkpoints().recordEvaluation(id, CheckpointStatus.PASSED, json("{}"), T0));
            for (Executable call : calls) {
                assertThatThrownBy(call::execute).isInstanceOfAny(InvalidInputException.class, NotFoundException.class);
            }
        }
        assertThrows(InvalidInputException.class, () -> store().projects().updateStatus("p-1", null));
        assertThrows(InvalidInputException.class, () -> store().metrics().record(null));
        assertThrows(InvalidInputException.class, () -> store().metrics().record(java.util.Collections.singletonList(null)));
        assertThrows(InvalidInputException.class, () -> store().checkpoints().listByStatus(null, 10));

        assertThat(store().projects().list(ProjectQuery.all())).containsExactly(project);
        assertThat(store().projects().taskIds("p-1")).containsExactly("t-1");
        assertThat(store().checkpoints().listByProject("p-1")).containsExactly(checkpoint);
    }
}
