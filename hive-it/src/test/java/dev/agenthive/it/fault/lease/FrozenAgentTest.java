package dev.agenthive.it.fault.lease;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.it.fault.Scale;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fencing of a frozen agent: a worker JVM claims two tasks and is frozen with SIGSTOP past its
 * lease; another agent claims both again and completes the first; the worker is thawed with SIGCONT
 * while the second is still leased to the taker, and tries heartbeat, fail and complete on both with
 * its old lease. Every one of those calls must be refused (a stale lease on the task the taker
 * holds, a finished task on the other), and the database must show both tasks completed once, by
 * the taker, with its result, after exactly two attempts.
 */
class FrozenAgentTest {
    /** Long enough that neither agent is marked crashed: this test is about the lease alone. */
    private static final LeaseTimings TIMINGS = new LeaseTimings(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMillis(250));
    /**
     * The frozen worker runs no maintenance: on SQLite a process stopped inside a maintenance write
     * would hold the file's write lock for as long as it is frozen, and every other agent would wait.
     */
    private static final LeaseTimings FROZEN_TIMINGS = new LeaseTimings(TIMINGS.lease(), TIMINGS.heartbeatTimeout(),
            Duration.ZERO);
    /**
     * The taker's own lease, long enough to hold the second task while the frozen worker thaws and
     * tries its stale calls (seconds on a busy machine), so that the taker's lease never runs out.
     */
    private static final Duration TAKER_LEASE = Duration.ofMinutes(2);
    /** How long to wait for anything, JVM starts included, which take minutes at a load of 30 on 2 cores. */
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final List<String> STALE_CALLS = List.of("heartbeat", "fail", "complete");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void sqlite() throws Exception {
        run("sqlite", "sqlite:" + dir.resolve("frozen.db"));
    }

    @Test
    void postgresql() throws Exception {
        PostgresTestServer server = PostgresTestServer.get();
        String url = server.freshDatabase();
        try {
            run("postgresql", url);
        } finally {
            server.drop(url);
        }
    }

    private void run(String storeName, String url) throws Exception {
        int runs = Scale.pick(1, 5);
        int refused = 0;
        try (Hive hive = TIMINGS.open(url); HiveStore store = Stores.open(url)) {
            for (int run = 0; run < runs; run++) {
                refused += freezeOnce(storeName + "-" + run, hive, store, url);
            }
        }
        Scale.report(String.format("frozen-agent store=%s runs=%d stale_completions_refused=%d",
                storeName, runs, refused));
    }

    private int freezeOnce(String name, Hive hive, HiveStore store, String url) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < LeaseWorkerMain.FREEZE_TASKS; n++) {
            ids.add(hive.tasks().enqueue(NewTask.builder("frozen " + name + " " + n)
                    .requiredCapabilities(Set.of(LeaseWorkerMain.CAPABILITY))
                    .build()).id());
        }
        WorkerProcess frozen = WorkerProcess.start("freeze", url, "frozen-" + name, dir.resolve("unused"),
                FROZEN_TIMINGS, dir);
        try {
            await("the frozen worker's claims", () -> frozen.wrote("waiting"));
            frozen.signal("STOP");
            await("every thread of the worker stopped", frozen::stopped);
            List<Task> held = ids.stream().map(id -> store.tasks().find(id).orElseThrow()).toList();
            assertThat(held).as("tasks claimed by the frozen worker")
                    .allMatch(task -> task.status() == TaskStatus.CLAIMED && frozen.agentId().equals(task.assignedAgent()));
            Instant leaseEnd = held.stream().map(Task::leaseUntil).max(Comparator.naturalOrder()).orElseThrow();
            await("the frozen worker's lease to end", () -> Instant.now().isAfter(leaseEnd));

            String taker = "taker-" + name;
            hive.agents().register(AgentRegistration.of(taker, "lease-taker", Set.of(LeaseWorkerMain.CAPABILITY)));
            List<Task> taken = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (taken.size() < ids.size() && System.nanoTime() < deadline) {
                taken.addAll(hive.tasks().claim(taker, ids.size() - taken.size(), TAKER_LEASE, Duration.ofMillis(500)));
            }
            assertThat(taken).extracting(Task::id).containsExactlyInAnyOrderElementsOf(ids);
            taken.sort(Comparator.comparing(Task::id));
            Task finishedFirst = taken.get(0);
            Task stillHeld = taken.get(1);
            hive.tasks().complete(finishedFirst.id(), finishedFirst.leaseToken(),
                    LeaseWorkerMain.result(taker, finishedFirst.leaseToken()));

            frozen.go();
            frozen.signal("CONT");
            frozen.awaitSuccess();
            int refused = checkLedger(frozen, ids);
            // The stale calls are over; only now does the taker complete the task it held meanwhile.
            hive.tasks().complete(stillHeld.id(), stillHeld.leaseToken(), LeaseWorkerMain.result(taker, stillHeld.leaseToken()));
            for (Task mine : taken) {
                Task task = store.tasks().find(mine.id()).orElseThrow();
                assertThat(task.status()).as("status of %s", task.id()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(task.assignedAgent()).as("completer of %s", task.id()).isEqualTo(taker);
                assertThat(task.leaseToken()).as("lease of %s", task.id()).isEqualTo(mine.leaseToken());
                assertThat(task.attempts()).as("attempts of %s: the frozen claim and the taker's", task.id()).isEqualTo(2);
                assertThat(task.error()).as("error of %s", task.id()).isNull();
                assertThat(task.result().text().replace(" ", "")).as("result of %s", task.id())
                        .isEqualTo(LeaseWorkerMain.result(taker, mine.leaseToken()).text());
                // A task's transitions live in its row; the events log gets a task event only when
                // one dies, so any event about it here would be a second ending.
                List<Event> events = store.events().query(new EventQuery(null, null, null, task.id(), null, null, null,
                        EventQuery.MAX_LIMIT)).events();
                assertThat(events).as("events about %s", task.id()).isEmpty();
            }
            assertThat(store.events().query(new EventQuery(frozen.agentId(), null, null, null, null, null, null,
                    EventQuery.MAX_LIMIT)).events()).as("events of the frozen agent").isEmpty();
            return refused;
        } finally {
            frozen.destroy();
        }
    }

    /** Every stale call refused, none accepted; how many were refused. */
    private static int checkLedger(WorkerProcess frozen, List<String> ids) throws Exception {
        List<Ledger.Entry> entries = frozen.entries();
        assertThat(entries).as("stale calls accepted").noneMatch(entry -> entry.kind().equals("accepted"));
        assertThat(entries).as("stale calls that failed otherwise").noneMatch(entry -> entry.kind().equals("error"));
        List<Ledger.Entry> refusals = entries.stream().filter(entry -> entry.kind().equals("refused")).toList();
        for (String id : ids) {
            for (String call : STALE_CALLS) {
                assertThat(refusals).as("refusal of the stale %s of %s", call, id)
                        .anyMatch(entry -> entry.field(0).equals(call) && entry.field(1).equals(id));
            }
        }
        // On the task the taker still held, the old lease itself is what is refused.
        String held = ids.stream().sorted().toList().get(1);
        assertThat(refusals.stream().filter(entry -> entry.field(1).equals(held)))
                .as("refusals on the task leased to the taker")
                .allMatch(entry -> entry.field(5).equals(ErrorCode.LEASE_LOST.name()));
        return refusals.size();
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** A condition that may read files or the store. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
