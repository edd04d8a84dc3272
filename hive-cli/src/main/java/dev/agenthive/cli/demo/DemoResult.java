package dev.agenthive.cli.demo;

import dev.agenthive.cli.TextTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a demo run measured and checked.
 *
 * @param runId            the run's identifier
 * @param settings         what was asked for
 * @param elapsed          wall time from the first registration until every agent stopped
 * @param latencies        per operation, every measured call
 * @param enqueued         tasks enqueued
 * @param completedInStore tasks of the run the store reports COMPLETED (checked only without earlier failure)
 * @param exactlyOnce      tasks the agents completed successfully exactly once
 * @param counterValue     final value of the shared compare-and-set counter, -1 if not read
 * @param injectedFailures retryable failures injected on purpose
 * @param leaseLost        calls refused because another agent had taken over the task
 * @param casConflicts     compare-and-set attempts that found a newer version
 * @param projectCheck     the run's project progress and quality-gate outcome, empty if not evaluated
 * @param snapshots        the memory snapshots the agents took
 * @param snapshotsReadBack snapshots read back from the store with the content hash they were stored with,
 *                         -1 if not checked
 * @param problems         why the run failed; empty on success
 */
public record DemoResult(
        String runId,
        DemoSettings settings,
        Duration elapsed,
        Map<Operation, LatencyHistogram.Snapshot> latencies,
        int enqueued,
        int completedInStore,
        int exactlyOnce,
        long counterValue,
        long injectedFailures,
        long leaseLost,
        long casConflicts,
        String projectCheck,
        SnapshotTally snapshots,
        int snapshotsReadBack,
        List<String> problems) {

    public DemoResult {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(elapsed, "elapsed is null");
        Objects.requireNonNull(projectCheck, "projectCheck is null");
        Objects.requireNonNull(snapshots, "snapshots is null");
        latencies = new EnumMap<>(Objects.requireNonNull(latencies, "latencies is null"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
    }

    @Override
    public Map<Operation, LatencyHistogram.Snapshot> latencies() {
        return new EnumMap<>(latencies);
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }

    /** One line naming the first problem and how many more there are. */
    public String failureReason() {
        if (problems.isEmpty()) {
            throw new IllegalStateException("the run succeeded");
        }
        return problems.size() == 1 ? problems.get(0)
                : problems.get(0) + " (and " + (problems.size() - 1) + " more problems)";
    }

    /** The operations table and the outcome of the checks, ready to print. */
    public List<String> report() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        TextTable table = new TextTable("operation", "count", "ops/s", "p50 ms", "p99 ms");
        for (Map.Entry<Operation, LatencyHistogram.Snapshot> entry : latencies.entrySet()) {
            LatencyHistogram.Snapshot latency = entry.getValue();
            table.row(entry.getKey().label(), latency.count(),
                    String.format(Locale.ROOT, "%.1f", latency.count() / seconds),
                    millis(latency.valueAt(0.50)), millis(latency.valueAt(0.99)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "run %s: %d agents, %d tasks, %.1f s",
                runId, settings.agents(), settings.tasks(), seconds));
        lines.add("");
        lines.addAll(table.render("  "));
        lines.add("");
        lines.add("retries injected " + injectedFailures + ", leases lost " + leaseLost
                + ", compare-and-set conflicts " + casConflicts);
        lines.add(snapshots.describe() + (snapshotsReadBack < 0 ? ""
                : ", " + snapshotsReadBack + "/" + snapshots.taken() + " read back intact"));
        if (succeeded()) {
            lines.add("exactly-once check: " + completedInStore + "/" + settings.tasks()
                    + " tasks COMPLETED in the store, " + exactlyOnce + " completed successfully exactly once, "
                    + "shared counter " + counterValue);
            lines.add(projectCheck);
        }
        return lines;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
