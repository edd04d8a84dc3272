package dev.agenthive.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Runs one step over and over on a number of threads: a warm-up, then a measured window, ended early
 * when {@code finished} says there is nothing left to do (a drained backlog). Counts the units the
 * steps report inside the window; a failing step is logged and counted, and the thread goes on.
 */
final class TimedLoop {
    /** One unit of a worker's work; records its own latency and returns the units done (tasks, rows, ...). */
    @FunctionalInterface
    interface Step {
        int run(LatencyRecorder latency) throws Exception;
    }

    /** Makes the step of one worker thread; called on that thread, before the warm-up. */
    @FunctionalInterface
    interface Steps {
        Step create(int worker) throws Exception;
    }

    /** What a loop did in its measured window. */
    record Result(long units, double seconds, Percentiles latency) {
        double throughput() {
            return seconds > 0 ? units / seconds : 0;
        }
    }

    private static final long FINISHED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private TimedLoop() {
    }

    static Result run(String name, int threads, Duration warmup, Duration measure, Steps steps,
                      BooleanSupplier finished, ErrorLog errors) throws InterruptedException {
        Phase phase = new Phase();
        LongAdder units = new LongAdder();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            LatencyRecorder recorder = new LatencyRecorder(phase);
            recorders.add(recorder);
            int worker = w;
            Thread thread = new Thread(() -> work(steps, worker, phase, recorder, units, errors), name + "-" + w);
            workers.add(thread);
        }
        workers.forEach(Thread::start);
        try {
            waitFor(warmup, finished);
            phase.startMeasuring();
            waitFor(measure, finished);
        } finally {
            phase.stop();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        return new Result(units.sum(), phase.measuredSeconds(), LatencyRecorder.merge(recorders));
    }

    private static void work(Steps steps, int worker, Phase phase, LatencyRecorder recorder, LongAdder units,
                             ErrorLog errors) {
        TimedLoop.Step step;
        try {
            step = steps.create(worker);
        } catch (Exception | Error e) {
            errors.record(e);
            return;
        }
        while (!phase.stopped()) {
            try {
                int done = step.run(recorder);
                if (phase.measuring()) {
                    units.add(done);
                }
            } catch (InterruptedException e) {
                errors.record(e);
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                errors.record(e);
                // A step failing over and over would otherwise spin a core the other threads need.
                sleepQuietly();
            }
        }
    }

    private static void waitFor(Duration length, BooleanSupplier finished) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end && !finished.getAsBoolean()) {
            TimeUnit.NANOSECONDS.sleep(Math.min(FINISHED_CHECK_NANOS, Math.max(0, end - System.nanoTime())));
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
