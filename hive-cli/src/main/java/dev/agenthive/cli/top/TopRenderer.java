package dev.agenthive.cli.top;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.TextTable;
import dev.agenthive.cli.top.TopSnapshot.ActiveAlert;
import dev.agenthive.cli.top.TopSnapshot.AgentLoad;
import dev.agenthive.cli.top.TopSnapshot.SlowOperation;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Lays out one {@link TopSnapshot} as lines of text no wider than the terminal: the counts wrap onto
 * more lines when the terminal is narrow, the sparkline shows as much of the last minute as fits, and
 * whatever still does not fit is cut with {@code …}. A pure function of its arguments.
 */
final class TopRenderer {
    /** Width of the label column ({@code agents}, {@code tasks}, ...). */
    private static final int LABEL = 12;
    private static final String GAP = "   ";
    /** Widest sparkline, one block per refresh: the whole minute at the default refresh of a second. */
    private static final int SPARKLINE_MAX = 60;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TopRenderer() {
    }

    /**
     * The lines of the view, none longer than {@code width} characters.
     *
     * @throws IllegalArgumentException {@code width} is below 1
     */
    static List<String> render(TopSnapshot snapshot, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, was " + width);
        }
        List<String> lines = new ArrayList<>();
        lines.add("hive top" + GAP + snapshot.location() + GAP + TIME.format(snapshot.takenAt()) + " UTC" + GAP
                + "every " + describe(snapshot.refresh()));
        lines.add("");
        items(lines, "agents", counts(snapshot.agents(), AgentStatus::dbValue), width);
        items(lines, "tasks", counts(snapshot.tasks(), TaskStatus::dbValue), width);
        lines.add(throughput(snapshot, width));
        items(lines, "inbox", List.of(snapshot.inboxBacklog() + " messages pending"), width);
        items(lines, "cache", List.of(cache(snapshot.cacheHits(), snapshot.cacheMisses())), width);
        lines.add("");
        busiest(lines, snapshot.busiest(), snapshot.busiestPartial());
        lines.add("");
        alerts(lines, snapshot.activeAlerts());
        lines.add("");
        slowOperations(lines, snapshot.slowOperations());
        return lines.stream().map(line -> fit(line, width)).toList();
    }

    /** {@code label} in its column, then the items separated by gaps, wrapped under the first item where too wide. */
    private static void items(List<String> lines, String label, List<String> items, int width) {
        StringBuilder line = new StringBuilder(pad(label));
        boolean empty = true;
        for (String item : items) {
            if (!empty && line.length() + GAP.length() + item.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(LABEL));
                empty = true;
            }
            line.append(empty ? "" : GAP).append(item);
            empty = false;
        }
        lines.add(line.toString());
    }

    private static <E extends Enum<E>> List<String> counts(Map<E, Long> counts, Function<E, String> name) {
        List<String> items = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> items.add(name.apply(key) + " " + count));
        return items;
    }

    /** The rate, the peak of the last minute, then as much of the minute's sparkline as the width leaves. */
    private static String throughput(TopSnapshot snapshot, int width) {
        if (snapshot.throughput().isEmpty()) {
            return pad("throughput") + "measuring (from the second refresh on)";
        }
        double peak = snapshot.throughputHistory().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String figures = pad("throughput") + rate(snapshot.throughput().getAsDouble()) + " tasks/s" + GAP
                + "peak " + rate(peak) + "/s in 1 min" + GAP;
        int room = Math.min(SPARKLINE_MAX, width - figures.length());
        return figures + Sparkline.of(snapshot.throughputHistory(), room);
    }

    private static String cache(long hits, long misses) {
        long reads = hits + misses;
        if (reads <= 0) {
            return "hit ratio n/a (no cache reads in this process)";
        }
        return String.format(Locale.ROOT, "hit ratio %.1f%% of %d reads in this process", hits * 100.0 / reads, reads);
    }

    private static void busiest(List<String> lines, List<AgentLoad> busiest, boolean partial) {
        if (busiest.isEmpty()) {
            lines.add("busiest agents: none holds a task");
            return;
        }
        TextTable table = new TextTable("busiest agents", "claimed", "running");
        for (AgentLoad load : busiest) {
            table.row(load.agentId(), load.claimed(), load.running());
        }
        lines.addAll(table.render(""));
        if (partial) {
            lines.add("(ranked by the oldest " + TopSampler.BUSY_SAMPLE + " claimed and " + TopSampler.BUSY_SAMPLE
                    + " running tasks)");
        }
    }

    private static void alerts(List<String> lines, List<ActiveAlert> alerts) {
        if (alerts.isEmpty()) {
            lines.add("active alerts: none");
            return;
        }
        TextTable table = TextTable.ofTexts("active alerts", "value", "threshold", "since");
        for (ActiveAlert alert : alerts) {
            table.row(alert.name(), alert.value(), alert.threshold(), TIME.format(alert.since()));
        }
        lines.addAll(table.render(""));
    }

    private static void slowOperations(List<String> lines, List<SlowOperation> operations) {
        String title = "slow operations in the last " + SlowOperations.WINDOW.toMinutes() + " min";
        if (operations.isEmpty()) {
            lines.add(title + ": none");
            return;
        }
        lines.add(title + ", newest first:");
        TextTable table = TextTable.ofTexts("at", "operation", "millis", "outcome", "statements");
        for (SlowOperation operation : operations) {
            table.row(TIME.format(operation.at()), operation.operation(), operation.millis(), operation.outcome(),
                    operation.statements());
        }
        lines.addAll(table.render("  "));
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 1_000_000 ? "%.1f" : "%.3g", perSecond);
    }

    private static String describe(Duration refresh) {
        return refresh.toMillis() % 1000 == 0 ? refresh.toSeconds() + "s" : refresh.toMillis() + "ms";
    }

    private static String pad(String label) {
        return label.length() >= LABEL ? label + " " : label + " ".repeat(LABEL - label.length());
    }

    /** The line, cut to {@code width} with a final {@code …} when longer. */
    private static String fit(String line, int width) {
        return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
