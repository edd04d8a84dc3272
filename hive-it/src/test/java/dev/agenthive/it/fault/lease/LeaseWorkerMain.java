package dev.agenthive.it.fault.lease;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.Hive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A worker process of the lease tests: one agent on the public {@link Hive} API, everything it does
 * written to its {@link Ledger} before and after each call.
 *
 * <p>{@code work url agent ledger stopFile goFile lease heartbeatTimeout maintenanceInterval}: opens
 * the hive and writes {@code ready} (a spare, started ahead of the kills that it replaces, so that
 * no JVM start lies between a kill and its replacement), waits for {@code goFile}, registers,
 * heartbeats the agent on a thread of its own, and until {@code stopFile} exists claims one task at a
 * time, works a little, heartbeats the task, works a little more and completes it.
 *
 * <p>{@code freeze url agent ledger stopFile goFile lease heartbeatTimeout maintenanceInterval}:
 * registers, claims the {@link #FREEZE_TASKS} tasks the test enqueued, writes {@code waiting} and
 * waits for {@code goFile} (the test freezes it meanwhile and hands the tasks to another agent);
 * then, for each task, tries heartbeat, fail and complete with its old lease and writes whether
 * each was accepted or refused. {@code stopFile} is not used.
 */
public final class LeaseWorkerMain {
    /** The capability every task of these tests requires. */
    static final String CAPABILITY = "lease";
    /** How many tasks a frozen worker holds. */
    static final int FREEZE_TASKS = 2;
    private static final Duration CLAIM_WAIT = Duration.ofMillis(200);

    private LeaseWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String agentId = args[2];
        Path stop = Path.of(args[4]);
        Path go = Path.of(args[5]);
        LeaseTimings timings = LeaseTimings.fromArgs(args, 6);
        try (Ledger ledger = Ledger.append(Path.of(args[3])); Hive hive = timings.open(url)) {
            if (mode.equals("work")) {
                ledger.line("ready", agentId);
                awaitFile(go);
                register(hive, agentId, ledger);
                work(hive, agentId, ledger, stop, timings);
            } else if (mode.equals("freeze")) {
                register(hive, agentId, ledger);
                freeze(hive, agentId, ledger, go);
            } else {
                throw new IllegalArgumentException("unknown mode " + mode);
            }
            ledger.line("stopped", agentId);
        }
        System.out.println("DONE");
    }

    private static void register(Hive hive, String agentId, Ledger ledger) {
        hive.agents().register(AgentRegistration.of(agentId, "lease-worker", Set.of(CAPABILITY)));
        ledger.line("registered", agentId);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(20);
        }
    }

    private static void work(Hive hive, String agentId, Ledger ledger, Path stop, LeaseTimings timings)
            throws InterruptedException {
        Thread heartbeats = new Thread(() -> heartbeatAgent(hive, agentId, ledger, timings.agentHeartbeatEvery()),
                agentId + "-heartbeat");
        heartbeats.setDaemon(true);
        heartbeats.start();
        while (!Files.exists(stop)) {
            ledger.line("claiming", agentId);
            List<Task> claimed;
            try {
                claimed = hive.tasks().claim(agentId, 1, CLAIM_WAIT);
            } catch (HiveException e) {
                // A live agent marked crashed (a heartbeat that came too late) may not claim; a test
                // that sees this line knows its heartbeat timeout was too short for the machine.
                ledger.line("claim-refused", agentId, e.getClass().getSimpleName(), e.code());
                Thread.sleep(100);
                hive.agents().register(AgentRegistration.of(agentId, "lease-worker", Set.of(CAPABILITY)));
                continue;
            }
            if (claimed.isEmpty()) {
                continue;
            }
            Task task = claimed.get(0);
            ledger.line("claimed", task.id(), agentId, task.leaseToken(), task.attempts());
            pause();
            if (!step(ledger, "heartbeat", task, agentId,
                    () -> hive.tasks().heartbeat(task.id(), task.leaseToken()))) {
                continue;
            }
            pause();
            step(ledger, "complete", task, agentId, () -> hive.tasks().complete(task.id(), task.leaseToken(),
                    result(agentId, task.leaseToken())));
        }
        heartbeats.interrupt();
        heartbeats.join();
    }

    private static void freeze(Hive hive, String agentId, Ledger ledger, Path go) throws InterruptedException {
        List<Task> held = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (held.size() < FREEZE_TASKS && System.nanoTime() < deadline) {
            ledger.line("claiming", agentId);
            for (Task task : hive.tasks().claim(agentId, FREEZE_TASKS - held.size(), CLAIM_WAIT)) {
                ledger.line("claimed", task.id(), agentId, task.leaseToken(), task.attempts());
                held.add(task);
            }
        }
        ledger.line("waiting", agentId);
        awaitFile(go);
        ledger.line("woke", agentId);
        for (Task task : held) {
            String id = task.id();
            long token = task.leaseToken();
            attempt(ledger, "heartbeat", task, agentId, () -> hive.tasks().heartbeat(id, token));
            attempt(ledger, "fail", task, agentId,
                    () -> hive.tasks().fail(id, token, Json.of("{\"stale\":\"" + agentId + "\"}"), false));
            attempt(ledger, "complete", task, agentId, () -> hive.tasks().complete(id, token, result(agentId, token)));
        }
    }

    /** The result a worker completes a task with: who, under which lease. */
    static Json result(String agentId, long leaseToken) {
        return Json.of("{\"by\":\"" + agentId + "\",\"token\":" + leaseToken + "}");
    }

    /**
     * Runs one call on a held task between an {@code <op>ing} and an {@code <op>ed} line (for
     * {@code complete}: {@code completing} and {@code completed}); a refused or failed call is
     * written as {@code refused} or {@code error} and ends the task's work.
     */
    private static boolean step(Ledger ledger, String op, Task task, String agentId, Runnable call) {
        String before = op.equals("complete") ? "completing" : op + "ing";
        String after = op.equals("complete") ? "completed" : op + "ed";
        ledger.line(before, task.id(), agentId, task.leaseToken(), task.attempts());
        try {
            call.run();
        } catch (HiveException e) {
            ledger.line(refusal(e) ? "refused" : "error", op, task.id(), agentId, task.leaseToken(),
                    e.getClass().getSimpleName(), e.code());
            return false;
        }
        ledger.line(after, task.id(), agentId, task.leaseToken(), task.attempts());
        return true;
    }

    /** A call with a lease that may be stale: {@code accepted} or {@code refused} with the exception type. */
    private static void attempt(Ledger ledger, String op, Task task, String agentId, Runnable call) {
        ledger.line("trying", op, task.id(), agentId, task.leaseToken());
        try {
            call.run();
            ledger.line("accepted", op, task.id(), agentId, task.leaseToken());
        } catch (HiveException e) {
            ledger.line(refusal(e) ? "refused" : "error", op, task.id(), agentId, task.leaseToken(),
                    e.getClass().getSimpleName(), e.code());
        }
    }

    private static boolean refusal(HiveException e) {
        return e instanceof ConflictException || e instanceof InvalidStateTransitionException;
    }

    private static void heartbeatAgent(Hive hive, String agentId, Ledger ledger, Duration every) {
        while (true) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                hive.agents().heartbeat(agentId);
            } catch (HiveException e) {
                ledger.line("agent-heartbeat-failed", agentId, e.getClass().getSimpleName(), e.code());
            }
        }
    }

    /** The "work": a short sleep, a little different every time. */
    private static void pause() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(20, 80));
    }
}
