package dev.agenthive.cli.demo;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Duration;

/**
 * Size and time limit of one demo run.
 *
 * @param agents   simulated agents, one thread each, 1..{@value #MAX_AGENTS}
 * @param tasks    tasks to enqueue and complete, 1..{@value #MAX_TASKS}
 * @param timeLimit the run fails if its tasks are not all completed within this time
 */
public record DemoSettings(int agents, int tasks, Duration timeLimit) {
    public static final int MAX_AGENTS = 256;
    public static final int MAX_TASKS = 1_000_000;
    public static final Duration MAX_TIME_LIMIT = Duration.ofDays(1);

    public DemoSettings {
        Checks.between(agents, 1, MAX_AGENTS, "--agents");
        Checks.between(tasks, 1, MAX_TASKS, "--tasks");
        Checks.positive(timeLimit, "--seconds");
        if (timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
            throw new InvalidInputException("--seconds", "must be at most " + MAX_TIME_LIMIT.toSeconds());
        }
    }
}
