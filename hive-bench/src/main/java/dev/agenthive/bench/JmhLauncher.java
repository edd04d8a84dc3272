package dev.agenthive.bench;

/** Placeholder until the JMH benchmarks exist. */
final class JmhLauncher {
    private JmhLauncher() {
    }

    static int run(boolean quick) {
        throw new UnsupportedOperationException("not yet");
    }
}
