package dev.agenthive.cli.demo;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.event.NewEvent;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.Task;
import dev.agenthive.cli.Failures;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated agent: claims tasks of its run and, for each, does what a coding agent does
 * with the platform: starts it, keeps its lease alive, shares state, talks to peers, logs events
 * and completes it. Runs on its own thread until the run stops.
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

    private final String agentId;
    private final DemoServices services;
    private final RunState run;
    private final SplittableRandom random;
    private MemoryEntry counter;
    private long processed;
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
            while (!run.stopped()) {
                heartbeatIfDue();
                List<Task> claimed = run.timed(Operation.CLAIM,
                        () -> services.tasks().claim(agentId, CLAIM_BATCH, CLAIM_WAIT));
                for (Task task : claimed) {
                    work(task);
                }
                readInbox();
            }
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
            run.timed(Operation.COMPLETE, () -> services.tasks().complete(taskId, token, result));
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
