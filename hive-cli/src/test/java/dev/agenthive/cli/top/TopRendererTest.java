package dev.agenthive.cli.top;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.top.TopSnapshot.ActiveAlert;
import dev.agenthive.cli.top.TopSnapshot.AgentLoad;
import dev.agenthive.cli.top.TopSnapshot.SlowOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopRendererTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:34:56Z");

    @Test
    void showsEveryFigureOfTheSnapshot() {
        String view = String.join("\n", TopRenderer.render(busy(), 100));

        assertThat(view)
                .startsWith("hive top   sqlite:/data/hive.db   12:34:56 UTC   every 1s")
                .containsPattern("agents\\s+active 4   idle 1   sleeping 0   crashed 2   terminated 0")
                .contains("pending 3", "queued 120", "claimed 5", "running 4", "completed 1876", "failed 1",
                        "cancelled 0", "dead 7")
                .containsPattern("throughput\\s+152\\.5 tasks/s   peak 201\\.0/s in 1 min   ▁▄█▆")
                .containsPattern("inbox\\s+12 messages pending")
                .containsPattern("cache\\s+hit ratio 75\\.0% of 400 reads in this process")
                .containsPattern("agent-2\\s+3\\s+1\n")
                .containsPattern("agent-1\\s+2\\s+0\n")
                .containsPattern("queue-depth\\s+1500\\s+1000\\s+12:30:01")
                .contains("slow operations in the last 10 min, newest first:")
                .containsPattern("12:33:10\\s+tasks\\.claim\\s+312\\s+ok\\s+claim,insertEvent");
        assertThat(view.indexOf("agent-2")).isLessThan(view.indexOf("agent-1"));
    }

    @Test
    void aQuietHiveSaysSoInsteadOfEmptyTables() {
        TopSnapshot quiet = new TopSnapshot("sqlite:/data/hive.db", NOW, Duration.ofMillis(500), Map.of(), List.of(),
                false, Map.of(), OptionalDouble.empty(), List.of(), 0, List.of(), List.of(), 0, 0);

        List<String> lines = TopRenderer.render(quiet, 80);

        assertThat(lines.get(0)).endsWith("every 500ms");
        assertThat(lines).contains(
                "agents      active 0   idle 0   sleeping 0   crashed 0   terminated 0",
                "throughput  measuring (from the second refresh on)",
                "cache       hit ratio n/a (no cache reads in this process)",
                "busiest agents: none holds a task",
                "active alerts: none",
                "slow operations in the last 10 min: none");
    }

    @Test
    void anEmptyHistoryDrawsNoSparkline() {
        TopSnapshot snapshot = withThroughput(OptionalDouble.of(0), List.of());

        assertThat(TopRenderer.render(snapshot, 120)).contains("throughput  0.0 tasks/s   peak 0.0/s in 1 min   ");
    }

    @Test
    void theSparklineShowsTheNewestSamplesThatFitAndNeverMoreThanAMinute() {
        List<Double> history = new ArrayList<>(Collections.nCopies(100, 1.0));
        history.set(99, 2.0);
        TopSnapshot snapshot = withThroughput(OptionalDouble.of(2), history);

        String wide = throughputLine(TopRenderer.render(snapshot, 500));
        String narrow = throughputLine(TopRenderer.render(snapshot, 60));

        assertThat(sparkline(wide)).hasSize(60).endsWith("▅█");
        assertThat(narrow).hasSize(60);
        assertThat(sparkline(narrow)).endsWith("▅█").hasSizeLessThan(60);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12, 20, 33, 40, 60, 80, 100})
    void noLineIsWiderThanTheTerminal(int width) {
        assertThat(TopRenderer.render(busy(), width)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
        assertThat(TopRenderer.render(huge(), width)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
    }

    @Test
    void onANarrowTerminalTheCountsWrapRatherThanGetCut() {
        List<String> lines = TopRenderer.render(busy(), 40);

        String view = String.join("\n", lines);
        for (String count : List.of("active 4", "idle 1", "sleeping 0", "crashed 2", "terminated 0", "pending 3",
                "queued 120", "claimed 5", "running 4", "completed 1876", "failed 1", "cancelled 0", "dead 7")) {
            assertThat(view).contains(count);
        }
        assertThat(lines).contains("tasks       pending 3   queued 120", "            claimed 5   running 4");
    }

    @Test
    void hugeNumbersAreShownWhole() {
        String view = String.join("\n", TopRenderer.render(huge(), 200));

        assertThat(view).contains("completed " + Long.MAX_VALUE, "active " + Long.MAX_VALUE,
                Long.MAX_VALUE + " messages pending", "1.84e+19 tasks/s");
    }

    @Test
    void refusesAWidthBelowOne() {
        assertThatThrownBy(() -> TopRenderer.render(busy(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("width must be at least 1, was 0");
    }

    private static String throughputLine(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("throughput")).findFirst().orElseThrow();
    }

    private static String sparkline(String throughputLine) {
        return throughputLine.substring(throughputLine.lastIndexOf("min   ") + "min   ".length());
    }

    private static TopSnapshot busy() {
        return new TopSnapshot("sqlite:/data/hive.db", NOW, Duration.ofSeconds(1),
                Map.of(AgentStatus.ACTIVE, 4L, AgentStatus.IDLE, 1L, AgentStatus.CRASHED, 2L),
                List.of(new AgentLoad("agent-2", 3, 1), new AgentLoad("agent-1", 2, 0)), false,
                Map.of(TaskStatus.PENDING, 3L, TaskStatus.QUEUED, 120L, TaskStatus.CLAIMED, 5L, TaskStatus.RUNNING, 4L,
                        TaskStatus.COMPLETED, 1876L, TaskStatus.FAILED, 1L, TaskStatus.DEAD, 7L),
                OptionalDouble.of(152.5), List.of(0.0, 100.0, 201.0, 152.5), 12,
                List.of(new SlowOperation(Instant.parse("2025-03-01T12:33:10Z"), "tasks.claim", "312", "ok",
                        "claim,insertEvent")),
                List.of(new ActiveAlert("queue-depth", "1500", "1000", Instant.parse("2025-03-01T12:30:01Z"))),
                300, 100);
    }

    private static TopSnapshot huge() {
        Map<AgentStatus, Long> agents = Map.of(AgentStatus.ACTIVE, Long.MAX_VALUE, AgentStatus.CRASHED, Long.MAX_VALUE);
        Map<TaskStatus, Long> tasks = Map.of(TaskStatus.QUEUED, Long.MAX_VALUE, TaskStatus.COMPLETED, Long.MAX_VALUE);
        String longId = "agent-" + "x".repeat(300);
        return new TopSnapshot("postgresql://hive@" + "db".repeat(100) + "/hive", NOW, Duration.ofHours(2), agents,
                List.of(new AgentLoad(longId, Integer.MAX_VALUE, Integer.MAX_VALUE)), true, tasks,
                OptionalDouble.of(Long.MAX_VALUE * 2.0), Collections.nCopies(60, Double.MAX_VALUE), Long.MAX_VALUE,
                List.of(new SlowOperation(NOW, "op-" + "y".repeat(300), String.valueOf(Long.MAX_VALUE), "error",
                        "s".repeat(500))),
                List.of(new ActiveAlert("alert-" + "z".repeat(300), "1e300", "1", NOW)),
                Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private static TopSnapshot withThroughput(OptionalDouble throughput, List<Double> history) {
        return new TopSnapshot("sqlite:/data/hive.db", NOW, Duration.ofSeconds(1), Map.of(), List.of(), false, Map.of(),
                throughput, history, 0, List.of(), List.of(), 0, 0);
    }
}
