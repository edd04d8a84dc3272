package dev.agenthive.cli;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.cli.demo.DemoFailedException;
import dev.agenthive.cli.demo.DemoResult;
import dev.agenthive.cli.demo.DemoRun;
import dev.agenthive.cli.demo.DemoServices;
import dev.agenthive.cli.demo.DemoSettings;
import dev.agenthive.core.Hive;
import dev.agenthive.metrics.prometheus.PrometheusEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code hive demo}: the main job. Simulated agents work through a queue of tasks on the
 * configured store; the command reports the latency of every kind of call and checks that every
 * task was completed exactly once.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run simulated agents against the store: register, claim and complete tasks, "
                + "message each other, write shared memory and events, save memory snapshots large enough for the "
                + "blob store; then report latencies and check that every task was completed exactly once.",
                "Several demos may run on the same store at once; each finishes its own tasks."})
final class DemoCommand implements Callable<Integer> {
    private static final String METRICS_HOST = "127.0.0.1";

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "8",
            description = "Simulated agents, one thread each (default: ${DEFAULT-VALUE}).")
    private int agents;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "2000",
            description = "Tasks to enqueue and complete (default: ${DEFAULT-VALUE}).")
    private int tasks;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60",
            description = "Fail if the tasks are not all completed within this time (default: ${DEFAULT-VALUE}).")
    private long seconds;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the hive's meters for Prometheus on 127.0.0.1:PORT, path /metrics, while the demo "
                    + "runs; 0 takes a free port. The address is printed.")
    private Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings;
        try {
            settings = new DemoSettings(agents, tasks, Duration.ofSeconds(seconds));
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        DemoResult result;
        String location;
        List<String> cacheLines;
        PrometheusEndpoint metrics = startMetrics();
        try (metrics; Hive opened = hive.open(false, metrics == null ? null : metrics.registry())) {
            location = opened.location();
            out.println("hive demo on " + location + ": " + settings.agents() + " agents, " + settings.tasks()
                    + " tasks, at most " + settings.timeLimit().toSeconds() + " s");
            if (metrics != null) {
                out.println("meters for Prometheus on " + metrics.uri());
            }
            out.flush();
            DemoServices services = new DemoServices(opened.agents(), opened.tasks(), opened.messages(),
                    opened.events(), opened.sharedMemory(), opened.projects(), opened.metrics(), opened.checkpoints(),
                    opened.sessions(), opened.memory(), opened.git(), opened.pullRequests());
            result = new DemoRun(services, settings, out, System.console() != null).run();
            cacheLines = CacheReport.lines(opened);
        } catch (RuntimeException e) {
            throw new DemoFailedException(Failures.describe(e), e);
        }
        result.report().forEach(out::println);
        cacheLines.forEach(out::println);
        out.flush();
        if (!result.succeeded()) {
            throw new DemoFailedException(result.failureReason());
        }
        out.println(String.format(Locale.ROOT, "OK run %s: %d/%d tasks completed exactly once by %d agents in %.1f s on %s",
                result.runId(), result.completedInStore(), settings.tasks(), settings.agents(),
                result.elapsed().toNanos() / 1e9, location));
        out.flush();
        return 0;
    }

    /** The endpoint {@code --metrics-port} asks for, or {@code null}; a port out of range is a usage error. */
    private PrometheusEndpoint startMetrics() {
        if (metricsPort == null) {
            return null;
        }
        try {
            return PrometheusEndpoint.start(METRICS_HOST, metricsPort);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), "--metrics-port: " + e.rule(), e);
        }
    }
}
