package dev.agenthive.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report: a header saying where and how it was measured, then one table row per workload and store. */
final class MarkdownReport {
    private static final List<String> PEERS = List.of("jobrunr", "db-scheduler");
    private static final List<String> COLUMNS = List.of("hive", "floor", "jobrunr", "db-scheduler");

    private MarkdownReport() {
    }

    static String render(List<String> header, List<ReportRow> rows) {
        StringBuilder out = new StringBuilder("# Agent Hive benchmark\n\n");
        for (String line : header) {
            out.append("- ").append(line).append('\n');
        }
        out.append('\n')
                .append("| workload | store | Agent Hive | floor | ratio | JobRunr | db-scheduler | Hive p50/p99 | floor p50/p99 | notes |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ReportRow row : rows) {
            Optional<Summary> hive = row.contender("hive");
            Optional<Summary> floor = row.contender("floor");
            List<String> cells = new ArrayList<>();
            cells.add(row.workload());
            cells.add(row.store());
            cells.add(hive.map(MarkdownReport::throughput).orElse("-"));
            cells.add(floor.map(MarkdownReport::throughput).orElse("-"));
            cells.add(hive.isPresent() && floor.isPresent() && floor.get().throughput() > 0
                    ? String.format(Locale.ROOT, "%.2f", hive.get().throughput() / floor.get().throughput()) : "-");
            for (String peer : PEERS) {
                cells.add(row.contender(peer).map(MarkdownReport::throughput).orElse("-"));
            }
            cells.add(hive.map(MarkdownReport::latency).orElse("-"));
            cells.add(floor.map(MarkdownReport::latency).orElse("-"));
            cells.add(notes(row));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append("\nThroughput is per second (tasks completed, operations, or rows for events-batch100), the median of the runs; "
                + "latencies in microseconds (queue: the claim call). ratio = Agent Hive / floor.\n");
        return out.toString();
    }

    private static String throughput(Summary summary) {
        return String.format(Locale.ROOT, "%,.0f/s", summary.throughput()) + (summary.wideSpread() ? " (wide spread)" : "");
    }

    private static String latency(Summary summary) {
        if (Double.isNaN(summary.p50Micros())) {
            return "-";
        }
        return micros(summary.p50Micros()) + " / " + micros(summary.p99Micros()) + " µs";
    }

    private static String micros(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String notes(ReportRow row) {
        List<String> notes = new ArrayList<>();
        Optional<Summary> hive = row.contender("hive");
        for (Summary summary : row.contenders()) {
            List<String> parts = new ArrayList<>();
            if (!COLUMNS.contains(summary.contender())) {
                // A variant without a column of its own, e.g. Agent Hive in one process against several.
                parts.add(throughput(summary) + (hive.isPresent() && summary.throughput() > 0
                        ? String.format(Locale.ROOT, " (hive / %s = %.2f)", summary.contender(),
                        hive.get().throughput() / summary.throughput()) : ""));
            }
            // A note the same as Agent Hive's (the workload's shape) is said once.
            boolean repeated = !summary.contender().equals("hive")
                    && hive.map(Summary::note).filter(summary.note()::equals).isPresent();
            if (!summary.note().isBlank() && !repeated) {
                parts.add(summary.note());
            }
            if (summary.errors() > 0) {
                parts.add("**" + summary.errors() + " errors**");
            }
            if (summary.wideSpread()) {
                parts.add("wide spread");
            }
            if (!parts.isEmpty()) {
                notes.add(summary.contender() + ": " + String.join(", ", parts));
            }
        }
        return String.join("; ", notes).replace("|", "\\|");
    }
}
