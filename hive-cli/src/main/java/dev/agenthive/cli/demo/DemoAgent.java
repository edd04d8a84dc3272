package dev.agenthive.cli.demo;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.NewMetric;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.task.Task;
import dev.agenthive.cli.Failures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated agent: claims tasks of its run and, for each, does what a coding agent does
 * with the platform: starts it, keeps its lease alive, shares state, talks to peers, logs events,
 * completes it, records how long it took, what its context window holds and where its worktree
 * stands. When its context window is nearly full it saves its working memory as a snapshot (large
 * enough to go to the blob store) and rolls its session over; when the run ends it opens and merges
 * a pull request of its branch. Runs on its own thread until the run stops.
 */
final class DemoAgent implements Runnable {
    private static final int CLAIM_BATCH = 4;
    private static final Duration CLAIM_WAIT = Duration.ofMillis(250);
    private static final int INBOX_BATCH = 64;
    private static final long AGENT_HEARTBEAT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int TASK_HEARTBEAT_EVERY = 10;
    private static final int BROADCAST_EVERY = 50;
    /** Bounds the compare-and-set retry loop so a store that never accepts the write fails the run. */
    private static final int MAX_CAS_ATTEMPTS = 10_000;
    /** A small context window, so that usage levels and rollovers happen within a demo run. */
    static final long CONTEXT_WINDOW_TOKENS = 100_000;
    private static final int GIT_REPORT_EVERY = 10;
    /** Pull request numbers are global; a random one that is taken is simply drawn again. */
    private static final int PULL_REQUEST_NUMBER_ATTEMPTS = 20;
    private static final String WORKING_MEMORY = "working";

    private final String agentId;
    private final DemoServices services;
    private final RunState run;
    private final SplittableRandom random;
    /** Tasks completed since the last snapshot of the working memory. */
    private final List<String> recentTasks = new ArrayList<>();
    private MemoryEntry counter;
    private long processed;
    private long tokens;
    private long lastHeartbeatNanos = System.nanoTime();

    DemoAgent(String agentId, DemoServices services, RunState run, MemoryEntry counter, long seed) {
        this.agentId = agentId;
        this.services = services;
        this.run = run;
        this.counter = counter;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        try {
            run.timed(Operation.SESSION, () -> services.sessions().start(agentId, CONTEXT_WINDOW_TOKENS));
            while (!run.stopped()) {
                heartbeatIfDue();
                List<Task> claimed = run.timed(Operation.CLAIM,
                        () -> services.tasks().claim(agentId, CLAIM_BATCH, CLAIM_WAIT));
                for (Task task : claimed) {
                    work(task);
                }
                readInbox();
            }
            if (run.failure() == null) {
                openAndMergePullRequest();
            }
            run.timed(Operation.SESSION, () -> services.sessions().end(agentId));
            run.timed(Operation.TERMINATE, () -> services.agents().setStatus(agentId, AgentStatus.TERMINATED));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.fail(agentId + " was interrupted");
        } catch (RuntimeException e) {
            run.fail(agentId + ": " + Failures.describe(e));
        } catch (Error e) {
            // Fail the run at once rather than let it wait for its time limit, then die as usual.
            run.fail(agentId + ": " + Failures.describe(e));
            throw e;
        }
    }

    private void heartbeatIfDue() throws InterruptedException {
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos >= AGENT_HEARTBEAT_INTERVAL_NANOS) {
            run.timed(Operation.AGENT_HEARTBEAT, () -> services.agents().heartbeat(agentId));
            lastHeartbeatNanos = now;
        }
    }

    private void work(Task claimed) throws InterruptedException {
        String taskId = claimed.id();
        long token = claimed.leaseToken();
        try {
            run.timed(Operation.START, () -> services.tasks().start(taskId, token));
            if (++processed % TASK_HEARTBEAT_EVERY == 0) {
                run.timed(Operation.HEARTBEAT, () -> services.tasks().heartbeat(taskId, token));
            }
            Json progress = JsonText.object("agent", agentId, "task", taskId);
            run.timed(Operation.MEMORY_PUT,
                    () -> services.memory().put(run.namespace(), "agent:" + agentId, progress));
            run.timed(Operation.EVENT, () -> services.events().record(
                    new NewEvent("demo.task.started", Severity.INFO, agentId, run.runId(), progress, null)));
            talkToPeers(taskId);

            if (run.takeInjectedFailure(taskId)) {
                Json error = JsonText.object("reason", "injected failure to exercise retries", "task", taskId);
                run.timed(Operation.FAIL, () -> services.tasks().fail(taskId, token, error, true));
                run.timed(Operation.EVENT, () -> services.events().record(
                        new NewEvent("demo.task.retry", Severity.WARNING, agentId, run.runId(), error, null)));
                return;
            }
            Json result = JsonText.object("doneBy", agentId, "run", run.runId());
            long startedNanos = System.nanoTime();
            run.timed(Operation.COMPLETE, () -> services.tasks().complete(taskId, token, result));
            recordWork(taskId, (System.nanoTime() - startedNanos) / 1e6);
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.LEASE_LOST) {
                throw e;
            }
            // Another agent re-claimed the task after our lease ran out; it is theirs to finish.
            run.leaseLost();
            return;
        }
        run.completedBy(taskId);
        incrementSharedCounter();
    }

    /** The task's metric, the context the work used, and now and then the worktree's state. */
    private void recordWork(String taskId, double completeMillis) throws InterruptedException {
        run.timed(Operation.METRIC, () -> services.metrics().record(
                NewMetric.of(agentId, taskId, run.metricName(), completeMillis, "ms")));
        tokens += 2_000 + random.nextInt(2_000);
        long used = Math.min(tokens, CONTEXT_WINDOW_TOKENS);
        ContextSession session = run.timed(Operation.SESSION, () -> services.sessions().recordTokens(agentId, used));
        recentTasks.add(taskId);
        if (session.usageLevel() == UsageLevel.SLEEP) {
            saveWorkingMemory(session);
            run.timed(Operation.SESSION, () -> services.sessions().rollover(agentId, CONTEXT_WINDOW_TOKENS));
            tokens = 0;
        }
        if (processed % GIT_REPORT_EVERY == 0) {
            byte[] head = new byte[20];
            random.nextBytes(head);
            GitStateUpdate update = new GitStateUpdate(agentId, "/work/" + agentId, branch(), HexFormat.of().formatHex(head),
                    random.nextBoolean(), (int) Math.min(processed, Integer.MAX_VALUE), 0);
            run.timed(Operation.GIT_STATE, () -> services.git().report(update));
        }
    }

    /** What an agent does at the sleep level before its session ends: snapshot its working memory. */
    private void saveWorkingMemory(ContextSession session) throws InterruptedException {
        Json memory = WorkingMemory.of(agentId, run.runId(), session.tokenCount(), recentTasks, random);
        NewSnapshot snapshot = new NewSnapshot(agentId, session.id(), WORKING_MEMORY, 0.5 + random.nextInt(50) / 100.0,
                memory);
        MemorySnapshot stored = run.timed(Operation.SNAPSHOT, () -> services.snapshots().store(snapshot));
        run.snapshotTaken(stored);
        recentTasks.clear();
    }

    private void openAndMergePullRequest() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int number = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            NewPullRequest pullRequest = new NewPullRequest(number, agentId, "Work of " + agentId + " in run " + run.runId(),
                    branch(), "main", null);
            try {
                run.timed(Operation.PULL_REQUEST, () -> services.pullRequests().open(pullRequest));
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.DUPLICATE || attempt >= PULL_REQUEST_NUMBER_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            run.timed(Operation.PULL_REQUEST, () -> services.pullRequests().merge(number));
            return;
        }
    }

    private String branch() {
        return "demo/" + agentId;
    }

    private void talkToPeers(String taskId) throws InterruptedException {
        List<String> peers = run.agentIds();
        if (peers.size() > 1) {
            String peer;
            do {
                peer = peers.get(random.nextInt(peers.size()));
            } while (peer.equals(agentId));
            NewMessage note = NewMessage.direct(agentId, peer, "demo.note", JsonText.object("task", taskId));
            run.timed(Operation.SEND, () -> services.messages().send(note));
        }
        if (random.nextInt(BROADCAST_EVERY) == 0) {
            NewMessage announcement = NewMessage.broadcast(agentId, "demo.announce", JsonText.object("task", taskId));
            run.timed(Operation.BROADCAST, () -> services.messages().broadcast(announcement));
        }
    }

    private void readInbox() throws InterruptedException {
        List<Message> messages = run.timed(Operation.INBOX,
                () -> services.messages().inbox(agentId, INBOX_BATCH, Duration.ZERO));
        for (Message message : messages) {
            run.timed(Operation.ACK, () -> services.messages().ack(agentId, message.id()));
        }
    }

    /** Adds one to the run's shared counter with compare-and-set, re-reading on every conflict. */
    private void incrementSharedCounter() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            MemoryEntry seen = counter;
            Json next = Json.of(Long.toString(Long.parseLong(seen.value().text().trim()) + 1));
            try {
                counter = run.timed(Operation.MEMORY_CAS, () -> services.memory()
                        .compareAndSet(run.namespace(), RunState.COUNTER_KEY, seen.version(), next));
                return;
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.VERSION_MISMATCH || attempt >= MAX_CAS_ATTEMPTS) {
                    throw e;
                }
                run.casConflict();
                counter = run.timed(Operation.MEMORY_GET,
                        () -> services.memory().get(run.namespace(), RunState.COUNTER_KEY))
                        .orElseThrow(() -> new DemoFailedException("the shared counter "
                                + run.namespace() + "/" + RunState.COUNTER_KEY + " disappeared"));
            }
        }
    }
}
