package dev.agenthive.bench;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the errors of one contender in one workload and prints the first few, so that none is
 * swallowed and a broken run does not flood the terminal. Thread-safe.
 */
final class ErrorLog {
    private static final int PRINTED = 5;

    private final String label;
    private final PrintStream out;
    private final AtomicLong count = new AtomicLong();

    ErrorLog(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    void record(Throwable error) {
        if (count.incrementAndGet() <= PRINTED) {
            StringBuilder text = new StringBuilder("[" + label + "] error: " + error);
            StackTraceElement[] stack = error.getStackTrace();
            for (int i = 0; i < Math.min(4, stack.length); i++) {
                text.append(System.lineSeparator()).append("    at ").append(stack[i]);
            }
            // One println, so that the traces of threads failing at once do not interleave.
            out.println(text);
        }
    }

    /** An error found by a check rather than thrown, e.g. a task completed twice. */
    void record(String problem) {
        if (count.incrementAndGet() <= PRINTED) {
            out.println("[" + label + "] error: " + problem);
        }
    }

    /** {@code errors} errors another process counted and printed itself. */
    void record(long errors, String problem) {
        if (count.getAndAdd(errors) < PRINTED) {
            out.println("[" + label + "] error: " + problem);
        }
    }

    long count() {
        return count.get();
    }
}
