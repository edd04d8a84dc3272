package dev.agenthive.it.cli;

import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.it.postgres.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hive copy} on the database a real {@code hive demo} filled: across store kinds and back with
 * every table proven equal, refusals of a non-empty target, rejects that are never dropped silently,
 * and a dry run that writes nothing.
 */
class CopyCommandTest {
    private static final String VALIDATED = "validated: all 16 tables have equal counts and checksums";

    @TempDir
    static Path shared;
    static String source;
    static String sourceBlobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void fillTheSourceWithADemo() {
        source = "sqlite:" + shared.resolve("demo.db");
        sourceBlobs = "file:" + shared.resolve("demo-blobs");
        CliRun demo = CliRun.run("--storage", source, "--blob", sourceBlobs, "demo", "--agents", "4", "--tasks", "300");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
    }

    @Test
    void sqliteToPostgresqlAndBackToSqliteKeepsEveryRowAndBlob() {
        PostgresTestServer server = PostgresTestServer.get();
        String postgres = server.emptyDatabase();
        try {
            String pgBlobs = "file:" + dir.resolve("pg-blobs");
            CliRun there = copy("--from", source, "--from-blob", sourceBlobs, "--to", postgres, "--to-blob", pgBlobs);
            assertThat(there.exitCode()).as(there.toString()).isZero();
            assertThat(there.out()).contains(VALIDATED).containsPattern("blobs: [1-9]\\d* copied");

            String back = "sqlite:" + dir.resolve("back.db");
            CliRun home = copy("--from", postgres, "--from-blob", pgBlobs, "--to", back);
            assertThat(home.exitCode()).as(home.toString()).isZero();
            assertThat(home.out()).contains(VALIDATED);

            CliRun proof = copy("--validate-only", "--from", source, "--from-blob", sourceBlobs, "--to", back);
            assertThat(proof.exitCode()).as(proof.toString()).isZero();
            assertThat(proof.out()).contains(VALIDATED);

            CliRun status = CliRun.run("--storage", postgres, "--blob", pgBlobs, "status");
            assertThat(status.out()).as(status.toString()).containsPattern("completed\\s+300\\b");
            CliRun fsck = CliRun.run("--storage", back, "fsck");
            assertThat(fsck.exitCode()).as(fsck.toString()).isZero();
            assertThat(fsck.out()).contains("0 missing, 0 corrupt, 0 unreferenced");
        } finally {
            server.drop(postgres);
        }
    }

    @Test
    void sqliteToMariaDbValidates() {
        MariaDbTestServer server = MariaDbTestServer.get();
        String mariadb = server.emptyDatabase();
        try {
            CliRun copy = copy("--from", source, "--from-blob", sourceBlobs, "--to", mariadb,
                    "--to-blob", "file:" + dir.resolve("maria-blobs"));
            assertThat(copy.exitCode()).as(copy.toString()).isZero();
            assertThat(copy.out()).contains(VALIDATED);
        } finally {
            server.drop(mariadb);
        }
    }

    @Test
    void aNonEmptyTargetIsRefusedAndResumeLeavesWhatIsThere() {
        String target = "sqlite:" + dir.resolve("target.db");
        assertThat(copy("--from", source, "--from-blob", sourceBlobs, "--to", target).exitCode()).isZero();

        CliRun again = copy("--from", source, "--from-blob", sourceBlobs, "--to", target);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("is not empty").contains("agents (4 rows)").contains("--resume");

        CliRun resumed = copy("--resume", "--from", source, "--from-blob", sourceBlobs, "--to", target);
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("tasks\\s+300\\s+0\\s+300\\s+0").contains(VALIDATED);
    }

    /**
     * U+0000 escapes, duplicate keys and JSON nested past the limit (SQLite keeps all three) and an epic
     * whose parent is gone, into PostgreSQL.
     */
    @Test
    void rowsPostgresqlCannotHoldGoToTheRejectFileWithTheirReasons() throws Exception {
        Path damaged = dir.resolve("damaged.db");
        Files.copy(shared.resolve("demo.db"), damaged);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + damaged);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO shared_memory VALUES ('ns', 'nul', '\"a\\u0000b\"', 'string', '{}', 1,"
                    + " NULL, 8, 0, NULL, 1, 1)");
            statement.executeUpdate("INSERT INTO events (id, type, severity, agent_id, correlation_id, details, occurred_at)"
                    + " VALUES ('dup', 'x', 'info', NULL, NULL, '{\"a\":1,\"a\":2}', 5)");
            statement.executeUpdate("INSERT INTO projects VALUES ('orphan', 'e', NULL, 'epic', 'gone', 'active', '{}', 1, 1)");
            // SQLite takes any depth; the hive reading the target refuses more than hive.json.max-depth (64).
            statement.executeUpdate("INSERT INTO events (id, type, severity, agent_id, correlation_id, details, occurred_at)"
                    + " VALUES ('deep', 'x', 'info', NULL, NULL, '" + "[".repeat(65)
                    + "]".repeat(65) + "', 6)");
        }
        PostgresTestServer server = PostgresTestServer.get();
        String postgres = server.emptyDatabase();
        Path rejects = dir.resolve("rejects.jsonl");
        try {
            String from = "sqlite:" + damaged;
            CliRun copy = copy("--from", from, "--from-blob", sourceBlobs, "--to", postgres,
                    "--to-blob", "file:" + dir.resolve("pg-blobs"), "--reject-file", rejects.toString());
            assertThat(copy.exitCode()).as(copy.toString()).isEqualTo(1);
            assertThat(copy.out()).contains(VALIDATED).contains("4 rows were rejected");
            assertThat(copy.err()).contains("4 rows were rejected").contains("--allow-rejects");
            List<String> lines = Files.readAllLines(rejects);
            assertThat(lines).hasSize(4);
            assertThat(String.join("\n", lines))
                    // The one U+0000 rule every hive keeps, checked before the target's own value rules.
                    .contains("\"table\":\"shared_memory\",\"key\":[\"ns\",\"nul\"],\"reason\":\"value: must not contain U+0000 (NUL)")
                    .contains("\"table\":\"events\",\"key\":[\"dup\"],\"reason\":\"details: must be valid JSON: Duplicate field 'a'")
                    .contains("\"table\":\"projects\",\"key\":[\"orphan\"],\"reason\":\"its parent gone is not in the source's projects\"")
                    .contains("\"table\":\"events\",\"key\":[\"deep\"],\"reason\":\"details: must not nest arrays and objects deeper than 64 levels\"");

            CliRun allowed = copy("--validate-only", "--allow-rejects", "--from", from, "--from-blob", sourceBlobs,
                    "--to", postgres, "--reject-file", rejects.toString());
            assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
            assertThat(allowed.out()).contains("leaving out of the source's side the 4 rows").contains(VALIDATED);

            CliRun withoutTheList = copy("--validate-only", "--from", from, "--from-blob", sourceBlobs, "--to", postgres,
                    "--reject-file", dir.resolve("none.jsonl").toString());
            assertThat(withoutTheList.exitCode()).isEqualTo(1);
            assertThat(withoutTheList.out()).contains("shared_memory [ns, nul]: missing in the target")
                    .contains("events [dup]: missing in the target").contains("events [deep]: missing in the target")
                    .contains("NOT validated: 3 of 16 tables differ");
        } finally {
            server.drop(postgres);
        }
    }

    @Test
    void aChangedRowInTheTargetIsNamed() throws Exception {
        Path copyFile = dir.resolve("copy.db");
        String target = "sqlite:" + copyFile;
        assertThat(copy("--from", source, "--from-blob", sourceBlobs, "--to", target).exitCode()).isZero();
        String taskId;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copyFile);
             Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT id FROM tasks ORDER BY id LIMIT 1");
            rows.next();
            taskId = rows.getString(1);
            statement.executeUpdate("UPDATE tasks SET priority = priority + 1 WHERE id = '" + taskId + "'");
        }
        CliRun proof = copy("--validate-only", "--from", source, "--from-blob", sourceBlobs, "--to", target);
        assertThat(proof.exitCode()).isEqualTo(1);
        assertThat(proof.out()).contains("tasks [" + taskId + "]: differs").contains("NOT validated: 1 of 16 tables differ");
        assertThat(proof.err()).contains("the target does not hold what the source holds");
    }

    @Test
    void aDryRunReportsAndWritesNothing() {
        Path target = dir.resolve("never.db");
        CliRun dry = copy("--dry-run", "--from", source, "--from-blob", sourceBlobs, "--to", "sqlite:" + target);
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("dry run").containsPattern("tasks\\s+300\\s+300\\s+0\\s+0")
                .containsPattern("blobs: [1-9]\\d* readable in the source");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("never.db-blobs")).doesNotExist();
    }

    private CliRun copy(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "copy";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(all);
    }
}
