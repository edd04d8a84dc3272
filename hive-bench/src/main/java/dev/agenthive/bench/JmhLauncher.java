package dev.agenthive.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the micro benchmarks of {@code dev.agenthive.bench.jmh} with JMH: in a forked JVM with JMH's
 * usual iterations, or, quick, in this JVM with one short iteration each (a smoke run, not figures).
 */
final class JmhLauncher {
    private JmhLauncher() {
    }

    static int run(boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("dev\\.agenthive\\.bench\\.jmh\\..*");
        if (quick) {
            options.forks(0)
                    .warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
        } else {
            options.forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        return new Runner(options.build()).run().isEmpty() ? 1 : 0;
    }
}
