package dev.agenthive.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick mode in-process, on SQLite and on PostgreSQL (the server of {@code HIVE_TEST_POSTGRES_URL}
 * when set, else an embedded one): every workload runs, every correctness check passes, no error is
 * counted, and the multi-process workload's child JVMs start from this test's class path and report.
 * No timing is asserted.
 */
class HiveBenchQuickTest {

    @Test
    void quickRunOnSqliteReportsEveryWorkloadWithoutErrors() {
        String report = runQuick("sqlite");

        for (String workload : Workloads.names()) {
            assertThat(report).contains("| " + workload + " | sqlite |");
        }
        assertThat(report).contains("0 SQLITE_BUSY/StorageUnavailable seen by callers, drained all");
    }

    @Test
    void quickRunOnPostgresqlReportsEveryWorkloadWithoutErrors() {
        String external = System.getenv("HIVE_TEST_POSTGRES_URL");
        String report = runQuick(external == null || external.isBlank() ? "postgresql" : external.trim());

        for (String workload : Workloads.names()) {
            if (!workload.equals("processes-4v1")) {
                assertThat(report).contains("| " + workload + " | postgresql |");
            }
        }
    }

    private static String runQuick(String store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BenchCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8), "--quick", "--store", store);
        String report = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("exit code; report:%n%s", report).isZero();
        assertThat(report).doesNotContain(" errors**").doesNotContain("failed:");
        return report;
    }
}
