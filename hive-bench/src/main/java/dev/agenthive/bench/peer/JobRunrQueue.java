package dev.agenthive.bench.peer;

import com.zaxxer.hikari.HikariDataSource;
import dev.agenthive.bench.BenchTarget;
import dev.agenthive.bench.Measurement;
import dev.agenthive.bench.QueueContender;
import dev.agenthive.bench.QueueSpec;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.configuration.BackgroundJobServerThreadType;
import org.jobrunr.server.configuration.DefaultBackgroundJobServerWorkerPolicy;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The queue workload on JobRunr (open-source edition): {@code backlog} jobs of {@link JobRunrNoOpJob}
 * enqueued through JobRunr's {@link JobScheduler} into its SQL storage provider, then one
 * {@link BackgroundJobServer} with {@code workers} platform worker threads works them off. An
 * operation is a job whose SUCCEEDED state JobRunr has saved.
 *
 * <p>{@code claimBatch} has no JobRunr setting: JobRunr fetches, in one transaction, as many ENQUEUED
 * jobs as it has idle workers (at most {@code workers}; FOR UPDATE SKIP LOCKED on PostgreSQL) and
 * saves each job's end state on its own. p50/p99 are NaN: JobRunr does not expose one claim or
 * completion to time, and with the whole backlog enqueued before the server starts, the time from
 * enqueue to execution measures a job's place in the backlog, not the queue.
 *
 * <p>A worker that finishes fetches new work at once, but only if no other thread is fetching
 * (JobRunr's onboarding takes its lock with {@code tryLock}); when every worker finishes during
 * another fetch, all wait for the next poll. Stalls of 1 to 4 s were seen on this workload, so
 * JobRunr's figure needs a window of several poll intervals.
 */
public final class JobRunrQueue implements QueueContender {
    /**
     * JobRunr's shortest poll interval for a SQL storage provider (it refuses less). It only paces the
     * first fetch: a worker that goes idle fetches new work at once.
     */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    /** JobRunr's server runs up to 5 housekeeping threads (2 common, 3 master) besides the workers. */
    private static final int HOUSEKEEPING_THREADS = 5;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "jobrunr";
    }

    @Override
    public boolean supports(String store) {
        return "sqlite".equals(store) || "postgresql".equals(store);
    }

    /**
     * Runs the workload with at least one poll interval of warm-up and three of measurement: JobRunr's
     * workers sit idle until the next poll whenever they all finish while one of them fetches, so a
     * shorter window would hit or miss those stalls by chance.
     */
    @Override
    public Measurement run(BenchTarget target, QueueSpec spec) throws Exception {
        QueueSpec pollFair = new QueueSpec(spec.workers(), spec.claimBatch(), spec.backlog(),
                max(spec.warmup(), POLL_INTERVAL), max(spec.measure(), POLL_INTERVAL.multipliedBy(3)));
        return run(target, pollFair, new ExecutionLedger());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Runs the workload recording into {@code ledger}, which tests read afterwards. */
    Measurement run(BenchTarget target, QueueSpec spec, ExecutionLedger ledger) throws Exception {
        if (!supports(target.store())) {
            throw new IllegalArgumentException("jobrunr does not run on " + target.store());
        }
        Window window;
        String storage;
        int poolSize = spec.workers() + HOUSEKEEPING_THREADS;
        try (HikariDataSource pool = dataSource(target, poolSize)) {
            StorageProvider storageProvider = storageProvider(target.store(), pool);
            storage = storageProvider.getClass().getSimpleName();
            JsonMapper json = new JacksonJsonMapper(false);
            storageProvider.setJobMapper(new JobMapper(json));
            try {
                enqueue(storageProvider, spec.backlog());
                JobRunrNoOpJob job = new JobRunrNoOpJob(ledger);
                BackgroundJobServer server = new BackgroundJobServer(storageProvider, json, activator(job),
                        configuration(spec));
                server.setJobFilters(List.of(new LedgerFilter(ledger)));
                server.start();
                try {
                    window = Window.observe(ledger, spec, START_TIMEOUT);
                } finally {
                    server.stop();
                }
            } finally {
                storageProvider.close();
            }
        }
        return new Measurement(name(), window.operations(), window.seconds(), window.throughput(),
                Double.NaN, Double.NaN, ledger.errors(), note(target.store(), storage, spec, poolSize, ledger));
    }

    private static HikariDataSource dataSource(BenchTarget target, int poolSize) throws IOException {
        if ("sqlite".equals(target.store())) {
            // An empty file is a valid new SQLite database: JobRunr creates its tables in it.
            Path file = Files.createTempFile(target.workDir(), "jobrunr-", ".db");
            return PeerDataSources.sqlite(file, "hive-bench-jobrunr", poolSize);
        }
        return PeerDataSources.postgresql(target, "hive-bench-jobrunr", poolSize);
    }

    private static StorageProvider storageProvider(String store, HikariDataSource pool) {
        return "sqlite".equals(store) ? new SqLiteStorageProvider(pool) : new PostgresStorageProvider(pool);
    }

    /**
     * Enqueues the backlog through JobRunr's stream API, which saves jobs in batches of JobRunr's own
     * size. The scheduler also registers itself as {@link BackgroundJob}'s static scheduler; that
     * reference is dropped afterwards so this run's storage stays unreachable once it is closed.
     */
    private static void enqueue(StorageProvider storageProvider, int backlog) {
        JobScheduler scheduler = new JobScheduler(storageProvider);
        try {
            scheduler.<JobRunrNoOpJob, Integer>enqueue(IntStream.range(0, backlog).boxed(),
                    (job, index) -> job.run(JobContext.Null));
        } finally {
            BackgroundJob.setJobScheduler(null);
        }
    }

    private static BackgroundJobServerConfiguration configuration(QueueSpec spec) {
        return BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andName("hive-bench")
                .andPollInterval(POLL_INTERVAL)
                // Platform threads on every JDK, like the other contenders' workers.
                .andBackgroundJobServerWorkerPolicy(new DefaultBackgroundJobServerWorkerPolicy(
                        spec.workers(), BackgroundJobServerThreadType.PlatformThreads));
    }

    /** Hands JobRunr this run's job instance; null for any other type lets JobRunr fall back. */
    private static JobActivator activator(JobRunrNoOpJob job) {
        return new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return type == JobRunrNoOpJob.class ? type.cast(job) : null;
            }
        };
    }

    private static String note(String store, String storage, QueueSpec spec, int poolSize, ExecutionLedger ledger) {
        return "JobRunr " + PeerVersions.of("jobrunr") + " " + storage
                + "; " + spec.workers() + " platform worker threads; poll interval " + POLL_INTERVAL.toSeconds()
                + " s (JobRunr's minimum for SQL storage; an idle worker fetches at once unless another"
                + " fetch is running, so all workers may idle until the next poll)"
                + "; claimBatch " + spec.claimBatch() + " not settable: JobRunr fetches as many jobs as it has"
                + " idle workers in one transaction and saves each end state on its own"
                + "; pool " + poolSize + " connections" + ("sqlite".equals(store)
                ? " (SQLite WAL, synchronous=NORMAL, busy_timeout " + PeerDataSources.SQLITE_BUSY_TIMEOUT.toSeconds()
                + " s, BEGIN IMMEDIATE)" : "")
                + "; counted: SUCCEEDED saved; p50/p99 not measurable (no per-claim call, backlog enqueued first)"
                + "; " + ledger.distinctExecuted() + " jobs executed, " + ledger.duplicates() + " twice, "
                + ledger.failures() + " failed, " + ledger.unfinished()
                + " ran without a saved end state" + (ledger.distinctExecuted() >= spec.backlog()
                ? "; BACKLOG RAN DRY: throughput is a lower bound" : "");
    }

    /**
     * Counts the state changes JobRunr has saved: SUCCEEDED completes a job, FAILED (retried or not)
     * is an error.
     */
    private record LedgerFilter(ExecutionLedger ledger) implements ApplyStateFilter {
        @Override
        public void onStateApplied(Job job, JobState oldState, JobState newState) {
            if (newState.getName() == StateName.SUCCEEDED) {
                ledger.completed();
            } else if (newState.getName() == StateName.FAILED) {
                ledger.failed();
            }
        }
    }
}
