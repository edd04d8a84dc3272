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
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryAccess;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricQuery;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectKind;
import dev.agenthive.api.project.ProjectQuery;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract against injection: classic SQL, expression-language and wildcard payloads sent through
 * every string parameter of every port are stored and returned verbatim, match only themselves in
 * filters, and leave every table in place.
 */
public abstract sealed class InjectionContract extends AbstractStoreContract permits HiveStoreTck.Injection {

    /** Every payload is a valid id (non-blank, no control characters), so only the store can mangle it. */
    protected static final List<String> PAYLOADS = List.of(
            "'; DROP TABLE tasks; --",
            "\" OR 1=1 --",
            "' OR '1'='1",
            "Robert'); DROP TABLE agents;--",
            "1; DELETE FROM shared_memory",
            "${sys:user.home}",
            "${jndi:ldap://example.invalid/a}",
            "#{id}",
            "%",
            "_",
            "\\",
            "a%b_c\\d",
            "%' OR key LIKE '%",
            "O'Brien \"quoted\" `backtick`",
            "/* comment */ SELECT 1",
            "日本語 🐝 Ωmega",
            " spaced ",
            "null",
            "[brackets]*?",
            "semi;colon:separated/path");

    @Test
    void agentStringsAreStoredVerbatim() {
        for (String p : PAYLOADS) {
            store().agents().register(new AgentRegistration(p, p, Set.of(p, "cap"), p, p, jsonObject("note", p)));
        }

        for (String p : PAYLOADS) {
            Agent agent = store().agents().find(p).orElseThrow(() -> new AssertionError("agent " + p));
            assertThat(agent.id()).isEqualTo(p);
            assertThat(agent.type()).isEqualTo(p);
            assertThat(agent.capabilities()).containsExactlyInAnyOrder(p, "cap");
            assertThat(agent.worktreePath()).isEqualTo(p);
            assertThat(agent.branch()).isEqualTo(p);
            assertSameJson(agent.configuration(), jsonObject("note", p));
            assertThat(store().agents().list(AgentQuery.byType(p))).extracting(Agent::id).containsExactly(p);
            assertThat(store().agents().list(new AgentQuery(null, null, p, 100))).extracting(Agent::id).containsExactly(p);
            assertThat(store().agents().heartbeat(p).id()).isEqualTo(p);
            assertThat(store().agents().updateStatus(p, AgentStatus.IDLE).status()).isEqualTo(AgentStatus.IDLE);
        }
        assertThat(store().agents().list(AgentQuery.byStatus(AgentStatus.IDLE))).hasSize(PAYLOADS.size());
        assertThat(store().agents().list(new AgentQuery(null, null, "cap", AgentQuery.MAX_LIMIT))).hasSize(PAYLOADS.size());
        assertEveryTableAnswers(PAYLOADS.size());
    }

    @Test
    void taskStringsAreStoredVerbatim() {
        for (String p : PAYLOADS) {
            store().agents().register(AgentRegistration.of(p, "coder", Set.of(p)));
            store().tasks().enqueue(p, NewTask.builder(p).description(p).type(p).idempotencyKey(p)
                    .requiredCapabilities(Set.of(p)).payload(jsonObject("input", p)).build());
            // The child needs a capability no agent has, so that only the parent is ever claimable.
            store().tasks().enqueue(p + "/child", NewTask.builder(p).parentId(p).dependencies(List.of(p))
                    .requiredCapabilities(Set.of("nobody-has-this")).build());
        }

        for (String p : PAYLOADS) {
            Task task = store().tasks().find(p).orElseThrow(() -> new AssertionError("task " + p));
            assertThat(task.title()).isEqualTo(p);
            assertThat(task.description()).isEqualTo(p);
            assertThat(task.type()).isEqualTo(p);
            assertThat(task.idempotencyKey()).isEqualTo(p);
            assertThat(task.requiredCapabilities()).containsExactly(p);
            assertSameJson(task.payload(), jsonObject("input", p));
            assertThat(store().tasks().findByIdempotencyKey(p)).contains(task);
            Task child = store().tasks().find(p + "/child").orElseThrow();
            assertThat(child.parentId()).isEqualTo(p);
            assertThat(child.dependencies()).containsExactly(p);
            assertThat(child.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(store().tasks().list(new TaskQuery(null, null, p, 100))).extracting(Task::id).containsExactly(p + "/child");
            assertThat(store().tasks().subtree(p)).extracting(Task::id).containsExactly(p, p + "/child");

            List<Task> claimed = store().tasks().claim(new ClaimRequest(p, Set.of(p), LONG_LEASE, 10));
            assertThat(claimed).extracting(Task::id).containsExactly(p);
            assertThat(claimed.get(0).assignedAgent()).isEqualTo(p);
            assertThat(store().tasks().list(new TaskQuery(null, p, null, 100))).extracting(Task::id).containsExactly(p);
            long token = claimed.get(0).leaseToken();
            assertThat(store().tasks().start(p, token).status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(store().tasks().heartbeat(p, token, LONG_LEASE).id()).isEqualTo(p);
            Task done = store().tasks().complete(p, token, jsonObject("output", p));
            assertSameJson(done.result(), jsonObject("output", p));
            assertThat(store().tasks().find(p + "/child").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        }
        assertThat(store().tasks().countByStatus())
                .containsEntry(TaskStatus.COMPLETED, (long) PAYLOADS.size())
                .containsEntry(TaskStatus.QUEUED, (long) PAYLOADS.size());
        assertThat(store().tasks().cancel(PAYLOADS.get(0) + "/child")).isEqualTo(1);
        assertThat(store().tasks().releaseAgentTasks(PAYLOADS.get(1), new RetryBackoff(Duration.ZERO, Duration.ZERO))).isZero();
        assertEveryTableAnswers(PAYLOADS.size());
    }

    @Test
    void messageStringsAreStoredVerbatim() {
        registerAgent("hub");
        for (String p : PAYLOADS) {
            registerAgent(p);
        }
        for (String p : PAYLOADS) {
            store().messages().send(p, new NewMessage(p, "hub", p, 1, jsonObject("text", p), p, p, null));
            store().messages().send(p + "/back", new NewMessage("hub", p, "reply", 0, jsonObject("text", p), p, p, null));
        }

        for (String p : PAYLOADS) {
            Message message = store().messages().find(p).orElseThrow(() -> new AssertionError("message " + p));
            assertThat(message.fromAgent()).isEqualTo(p);
            assertThat(message.toAgent()).isEqualTo("hub");
            assertThat(message.type()).isEqualTo(p);
            assertThat(message.correlationId()).isEqualTo(p);
            assertThat(message.replyTo()).isEqualTo(p);
            assertSameJson(message.payload(), jsonObject("text", p));
            assertThat(store().messages().countPending(p)).isEqualTo(1);
            List<Message> inbox = store().messages().inbox(p, 10, LONG_LEASE);
            assertThat(inbox).extracting(Message::id).containsExactly(p + "/back");
            assertThat(store().messages().ack(p, p + "/back")).isTrue();
            assertThat(store().messages().countPending(p)).isZero();
        }
        assertThat(store().messages().inbox("hub", 100, LONG_LEASE)).extracting(Message::id)
                .containsExactlyInAnyOrderElementsOf(PAYLOADS);

        // Broadcast ids share the id space of direct messages, so this one must differ from every payload.
        String broadcastId = "broadcast " + PAYLOADS.get(0);
        List<Message> copies = store().messages().broadcast(broadcastId,
                new NewMessage("hub", null, PAYLOADS.get(1), 0, jsonObject("all", PAYLOADS.get(2)), null, null, null));
        assertThat(copies).hasSize(PAYLOADS.size());
        for (String p : PAYLOADS) {
            Message copy = store().messages().find(broadcastId + ":" + p).orElseThrow(() -> new AssertionError("copy to " + p));
            assertThat(copy.toAgent()).isEqualTo(p);
            assertThat(copy.broadcastId()).isEqualTo(broadcastId);
            assertThat(copy.type()).isEqualTo(PAYLOADS.get(1));
        }
        assertEveryTableAnswers(PAYLOADS.size() + 1);
    }

    @Test
    void eventStringsAreStoredVerbatim() {
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            appended.add(new Event(p, p, Severity.values()[i % Severity.values().length], p, p,
                    jsonObject("detail", p), t0.plusMillis(i % 3)));
        }
        store().events().append(appended);

        for (Event expected : appended) {
            String p = expected.id();
            for (EventQuery query : List.of(
                    new EventQuery(p, null, null, null, null, null, null, 100),
                    new EventQuery(null, p, null, null, null, null, null, 100),
                    new EventQuery(null, null, null, p, null, null, null, 100))) {
                List<Event> found = store().events().query(query).events();
                assertThat(found).as("query %s", query).hasSize(1);
                Event event = found.get(0);
                assertThat(event.id()).isEqualTo(p);
                assertThat(event.type()).isEqualTo(p);
                assertThat(event.agentId()).isEqualTo(p);
                assertThat(event.correlationId()).isEqualTo(p);
                assertThat(event.severity()).isEqualTo(expected.severity());
                assertThat(event.occurredAt()).isEqualTo(expected.occurredAt());
                assertSameJson(event.details(), jsonObject("detail", p));
            }
        }

        List<String> walked = new ArrayList<>();
        EventPage page = store().events().query(EventQuery.all(3));
        walked.addAll(page.events().stream().map(Event::id).toList());
        for (int pages = 0; page.nextCursor() != null && pages < 100; pages++) {
            page = store().events().query(EventQuery.all(3).withAfter(page.nextCursor()));
            walked.addAll(page.events().stream().map(Event::id).toList());
        }
        assertThat(walked).as("paging with cursors made of payload ids").containsExactlyInAnyOrderElementsOf(PAYLOADS);
        assertThat(TaskRepositoryContract.total(store().events().countBySeverity())).isEqualTo(PAYLOADS.size());
        assertEveryTableAnswers(0);
    }

    @Test
    void sharedMemoryStringsAreStoredVerbatim() {
        for (String p : PAYLOADS) {
            store().sharedMemory().put(new MemoryWrite(p, p, jsonObject("value", p), JsonType.OBJECT,
                    jsonObject("meta", p), null, null));
            store().sharedMemory().put(new MemoryWrite("shared", p, jsonString(p), JsonType.STRING, null, null, 0L));
        }
        store().sharedMemory().recordAccess(PAYLOADS.stream()
                .map(p -> new MemoryAccess(p, p, 2, Instant.parse("2026-02-01T00:00:00Z"))).toList());

        for (String p : PAYLOADS) {
            MemoryEntry entry = store().sharedMemory().get(p, p).orElseThrow(() -> new AssertionError("entry " + p));
            assertThat(entry.namespace()).isEqualTo(p);
            assertThat(entry.key()).isEqualTo(p);
            assertSameJson(entry.value(), jsonObject("value", p));
            assertSameJson(entry.metadata(), jsonObject("meta", p));
            assertThat(entry.accessCount()).isEqualTo(2);
            assertThat(store().sharedMemory().list(p, "", null, 100)).extracting(MemoryEntry::key).containsExactly(p);
            assertThat(store().sharedMemory().list(p, p, null, 100)).extracting(MemoryEntry::key).containsExactly(p);
            assertThat(store().sharedMemory().list(p, "", p, 100)).isEmpty();

            List<String> expected = PAYLOADS.stream().filter(k -> k.startsWith(p)).toList();
            assertThat(store().sharedMemory().list("shared", p, null, 100)).extracting(MemoryEntry::key)
                    .as("prefix %s", p).containsExactlyInAnyOrderElementsOf(expected);
            assertSameJson(store().sharedMemory().get("shared", p).orElseThrow().value(), jsonString(p));
        }
        for (String p : PAYLOADS) {
            assertThat(store().sharedMemory().delete(p, p, 1L)).isTrue();
            assertThat(store().sharedMemory().get(p, p)).isEmpty();
        }
        assertThat(store().sharedMemory().list("shared", "", null, 100)).hasSize(PAYLOADS.size());
        assertEveryTableAnswers(0);
    }

    @Test
    @RequiresCapability(Capability.GIT_STATES)
    void gitStateStringsAreStoredVerbatim() {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        for (String p : PAYLOADS) {
            registerAgent(p);
            store().gitStates().upsert(new GitStateUpdate(p, p, p, commit, true, 1, 2));
            store().gitStates().upsert(new GitStateUpdate(p, p + "/other", "shared", commit, false, 0, 0));
        }

        for (String p : PAYLOADS) {
            GitState state = store().gitStates().find(p, p).orElseThrow(() -> new AssertionError("git state " + p));
            assertThat(state.agentId()).isEqualTo(p);
            assertThat(state.worktreePath()).isEqualTo(p);
            assertThat(state.branch()).isEqualTo(p);
            assertThat(store().gitStates().listByAgent(p)).extracting(GitState::worktreePath).containsExactly(p, p + "/other");
            assertThat(store().gitStates().listByBranch(p)).extracting(GitState::agentId).containsExactly(p);
        }
        assertThat(store().gitStates().listByBranch("shared")).hasSize(PAYLOADS.size());
        for (String p : PAYLOADS) {
            assertThat(store().gitStates().delete(p, p)).isTrue();
        }
        assertThat(store().gitStates().listByBranch("shared")).hasSize(PAYLOADS.size());
        assertEveryTableAnswers(PAYLOADS.size());
    }

    @Test
    @RequiresCapability(Capability.PULL_REQUESTS)
    void pullRequestStringsAreStoredVerbatim() {
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            registerAgent(p);
            store().pullRequests().open(new NewPullRequest(i + 1, p, p, p, p + " target", null));
        }

        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            PullRequest pr = store().pullRequests().find(i + 1).orElseThrow(() -> new AssertionError("pull request " + p));
            assertThat(pr.authorAgent()).isEqualTo(p);
            assertThat(pr.title()).isEqualTo(p);
            assertThat(pr.sourceBranch()).isEqualTo(p);
            assertThat(pr.targetBranch()).isEqualTo(p + " target");
            assertThat(store().pullRequests().list(PullRequestQuery.byAuthor(p))).extracting(PullRequest::number)
                    .containsExactly(i + 1);
            assertThat(store().pullRequests().updateStatus(i + 1, PullRequestStatus.MERGED).authorAgent()).isEqualTo(p);
        }
        assertThat(store().pullRequests().list(PullRequestQuery.byStatus(PullRequestStatus.MERGED))).hasSize(PAYLOADS.size());
        assertEveryTableAnswers(PAYLOADS.size());
    }

    @Test
    @RequiresCapability(Capability.CONFIGURATIONS)
    void configurationStringsAreStoredVerbatim() {
        for (String p : PAYLOADS) {
            registerAgent(p);
            store().configurations().put(ConfigWrite.of(ConfigKey.system(p, p), jsonObject("system", p)));
            store().configurations().put(ConfigWrite.of(ConfigKey.agent(p, p, p), jsonObject("agent", p)));
        }

        for (String p : PAYLOADS) {
            ConfigEntry system = store().configurations().find(ConfigKey.system(p, p))
                    .orElseThrow(() -> new AssertionError("system config " + p));
            assertThat(system.category()).isEqualTo(p);
            assertThat(system.key()).isEqualTo(p);
            assertSameJson(system.value(), jsonObject("system", p));
            ConfigEntry own = store().configurations().effective(p, p, p).orElseThrow();
            assertThat(own.agentId()).isEqualTo(p);
            assertSameJson(own.value(), jsonObject("agent", p));
            assertThat(store().configurations().list(ConfigQuery.byAgent(p))).extracting(ConfigEntry::key).containsExactly(p);
            assertThat(store().configurations().list(ConfigQuery.byCategory(p))).hasSize(2);
            assertThat(store().configurations().delete(ConfigKey.agent(p, p, p), 1L)).isTrue();
            assertThat(store().configurations().effective(p, p, p)).contains(system);
        }
        assertThat(store().configurations().list(ConfigQuery.byScope(ConfigScope.SYSTEM))).hasSize(PAYLOADS.size());
        assertEveryTableAnswers(PAYLOADS.size());
    }

    /** Every repository still answers, which a dropped or altered table would not. */
    private void assertEveryTableAnswers(long expectedAgents) {
        assertThat(TaskRepositoryContract.total(store().agents().countByStatus())).isEqualTo(expectedAgents);
        assertThat(store().tasks().countByStatus()).containsOnlyKeys(TaskStatus.values());
        assertThat(store().messages().countPending(null)).isNotNegative();
        assertThat(store().events().countBySeverity()).containsOnlyKeys(Severity.values());
        assertThat(store().sharedMemory().purgeExpired()).isZero();
        store().agents().register(AgentRegistration.of("after-injection", "probe", Set.of()));
        assertThat(store().agents().find("after-injection")).isPresent();
    }

    @Test
    @RequiresCapability({Capability.PROJECTS, Capability.METRICS, Capability.CHECKPOINTS})
    void projectMetricAndCheckpointStringsAreStoredVerbatim() {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        for (String p : PAYLOADS) {
            registerAgent(p);
            store().tasks().enqueue(p, NewTask.builder(p).build());
            store().projects().create(p, new NewProject(p, p, ProjectKind.PROJECT, null, jsonObject("meta", p)));
            store().projects().create(p + "/epic", new NewProject(p, p, ProjectKind.EPIC, p, null));
            store().projects().addTask(p + "/epic", p);
            store().metrics().record(List.of(new Metric(p, p, p, p, 1.5, p, jsonObject("tag", p), t0)));
            store().checkpoints().create(p, new NewCheckpoint(p, p, CheckpointKind.QUALITY_GATE, jsonObject("all", p)));
        }

        for (String p : PAYLOADS) {
            Project project = store().projects().find(p).orElseThrow(() -> new AssertionError("project " + p));
            assertThat(project.name()).isEqualTo(p);
            assertThat(project.description()).isEqualTo(p);
            assertSameJson(project.metadata(), jsonObject("meta", p));
            assertThat(store().projects().list(new ProjectQuery(null, null, p, 100))).extracting(Project::id)
                    .containsExactly(p + "/epic");
            assertThat(store().projects().taskIds(p + "/epic")).containsExactly(p);
            assertThat(store().projects().projectsOfTask(p)).extracting(Project::id).containsExactly(p + "/epic");
            assertThat(store().projects().progress(p).count(TaskStatus.QUEUED)).isEqualTo(1);

            MetricQuery query = new MetricQuery(p, t0, t0.plusSeconds(1), p, p);
            assertThat(store().metrics().aggregate(query).count()).isEqualTo(1);
            List<Metric> metrics = store().metrics().list(query, 10);
            assertThat(metrics).extracting(Metric::id).containsExactly(p);
            assertThat(metrics.get(0).unit()).isEqualTo(p);
            assertSameJson(metrics.get(0).tags(), jsonObject("tag", p));

            Checkpoint checkpoint = store().checkpoints().findByName(p, p).orElseThrow(() -> new AssertionError("checkpoint " + p));
            assertThat(checkpoint.id()).isEqualTo(p);
            assertSameJson(checkpoint.criteria(), jsonObject("all", p));
            assertThat(store().checkpoints().listByProject(p)).containsExactly(checkpoint);
            Checkpoint failed = store().checkpoints().recordEvaluation(p, CheckpointStatus.FAILED, jsonObject("why", p), t0);
            assertSameJson(failed.lastResult(), jsonObject("why", p));
            assertThat(store().projects().removeTask(p + "/epic", p)).isTrue();
        }
        assertThat(store().checkpoints().listByStatus(CheckpointStatus.FAILED, 100)).hasSize(PAYLOADS.size());
        assertThat(store().projects().list(ProjectQuery.all())).hasSize(2 * PAYLOADS.size());
        assertEveryTableAnswers(PAYLOADS.size());
    }
}
