package dev.agenthive.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code java -jar hive-bench.jar}: measures Agent Hive against the plain-JDBC floor (and the peers)
 * on SQLite and PostgreSQL and prints a Markdown report. Exits 1 when any run counted an error or
 * failed a correctness check, 2 on a usage error.
 */
@Command(name = "hive-bench", mixinStandardHelpOptions = true,
        description = "Agent Hive against a hand-written plain-JDBC floor on the same database, in the same run.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "STORE", defaultValue = "all",
            description = "sqlite, postgresql (embedded server), all (both; default), or a PostgreSQL URL "
                    + "(postgresql://user[:password]@host[:port]/db or jdbc:postgresql://...) to use that server.")
    private String store;

    @Option(names = "--quick", description = "Tiny scale, correctness only: every workload drains or runs briefly.")
    private boolean quick;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per workload and store; the report shows medians (default 3; 1 with --quick).")
    private Integer runs;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the report to this file.")
    private Path out;

    @Option(names = "--redis", paramLabel = "URL",
            description = "The Redis server of the agent-status-redis rows, e.g. redis://127.0.0.1:6379 "
                    + "(default: an embedded Redis 6.2 started for the run).")
    private String redis;

    @Option(names = "--only", paramLabel = "WORKLOAD", description = "Run only this workload.")
    private String only;

    @Option(names = "--jmh", description = "Run the JMH micro benchmarks instead (quick options with --quick).")
    private boolean jmh;

    @Spec
    private CommandSpec spec;

    private final PrintStream stdout;
    private final String commandLine;

    private BenchCommand(PrintStream stdout, String commandLine) {
        this.stdout = stdout;
        this.commandLine = commandLine;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, args));
    }

    /** Runs the command line {@code args}, printing the report to {@code stdout}; returns the exit code. */
    static int execute(PrintStream stdout, String... args) {
        return new CommandLine(new BenchCommand(stdout, "hive-bench " + String.join(" ", args))).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (jmh) {
            return JmhLauncher.run(quick);
        }
        if (runs != null && runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, was " + runs);
        }
        BenchSettings settings = quick ? BenchSettings.quickRun() : BenchSettings.fullRun();
        if (runs != null) {
            settings = settings.withRuns(runs);
        }
        List<Workload> workloads = Workloads.all(settings, new RedisUrl(redis)).stream()
                .filter(workload -> only == null || workload.name().equals(only))
                .toList();
        if (workloads.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "unknown workload " + only + "; one of " + Workloads.names());
        }
        List<ReportRow> rows = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        BenchRunner runner = new BenchRunner(settings, System.err);
        for (String selected : stores()) {
            try (BenchDatabase database = open(selected)) {
                versions.add(database.version());
                rows.addAll(runner.run(database, workloads));
            }
        }
        String report = MarkdownReport.render(Environment.describe(commandLine, settings, versions), rows);
        stdout.print(report);
        stdout.flush();
        if (out != null) {
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
        long errors = rows.stream().mapToLong(ReportRow::errors).sum();
        if (errors > 0) {
            System.err.println("hive-bench: FAILED: " + errors + " errors or failed checks; see the notes column");
            return 1;
        }
        return 0;
    }

    private List<String> stores() {
        return switch (store) {
            case "all" -> List.of("sqlite", "postgresql");
            case "sqlite", "postgresql" -> List.of(store);
            default -> {
                if (!store.matches("(jdbc:)?postgresql://.+")) {
                    throw new ParameterException(spec.commandLine(),
                            "--store must be sqlite, postgresql, all or a postgresql:// URL, was " + store);
                }
                yield List.of(store);
            }
        };
    }

    private static BenchDatabase open(String store) throws Exception {
        return switch (store) {
            case "sqlite" -> SqliteDatabase.create();
            case "postgresql" -> PostgresDatabase.embedded();
            default -> PostgresDatabase.connect(store);
        };
    }
}
