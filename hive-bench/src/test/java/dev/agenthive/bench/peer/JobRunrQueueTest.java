package dev.agenthive.bench.peer;

import dev.agenthive.bench.BenchTarget;
import dev.agenthive.bench.Measurement;
import dev.agenthive.bench.QueueSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JobRunrQueueTest {
    /**
     * The smoke workload with a window one second longer than JobRunr's poll interval: JobRunr's
     * workers can all fall idle until the next poll, so only a window that holds a poll is sure to
     * see a job complete.
     */
    private static final QueueSpec SMOKE = new QueueSpec(PeerChecks.SMOKE.workers(), PeerChecks.SMOKE.claimBatch(),
            PeerChecks.SMOKE.backlog(), PeerChecks.SMOKE.warmup(), JobRunrQueue.POLL_INTERVAL.plusSeconds(1));

    @Test
    void supportsBothStores() {
        JobRunrQueue queue = new JobRunrQueue();
        assertThat(queue.name()).isEqualTo("jobrunr");
        assertThat(queue.supports("sqlite")).isTrue();
        assertThat(queue.supports("postgresql")).isTrue();
        assertThat(queue.supports("mysql")).isFalse();
    }

    @Test
    void runsTheWorkloadOnSqlite(@TempDir Path workDir) throws Exception {
        BenchTarget target = new BenchTarget("sqlite", "jdbc:sqlite:" + workDir.resolve("bench.db"), null, null,
                workDir);
        ExecutionLedger ledger = new ExecutionLedger();

        Measurement measurement = new JobRunrQueue().run(target, SMOKE, ledger);

        PeerChecks.assertCorrect(measurement, "jobrunr", ledger);
        PeerChecks.assertNoPeerThreadsLeft();
        Path file;
        try (Stream<Path> files = Files.list(workDir)) {
            file = files.filter(p -> p.getFileName().toString().matches("jobrunr-.*\\.db")).findFirst().orElseThrow();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertStoredStates(connection, ledger);
        }
    }

    @Test
    void runsTheWorkloadOnPostgresql(@TempDir Path workDir) throws Exception {
        TestPostgres server = TestPostgres.get();
        String database = server.createDatabase();
        try {
            BenchTarget target = new BenchTarget("postgresql", server.jdbcUrl(database), server.user(),
                    server.password(), workDir);
            ExecutionLedger ledger = new ExecutionLedger();

            Measurement measurement = new JobRunrQueue().run(target, SMOKE, ledger);

            PeerChecks.assertCorrect(measurement, "jobrunr", ledger);
            PeerChecks.assertNoPeerThreadsLeft();
            try (Connection connection = server.connect(database)) {
                assertStoredStates(connection, ledger);
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    /**
     * What JobRunr saved agrees with what ran: the whole backlog is stored, every job whose SUCCEEDED
     * state was applied is stored as SUCCEEDED, and none FAILED.
     */
    private static void assertStoredStates(Connection connection, ExecutionLedger ledger) throws Exception {
        assertThat(count(connection, "SELECT count(*) FROM jobrunr_jobs")).isEqualTo(SMOKE.backlog());
        assertThat(count(connection, "SELECT count(*) FROM jobrunr_jobs WHERE state = 'SUCCEEDED'"))
                .isEqualTo(ledger.completedCount());
        assertThat(count(connection, "SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED'")).isZero();
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
