package dev.agenthive.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.agenthive.bench.BenchTarget;
import dev.agenthive.bench.Measurement;
import dev.agenthive.bench.QueueContender;
import dev.agenthive.bench.QueueSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue workload on db-scheduler (PostgreSQL only): {@code backlog} instances of a no-op one-time
 * task scheduled for now in batches, then one {@link Scheduler} with {@code workers} threads and the
 * lock-and-fetch polling strategy (one {@code UPDATE ... FOR UPDATE SKIP LOCKED ... RETURNING} picks a
 * batch) works them off; a completed instance is deleted. An operation is an execution db-scheduler
 * reports complete with result OK.
 *
 * <p>{@code claimBatch} maps to lock-and-fetch's limits: at most {@code claimBatch * workers}
 * executions picked and not yet done (the upper limit), and a new fetch when half of them are left
 * (the lower limit; for {@code claimBatch} 1 that is db-scheduler's own default of 0.5 and 1.0 times
 * the threads). p50/p99 are NaN: db-scheduler does not expose one claim or completion to time, and
 * with the whole backlog scheduled before the scheduler starts, the time from "due" to execution
 * measures an instance's place in the backlog, not the queue.
 */
public final class DbSchedulerQueue implements QueueContender {
    /**
     * How often the scheduler polls when it has no reason to look sooner. With a backlog it rarely
     * waits for it: finishing executions below the lower limit triggers the next fetch at once. 100 ms
     * bounds the start and any gap without hammering the database when the queue is empty.
     */
    static final Duration POLLING_INTERVAL = Duration.ofMillis(100);
    static final String TASK_NAME = "hive-bench-noop";
    static final String SCHEMA = "db-scheduler-postgresql.sql";
    /** Instances per scheduleBatch call: one JDBC batch each, rewritten into multi-row inserts. */
    private static final int SCHEDULE_BATCH = 5_000;
    /** db-scheduler's own threads besides the workers: one polls for due executions, three keep house. */
    private static final int HOUSEKEEPING_THREADS = 4;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "db-scheduler";
    }

    @Override
    public boolean supports(String store) {
        return "postgresql".equals(store);
    }

    @Override
    public Measurement run(BenchTarget target, QueueSpec spec) throws Exception {
        return run(target, spec, new ExecutionLedger());
    }

    /** Runs the workload recording into {@code ledger}, which tests read afterwards. */
    Measurement run(BenchTarget target, QueueSpec spec, ExecutionLedger ledger) throws Exception {
        if (!supports(target.store())) {
            throw new IllegalArgumentException("db-scheduler does not run on " + target.store());
        }
        OneTimeTask<Void> task = Tasks.oneTime(TASK_NAME)
                .execute((instance, context) -> ledger.executed(instance.getId()));
        double upper = Math.max(1, spec.claimBatch());
        double lower = upper / 2;
        int poolSize = spec.workers() + HOUSEKEEPING_THREADS;
        Window window;
        try (HikariDataSource pool = PeerDataSources.postgresql(target, "hive-bench-db-scheduler", poolSize)) {
            createSchema(pool);
            schedule(SchedulerClient.Builder.create(pool, task).build(), task, spec.backlog());
            Scheduler scheduler = Scheduler.create(pool, task)
                    .threads(spec.workers())
                    .pollingInterval(POLLING_INTERVAL)
                    .pollUsingLockAndFetch(lower, upper)
                    .schedulerName(new SchedulerName.Fixed("hive-bench"))
                    .addSchedulerListener(new LedgerListener(ledger))
                    .shutdownMaxWait(SHUTDOWN_WAIT)
                    .build();
            scheduler.start();
            try {
                window = Window.observe(ledger, spec, START_TIMEOUT);
            } finally {
                scheduler.stop();
            }
        }
        return new Measurement(name(), window.operations(), window.seconds(), window.throughput(),
                Double.NaN, Double.NaN, ledger.errors(), note(spec, lower, upper, poolSize, ledger));
    }

    /** Creates {@code scheduled_tasks} from db-scheduler's PostgreSQL DDL, shipped as a resource. */
    private static void createSchema(HikariDataSource pool) throws SQLException {
        String ddl;
        try (InputStream in = DbSchedulerQueue.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCHEMA + " is missing");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA, e);
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            // PostgreSQL's simple query protocol runs the whole script in one round trip.
            statement.execute(ddl);
        }
    }

    private static void schedule(SchedulerClient client, OneTimeTask<Void> task, int backlog) {
        Instant now = Instant.now();
        List<TaskInstance<?>> batch = new ArrayList<>(Math.min(backlog, SCHEDULE_BATCH));
        for (int i = 0; i < backlog; i++) {
            batch.add(task.instance(Integer.toString(i)));
            if (batch.size() == SCHEDULE_BATCH || i == backlog - 1) {
                client.scheduleBatch(batch, now);
                batch.clear();
            }
        }
    }

    private static String note(QueueSpec spec, double lower, double upper, int poolSize, ExecutionLedger ledger) {
        return "db-scheduler " + PeerVersions.of("db-scheduler") + "; " + spec.workers() + " threads; lock-and-fetch (SKIP LOCKED)"
                + " lower " + lower + " upper " + upper + " x threads (claimBatch " + spec.claimBatch() + ")"
                + "; polling interval " + POLLING_INTERVAL.toMillis() + " ms (a fetch also follows completions)"
                + "; pool " + poolSize + " connections"
                + "; counted: executions complete OK (row deleted); p50/p99 not measurable (no per-claim call,"
                + " backlog scheduled first)"
                + "; " + ledger.distinctExecuted() + " instances executed, " + ledger.duplicates() + " twice, "
                + ledger.failures() + " failures or scheduler errors, " + ledger.unfinished()
                + " ran without a saved end state" + (ledger.distinctExecuted() >= spec.backlog()
                ? "; BACKLOG RAN DRY: throughput is a lower bound" : "");
    }

    /**
     * Counts what db-scheduler reports: a completion with result OK is an operation; a failed
     * execution, an unexpected scheduler error (e.g. a completion that could not be saved) and an
     * execution declared dead are errors.
     */
    private static final class LedgerListener extends AbstractSchedulerListener {
        private final ExecutionLedger ledger;

        LedgerListener(ExecutionLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public void onExecutionComplete(ExecutionComplete executionComplete) {
            if (executionComplete.getResult() == ExecutionComplete.Result.OK) {
                ledger.completed();
            } else {
                ledger.failed();
            }
        }

        @Override
        public void onSchedulerEvent(SchedulerEventType type) {
            if (type == SchedulerEventType.UNEXPECTED_ERROR || type == SchedulerEventType.DEAD_EXECUTION) {
                ledger.failed();
            }
        }
    }
}
