package dev.agenthive.cli.top;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.cli.HiveCommand;
import dev.agenthive.core.Hive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code hive top}: a live view of a running hive, read from its store. */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view of a running hive, refreshed like top: agents by status and the busiest ones, "
                + "tasks by status, throughput with a sparkline of the last minute, the inbox backlog, active alerts, "
                + "recent slow operations and this process's cache hit ratio.",
                "It only reads the store (no schema migration, no maintenance), so it can watch agents of other "
                        + "processes. Full-screen on a terminal, where q or Ctrl-C quits; a plain text frame every "
                        + "interval when stdout is not a terminal, or with --plain."})
public final class TopCommand implements Callable<Integer> {
    /** Shortest interval: each refresh runs a handful of queries against a store agents are busy with. */
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    /** Width of plain frames, which have no terminal to measure. */
    private static final int PLAIN_WIDTH = 100;

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between refreshes, at least 100ms: 500ms, 2s or ISO-8601 such as PT2S "
                    + "(default: ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--plain", description = "Print a plain text frame every interval instead of the full-screen "
            + "view, as when stdout is not a terminal.")
    private boolean plain;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Stop after N frames (default: run until q or Ctrl-C).")
    private Integer iterations;

    @Override
    public Integer call() throws Exception {
        Duration refresh = refresh();
        OptionalInt frames = frames();
        try (Hive opened = hive.openToWatch()) {
            TopSampler sampler = new TopSampler(opened, refresh, Clock.systemUTC());
            // System.console() is there only when stdin and stdout are both a terminal: keys can be read, the screen drawn.
            if (plain || System.console() == null || !FullScreen.show(sampler, refresh, frames)) {
                printFrames(sampler, refresh, frames);
            }
        }
        return 0;
    }

    private Duration refresh() {
        Duration refresh;
        try {
            refresh = Durations.parse("--interval", interval);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (refresh.compareTo(MIN_INTERVAL) < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--interval must be at least " + MIN_INTERVAL.toMillis() + "ms, was '" + interval + "'");
        }
        return refresh;
    }

    private OptionalInt frames() {
        if (iterations == null) {
            return OptionalInt.empty();
        }
        if (iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1, was " + iterations);
        }
        return OptionalInt.of(iterations);
    }

    /** Plain frames, each followed by an empty line, until the iterations are done or stdout is closed. */
    private void printFrames(TopSampler sampler, Duration refresh, OptionalInt frames) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long nextFrame = System.nanoTime();
        for (int frame = 1; frames.isEmpty() || frame <= frames.getAsInt(); frame++) {
            TimeUnit.NANOSECONDS.sleep(nextFrame - System.nanoTime());
            TopRenderer.render(sampler.next(), PLAIN_WIDTH).forEach(out::println);
            out.println();
            out.flush();
            if (out.checkError()) {
                return;
            }
            nextFrame = Math.max(nextFrame + refresh.toNanos(), System.nanoTime());
        }
    }
}
