package dev.agenthive.bench.peer;

import dev.agenthive.bench.BenchTarget;
import dev.agenthive.bench.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static dev.agenthive.bench.peer.PeerChecks.SMOKE;
import static org.assertj.core.api.Assertions.assertThat;

class DbSchedulerQueueTest {

    @Test
    void supportsPostgresqlOnly() {
        DbSchedulerQueue queue = new DbSchedulerQueue();
        assertThat(queue.name()).isEqualTo("db-scheduler");
        assertThat(queue.supports("postgresql")).isTrue();
        assertThat(queue.supports("sqlite")).isFalse();
    }

    @Test
    void runsTheWorkloadOnPostgresql(@TempDir Path workDir) throws Exception {
        TestPostgres server = TestPostgres.get();
        String database = server.createDatabase();
        try {
            BenchTarget target = new BenchTarget("postgresql", server.jdbcUrl(database), server.user(),
                    server.password(), workDir);
            ExecutionLedger ledger = new ExecutionLedger();

            Measurement measurement = new DbSchedulerQueue().run(target, SMOKE, ledger);

            PeerChecks.assertCorrect(measurement, "db-scheduler", ledger);
            PeerChecks.assertNoPeerThreadsLeft();
            // A completed one-time execution is deleted: what is left is exactly what did not complete.
            try (Connection connection = server.connect(database);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(SMOKE.backlog() - ledger.completedCount());
            }
        } finally {
            server.dropDatabase(database);
        }
    }
}
