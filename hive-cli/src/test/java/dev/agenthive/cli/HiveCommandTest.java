package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.core.Hive;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code hive} command in-process against SQLite files in a temporary directory, with an
 * explicit (usually empty) environment so that the machine's {@code HIVE_*} variables do not leak in.
 */
class HiveCommandTest {

    @TempDir
    Path dir;

    @Test
    void initCreatesTheStoreAndStatusShowsTheTables() {
        Path db = dir.resolve("hive.db");
        String storage = "sqlite:" + db;

        Run init = run("--storage", storage, "init");

        assertThat(init.exitCode).as(init.toString()).isZero();
        assertThat(init.err).isEmpty();
        assertThat(init.out).contains(db.toAbsolutePath().toString()).contains("schema");
        assertThat(db).exists();

        Run status = run("--storage", storage, "status");

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.err).isEmpty();
        assertThat(status.out)
                .contains(db.toAbsolutePath().toString())
                .containsPattern("agents\\s+count")
                .containsPattern("active\\s+0")
                .containsPattern("terminated\\s+0")
                .containsPattern("tasks\\s+count")
                .containsPattern("queued\\s+0")
                .containsPattern("dead\\s+0")
                .containsPattern("pending \\(inbox backlog\\)\\s+0")
                .containsPattern("events\\s+count")
                .containsPattern("critical\\s+0");
    }

    @Test
    void demoCompletesEveryTaskExactlyOnceAndReportsLatencies() {
        String storage = "sqlite:" + dir.resolve("demo.db");

        Run demo = run("--storage", storage, "demo", "--agents", "4", "--tasks", "200", "--seconds", "120");

        assertThat(demo.exitCode).as(demo.toString()).isZero();
        assertThat(demo.err).as(demo.toString()).doesNotContain("FAILED");
        assertThat(demo.out)
                .containsPattern("operation\\s+count\\s+ops/s\\s+p50 ms\\s+p99 ms")
                .containsPattern("enqueue\\s+200\\s")
                .containsPattern("complete\\s+200\\s")
                .containsPattern("register\\s+4\\s")
                .contains("memory cas", "broadcast", "inbox", "ack", "event")
                .contains("exactly-once check: 200/200 tasks COMPLETED in the store, 200 completed successfully exactly once, shared counter 200")
                .containsPattern("project\\s+\\d+\\s").containsPattern("metric\\s+200\\s").contains("session", "git state", "pull request")
                .containsPattern("project check: demo run \\S+ 200/200 tasks \\(100\\.0%\\), quality gate '.+' passed")
                .containsPattern("memory snapshot\\s+[1-9]\\d*\\s")
                .containsPattern("memory snapshots: ([1-9]\\d*) taken \\(\\d+\\.\\d MiB of JSON\\), \\1 in the blob store "
                        + "\\(\\d+\\.\\d MiB\\), \\1/\\1 read back intact");
        assertThat(lastLine(demo.out)).startsWith("OK run ").contains("200/200 tasks completed exactly once by 4 agents");

        Run status = run("--storage", storage, "status");

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out).containsPattern("completed\\s+200").containsPattern("terminated\\s+4");
    }

    @Test
    void demoThatRunsOutOfTimeFailsWithOneLineAfterItsReport() {
        // A million tasks cannot be enqueued and completed within one second on any machine.
        Run demo = run("--storage", "sqlite:" + dir.resolve("slow.db"), "demo",
                "--agents", "2", "--tasks", "1000000", "--seconds", "1");

        assertThat(demo.exitCode).as(demo.toString()).isEqualTo(1);
        assertThat(demo.errLines()).singleElement().asString().startsWith("hive demo: FAILED: timeout: ");
        assertThat(demo.out).containsPattern("operation\\s+count").doesNotContain("OK run");
    }

    @Test
    void concurrentDemosOnOneFileEachFinishTheirOwnTasks() throws Exception {
        String storage = "sqlite:" + dir.resolve("shared.db");
        assertThat(run("--storage", storage, "init").exitCode).isZero();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Run> demo = () -> run("--storage", storage, "demo", "--agents", "2", "--tasks", "100", "--seconds", "120");
            Future<Run> first = pool.submit(demo);
            Future<Run> second = pool.submit(demo);

            for (Run result : List.of(first.get(), second.get())) {
                assertThat(result.exitCode).as(result.toString()).isZero();
                assertThat(lastLine(result.out)).startsWith("OK run ").contains("100/100 tasks completed exactly once");
            }
        } finally {
            pool.shutdownNow();
        }
        Run status = run("--storage", storage, "status");
        assertThat(status.out).containsPattern("completed\\s+200");
    }

    @Test
    void unknownOptionFailsWithOneLine() {
        Run run = run("--storage", "sqlite:" + dir.resolve("x.db"), "demo", "--bogus");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("hive demo: FAILED: ")
                .contains("Unknown option: '--bogus'");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void outOfRangeValueNamesTheOption() {
        Run run = run("--storage", "sqlite:" + dir.resolve("x.db"), "demo", "--agents", "0");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("--agents: must be between 1 and 256, was 0");
    }

    @Test
    void gcRefusesAGracePeriodThatIsNotPositiveBeforeOpeningTheStore() {
        Run zero = run("--storage", "sqlite:" + dir.resolve("x.db"), "gc", "--grace", "0");
        Run word = run("--storage", "sqlite:" + dir.resolve("x.db"), "gc", "--grace", "soon");

        assertThat(zero.exitCode).isEqualTo(2);
        assertThat(zero.errLines()).singleElement().asString().startsWith("hive gc: --grace: must be a positive duration");
        assertThat(word.exitCode).isEqualTo(2);
        assertThat(word.errLines()).singleElement().asString().startsWith("hive gc: --grace: must be a duration");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void fsckAndGcOfAStoreWithoutBlobsFindNothingToDo() {
        String storage = "sqlite:" + dir.resolve("empty.db");
        assertThat(run("--storage", storage, "init").exitCode).isZero();

        Run fsck = run("--storage", storage, "fsck");
        Run gc = run("--storage", storage, "gc", "--dry-run");

        assertThat(fsck.exitCode).as(fsck.toString()).isZero();
        assertThat(fsck.out).contains("blobs  " + dir.resolve("empty.db-blobs").toUri())
                .contains("checked 0 blobs (0 bytes stored) against 0 references: 0 missing, 0 corrupt, 0 unreferenced");
        assertThat(gc.exitCode).as(gc.toString()).isZero();
        assertThat(gc.out).contains("would remove 0 unreferenced blobs (0 bytes)");
    }

    @Test
    void globalOptionAfterTheSubcommandIsExplained() {
        Run run = run("status", "--storage", "sqlite:" + dir.resolve("x.db"));

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("hive status: ")
                .contains("global options such as --storage go before the subcommand");
    }

    @Test
    void missingSubcommandFailsWithOneLine() {
        Run run = run("--storage", "sqlite:" + dir.resolve("x.db"));

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("hive: missing subcommand");
    }

    @Test
    void unknownStorageSchemeListsTheProviders() {
        Run run = run("--storage", "nosuch:/tmp/whatever", "status");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("hive status: ")
                .contains("nosuch:")
                .contains("sqlite");
    }

    @Test
    void unknownStorageSchemeFailsTheDemoWithOneFailedLine() {
        Run run = run("--storage", "nosuch:/tmp/whatever", "demo", "--tasks", "10");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("hive demo: FAILED: ")
                .contains("sqlite");
    }

    @Test
    void missingConfigFileIsReported() {
        Path missing = dir.resolve("missing.properties");

        Run run = run("--config", missing.toString(), "status");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.errLines()).singleElement().asString().contains("missing.properties");
    }

    @Test
    void configFileSuppliesTheStorageUrl() throws Exception {
        Path db = dir.resolve("from-file.db");
        Path config = Files.writeString(dir.resolve("hive.properties"), "hive.storage.url=sqlite:" + db + "\n");

        Run run = run("--config", config.toString(), "init");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains(db.toAbsolutePath().toString());
    }

    @Test
    void storageComesFromTheEnvironmentUnlessTheOptionIsGiven() {
        Path fromEnvironment = dir.resolve("env.db");
        Path fromOption = dir.resolve("option.db");
        Map<String, String> environment = Map.of("HIVE_STORAGE_URL", "sqlite:" + fromEnvironment);

        Run viaEnvironment = runWithEnvironment(environment, "init");
        Run viaOption = runWithEnvironment(environment, "--storage", "sqlite:" + fromOption, "init");

        assertThat(viaEnvironment.exitCode).as(viaEnvironment.toString()).isZero();
        assertThat(viaEnvironment.out).contains(fromEnvironment.toString());
        assertThat(viaOption.exitCode).as(viaOption.toString()).isZero();
        assertThat(viaOption.out).contains(fromOption.toString()).doesNotContain(fromEnvironment.toString());
    }

    @Test
    void statusListsOpenPullRequestsOnly() {
        Path db = dir.resolve("prs.db");
        String storage = "sqlite:" + db;
        assertThat(run("--storage", storage, "init").exitCode).isZero();
        assertThat(run("--storage", storage, "status").out).contains("open pull requests: none");
        HiveConfig config = HiveConfig.builder().isolated().storageUrl(storage).maintenanceInterval(Duration.ZERO).build();
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            hive.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
            hive.pullRequests().open(new NewPullRequest(12, "alice", "Add the hive", "feature/hive", "main", null));
            hive.pullRequests().open(new NewPullRequest(7, "bob", "Fix " + "x".repeat(100), "fix/x", "develop", null));
            hive.pullRequests().open(new NewPullRequest(30, "bob", "Merged already", "feature/done", "main", null));
            hive.pullRequests().merge(30);
        }

        Run status = run("--storage", storage, "status");

        assertThat(status.exitCode).as(status.toString()).isZero();
        assertThat(status.out)
                .containsPattern("open pull requests\\s+title\\s+author\\s+source -> target")
                .containsPattern("#12\\s+Add the hive\\s+alice\\s+feature/hive -> main")
                .containsPattern("#7\\s+Fix x+…\\s+bob\\s+fix/x -> develop")
                .doesNotContain("#30")
                .doesNotContain("Merged already")
                .doesNotContain("x".repeat(100));
        assertThat(status.out.indexOf("#7 ")).as("ordered by number").isLessThan(status.out.indexOf("#12 "));
    }

    private static Run run(String... args) {
        return runWithEnvironment(Map.of(), args);
    }

    private static Run runWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment)
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            List<String> lines = new ArrayList<>();
            for (String line : err.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }
}
