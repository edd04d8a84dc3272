package dev.agenthive.cli.top;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.cli.top.TopSnapshot.AgentLoad;
import dev.agenthive.core.Hive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Reads one refresh of {@code hive top} from a hive's services, read-only: the counts of agents and
 * tasks by status and of pending messages, the claimed and running tasks (a bounded list, to rank the
 * busiest agents), and the slow-operation and alert events that arrived since the previous refresh.
 * Eight queries when nothing happened, each served by an index; only the two counts by status scan
 * their whole index (as {@code hive status} does), and no query reads every row of a table. Keeps
 * what a refresh needs from the previous ones (completed count, throughput history, alerts). Not
 * thread-safe.
 */
final class TopSampler {
    /** Claimed and running tasks read, each, to rank the busiest agents: far more than agents hold at once. */
    static final int BUSY_SAMPLE = 500;
    /** Agents listed as the busiest. */
    static final int BUSIEST_SHOWN = 5;

    private final Hive hive;
    private final Duration refresh;
    private final Clock clock;
    private final ThroughputHistory throughput = new ThroughputHistory();
    private final SlowOperations slowOperations = new SlowOperations();
    private final ActiveAlerts alerts = new ActiveAlerts();
    private final EventTail slowTail;
    private final EventTail raisedTail;
    private final EventTail clearedTail;

    /**
     * @param hive    the hive to read
     * @param refresh the time between refreshes, shown in the view
     * @param clock   the time of each refresh; slow operations are those of the last ten minutes by it
     */
    TopSampler(Hive hive, Duration refresh, Clock clock) {
        this.hive = Objects.requireNonNull(hive, "hive is null");
        this.refresh = Objects.requireNonNull(refresh, "refresh is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        Instant now = clock.instant();
        this.slowTail = new EventTail(hive.events(), SlowOperations.TYPE, now.minus(SlowOperations.WINDOW));
        // An alert raised long ago may still be active, so its whole history is read once.
        this.raisedTail = new EventTail(hive.events(), ActiveAlerts.RAISED, Instant.EPOCH);
        this.clearedTail = new EventTail(hive.events(), ActiveAlerts.CLEARED, Instant.EPOCH);
    }

    /** Reads the figures of one refresh. */
    TopSnapshot next() {
        Instant now = clock.instant();
        Map<AgentStatus, Long> agents = hive.agents().countByStatus();
        Map<TaskStatus, Long> tasks = hive.tasks().countByStatus();
        OptionalDouble rate = throughput.record(tasks.getOrDefault(TaskStatus.COMPLETED, 0L), System.nanoTime());
        List<Task> claimed = hive.tasks().list(TaskQuery.byStatus(TaskStatus.CLAIMED, BUSY_SAMPLE));
        List<Task> running = hive.tasks().list(TaskQuery.byStatus(TaskStatus.RUNNING, BUSY_SAMPLE));
        boolean partial = claimed.size() == BUSY_SAMPLE || running.size() == BUSY_SAMPLE;
        long backlog = hive.messages().countPending(null);
        slowTail.poll().forEach(slowOperations::accept);
        raisedTail.poll().forEach(alerts::accept);
        clearedTail.poll().forEach(alerts::accept);
        CacheStats cache = hive.cacheStats().values().stream().reduce(CacheStats.EMPTY, CacheStats::plus);
        return new TopSnapshot(hive.location(), now, refresh, agents, busiest(claimed, running), partial, tasks, rate,
                throughput.lastMinute(), backlog, slowOperations.recent(now), alerts.active(), cache.hits(),
                cache.misses());
    }

    /** The {@link #BUSIEST_SHOWN} agents holding the most of these tasks, most first, then by id. */
    static List<AgentLoad> busiest(List<Task> claimed, List<Task> running) {
        Map<String, int[]> counts = new HashMap<>();
        for (Task task : claimed) {
            if (task.assignedAgent() != null) {
                counts.computeIfAbsent(task.assignedAgent(), agent -> new int[2])[0]++;
            }
        }
        for (Task task : running) {
            if (task.assignedAgent() != null) {
                counts.computeIfAbsent(task.assignedAgent(), agent -> new int[2])[1]++;
            }
        }
        List<AgentLoad> loads = new ArrayList<>(counts.size());
        counts.forEach((agent, held) -> loads.add(new AgentLoad(agent, held[0], held[1])));
        loads.sort(Comparator.comparingInt(AgentLoad::total).reversed().thenComparing(AgentLoad::agentId));
        return loads.subList(0, Math.min(BUSIEST_SHOWN, loads.size()));
    }
}
