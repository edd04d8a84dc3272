package dev.agenthive.tck;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.checkpoint.CheckpointKind;
import dev.agenthive.api.checkpoint.CheckpointStatus;
import dev.agenthive.api.checkpoint.NewCheckpoint;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract for the JSON limits and the U+0000 rule at the store port: a caller that talks to the
 * store directly (a plugin, a tool, a test) cannot store what the services would refuse. Every JSON
 * value a repository writes and every JSON fragment a query takes is refused, with an
 * {@link InvalidInputException} naming the field, when it nests deeper than
 * {@code hive.json.max-depth}, is larger than {@code hive.json.max-bytes} UTF-8 bytes, repeats a key
 * within an object, holds the escape <code>&#92;u0000</code> or a number PostgreSQL's {@code numeric}
 * cannot hold (more than 131072 digits before the decimal point or 16383 after); and no free text
 * holds U+0000. A
 * refusal changes nothing. The store is assumed opened with the core's default limits (64 levels,
 * 1 MiB), as it is when its settings name none.
 */
public abstract sealed class JsonLimitsContract extends AbstractStoreContract permits HiveStoreTck.JsonLimits {
    /** The core's default {@code hive.json.max-depth}. */
    static final int MAX_DEPTH = 64;
    /** The core's default {@code hive.json.max-bytes}. */
    static final int MAX_BYTES = 1024 * 1024;
    /** The rule of a refused U+0000, worded alike by every store. */
    static final String NO_NUL_RULE = "must not contain U+0000 (NUL): PostgreSQL cannot store it";

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RetryBackoff NO_BACKOFF = new RetryBackoff(Duration.ZERO, Duration.ZERO);
    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

    /** JSON every store must refuse at its port, each an object so that it fits every column. */
    enum Bad {
        /** One level deeper than allowed. */
        TOO_DEEP(nested(MAX_DEPTH + 1)),
        /** One byte larger than allowed; the é makes the count one of UTF-8 bytes, not of chars. */
        TOO_LARGE("{\"k\":\"\u00e9" + "x".repeat(MAX_BYTES - 9) + "\"}"),
        /** A key repeated within a nested object. */
        DUPLICATE_KEY("{\"a\":{\"k\":1,\"k\":2}}"),
        /** U+0000 as a JSON escape, which PostgreSQL's jsonb refuses. */
        NUL_ESCAPE("{\"k\":\"a\\u0000b\"}"),
        /** A number with more digits before the decimal point than PostgreSQL's numeric holds. */
        HUGE_NUMBER("{\"n\":1e131072}");

        final String text;

        Bad(String text) {
            this.text = text;
        }

        Json json() {
            return Json.of(text);
        }
    }

    /** An object nested {@code depth} levels deep, counting itself. */
    static String nested(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Test
    void jsonAtTheLimitsIsStored() {
        int depth = Math.min(MAX_DEPTH, tck().maxJsonDepth());
        Json deepest = Json.of("[".repeat(depth - 1) + "{\"k\":1}" + "]".repeat(depth - 1));
        Json largest = Json.of("{\"k\":\"\u00e9" + "x".repeat(MAX_BYTES - 10) + "\"}");
        Json escapedBackslash = Json.of("{\"k\":\"\\\\u0000\"}");

        Task deep = store().tasks().enqueue("t-1", NewTask.builder("t").payload(deepest).build());
        Task large = store().tasks().enqueue("t-2", NewTask.builder("t").payload(largest).build());
        Task text = store().tasks().enqueue("t-3", NewTask.builder("t").payload(escapedBackslash).build());

        assertSameJson(store().tasks().find(deep.id()).orElseThrow().payload(), deepest);
        assertSameJson(store().tasks().find(large.id()).orElseThrow().payload(), largest);
        assertSameJson(store().tasks().find(text.id()).orElseThrow().payload(), escapedBackslash);
        if (depth < MAX_DEPTH) {
            String deeper = "[".repeat(depth) + "{\"k\":1}" + "]".repeat(depth);
            refused("task.payload", () -> store().tasks().enqueue("t-4", NewTask.builder("t").payload(json(deeper)).build()));
            assertThat(store().tasks().find("t-4")).isEmpty();
        }
    }

    @Test
    void badJsonIsRefusedOnEveryWriteOfTheCoreAggregates() {
        registerAgent("alice");
        registerAgent("bob");
        enqueue("t-1");
        Task claimed = claimOne("alice");

        forEachBad(bad -> refusedOnCoreWrites(bad, claimed));

        assertThat(store().agents().find("carol")).isEmpty();
        assertThat(store().tasks().find("t-2")).isEmpty();
        assertThat(store().tasks().find("t-1")).contains(claimed);
        assertThat(store().messages().countPending(null)).isZero();
        assertThat(store().events().query(EventQuery.all(10)).events()).isEmpty();
        assertThat(store().sharedMemory().get("ns", "k")).isEmpty();
    }

    private void refusedOnCoreWrites(Bad bad, Task claimed) {
        refused("agent.configuration", () -> store().agents().register(
                new AgentRegistration("carol", "coder", null, null, null, bad.json())));
        refused("task.payload", () -> store().tasks().enqueue("t-2", NewTask.builder("t").payload(bad.json()).build()));
        refused("task.result", () -> store().tasks().complete("t-1", claimed.leaseToken(), bad.json()));
        refused("task.error", () -> store().tasks().fail("t-1", claimed.leaseToken(), bad.json(), true, NO_BACKOFF));
        refused("message.payload", () -> store().messages().send("m-1", NewMessage.direct("alice", "bob", "n", bad.json())));
        refused("message.payload", () -> store().messages().broadcast("b-1", NewMessage.broadcast("alice", "n", bad.json())));
        refused("event.details", () -> store().events().append(List.of(
                new Event("e-1", "t", Severity.INFO, null, null, bad.json(), T0))));
        refused("memory.value", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "k", bad.json(), JsonType.OBJECT, null, null, null)));
        refused("memory.metadata", () -> store().sharedMemory().put(
                new MemoryWrite("ns", "k", json("1"), JsonType.NUMBER, bad.json(), null, null)));
    }

    @Test
    @RequiresCapability({Capability.PROJECTS, Capability.METRICS, Capability.CHECKPOINTS, Capability.CONFIGURATIONS})
    void badJsonIsRefusedOnEveryWriteOfTheOptionalAggregates() {
        store().projects().create("p-1", NewProject.project("p"));
        Checkpoint checkpoint = store().checkpoints().create("c-1",
                new NewCheckpoint("p-1", "gate", CheckpointKind.QUALITY_GATE, json("{}")));

        forEachBad(this::refusedOnOptionalWrites);

        assertThat(store().projects().list(ProjectQuery.all())).hasSize(1);
        assertThat(store().metrics().aggregate(MetricQuery.of("n", T0, T0.plusSeconds(1))).count()).isZero();
        assertThat(store().checkpoints().listByProject("p-1")).containsExactly(checkpoint);
        assertThat(store().configurations().list(ConfigQuery.all())).isEmpty();
    }

    private void refusedOnOptionalWrites(Bad bad) {
        refused("project.metadata", () -> store().projects().create("p-2",
                new NewProject("p", null, ProjectKind.PROJECT, null, bad.json())));
        refused("metric.tags", () -> store().metrics().record(List.of(
                new Metric("m-1", null, null, "n", 1, "ms", bad.json(), T0))));
        refused("checkpoint.criteria", () -> store().checkpoints().create("c-2",
                new NewCheckpoint("p-1", "other", CheckpointKind.QUALITY_GATE, bad.json())));
        refused("checkpoint.lastResult", () -> store().checkpoints().recordEvaluation("c-1",
                CheckpointStatus.FAILED, bad.json(), T0));
        refused("config.value", () -> store().configurations().put(ConfigWrite.of(ConfigKey.system("c", "k"), bad.json())));
    }

    @Test
    void badJsonIsRefusedInEveryQueryFragment() {
        registerAgent("alice");
        forEachBad(this::refusedInFragments);
    }

    private void refusedInFragments(Bad bad) {
        refused("agentQuery.configurationContains", () -> store().agents().list(
                new AgentQuery(null, null, null, bad.json(), 10)));
        refused("eventQuery.detailsContain", () -> store().events().query(EventQuery.all(10).withDetailsContaining(bad.json())));
        refused("memory.metadataContains", () -> store().sharedMemory().list(
                MemoryQuery.metadataContaining("ns", bad.json(), 10)));
    }

    @Test
    @RequiresCapability({Capability.PROJECTS, Capability.GIT_STATES, Capability.PULL_REQUESTS})
    void nulInFreeTextIsRefusedAndChangesNothing() {
        registerAgent("alice");
        String nul = "a\0b";

        refused("agent.worktreePath", () -> store().agents().register(new AgentRegistration("bob", "coder", null, nul, null, null)));
        refused("agent.branch", () -> store().agents().register(new AgentRegistration("bob", "coder", null, null, nul, null)));
        refused("task.title", () -> store().tasks().enqueue("t-1", NewTask.builder(nul).build()));
        refused("task.description", () -> store().tasks().enqueue("t-1", NewTask.builder("t").description(nul).build()));
        refused("project.name", () -> store().projects().create("p-1", NewProject.project(nul)));
        refused("project.description", () -> store().projects().create("p-1",
                new NewProject("p", nul, ProjectKind.PROJECT, null, null)));
        refused("gitState.worktreePath", () -> store().gitStates().upsert(
                new GitStateUpdate("alice", "/w" + nul, "main", SHA1, false, 0, 0)));
        refused("pullRequest.title", () -> store().pullRequests().open(new NewPullRequest(1, "alice", nul, "x", "main", null)));
        refused("memory.prefix", () -> store().sharedMemory().list(new MemoryQuery("ns", nul, null, null, 10)));

        assertThat(store().agents().find("bob")).isEmpty();
        assertThat(store().tasks().find("t-1")).isEmpty();
        assertThat(store().projects().list(ProjectQuery.all())).isEmpty();
        assertThat(store().gitStates().listByAgent("alice")).isEmpty();
        assertThat(store().pullRequests().list(new PullRequestQuery(null, null, 10))).isEmpty();
    }

    /** Runs the check for each kind of bad JSON, naming the kind that fails. */
    private static void forEachBad(Consumer<Bad> check) {
        for (Bad bad : Bad.values()) {
            try {
                check.accept(bad);
            } catch (AssertionError e) {
                throw new AssertionError(bad + ": " + e.getMessage(), e);
            }
        }
    }

    private static void refused(String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call, () -> field + " refused");
        assertThat(e.field()).as("field named by '%s'", e.getMessage()).isEqualTo(field);
        assertThat(e.rule()).as("rule of %s", field).isNotBlank();
    }

    @Test
    void nulIsRefusedWithTheSameRuleWhereverItIs() {
        registerAgent("alice");
        enqueue("t-1");
        Task claimed = claimOne("alice");

        InvalidInputException json = assertThrows(InvalidInputException.class,
                () -> store().tasks().complete("t-1", claimed.leaseToken(), Bad.NUL_ESCAPE.json()));
        InvalidInputException text = assertThrows(InvalidInputException.class,
                () -> store().tasks().enqueue("t-2", NewTask.builder("a\0b").build()));

        assertThat(json.rule()).isEqualTo(NO_NUL_RULE);
        assertThat(text.rule()).isEqualTo(NO_NUL_RULE);
        assertThat(store().tasks().find("t-1")).contains(claimed);
    }
}
