package dev.agenthive.cli.top;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.task.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The figures of one refresh of {@code hive top}, with the history the sparkline draws.
 *
 * @param location          where the store is, without credentials
 * @param takenAt           when the figures were read
 * @param refresh           the time between refreshes
 * @param agents            agents by status, every status a key
 * @param busiest           the agents holding the most claimed or running tasks, most first
 * @param busiestPartial    {@code true} when there were more claimed or running tasks than were read to rank the agents
 * @param tasks             tasks by status, every status a key
 * @param throughput        tasks completed per second since the previous refresh; empty on the first
 * @param throughputHistory the throughputs of the last minute, oldest first
 * @param inboxBacklog      messages sent and not yet acknowledged
 * @param slowOperations    the latest slow operations, newest first
 * @param activeAlerts      alerts raised and not cleared since, oldest first
 * @param cacheHits         cache hits in this process
 * @param cacheMisses       cache misses in this process
 */
record TopSnapshot(
        String location,
        Instant takenAt,
        Duration refresh,
        Map<AgentStatus, Long> agents,
        List<AgentLoad> busiest,
        boolean busiestPartial,
        Map<TaskStatus, Long> tasks,
        OptionalDouble throughput,
        List<Double> throughputHistory,
        long inboxBacklog,
        List<SlowOperation> slowOperations,
        List<ActiveAlert> activeAlerts,
        long cacheHits,
        long cacheMisses) {

    TopSnapshot {
        Objects.requireNonNull(location, "location is null");
        Objects.requireNonNull(takenAt, "takenAt is null");
        Objects.requireNonNull(refresh, "refresh is null");
        agents = complete(AgentStatus.class, agents);
        busiest = List.copyOf(busiest);
        tasks = complete(TaskStatus.class, tasks);
        Objects.requireNonNull(throughput, "throughput is null");
        throughputHistory = List.copyOf(throughputHistory);
        slowOperations = List.copyOf(slowOperations);
        activeAlerts = List.copyOf(activeAlerts);
    }

    /** A copy with every constant of {@code type} as a key, zero where {@code counts} has none, in declaration order. */
    private static <E extends Enum<E>> Map<E, Long> complete(Class<E> type, Map<E, Long> counts) {
        Map<E, Long> all = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            all.put(constant, counts.getOrDefault(constant, 0L));
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * One agent's share of the work in hand.
     *
     * @param agentId the agent
     * @param claimed its tasks claimed and not started
     * @param running its tasks started and not finished
     */
    record AgentLoad(String agentId, int claimed, int running) {
        AgentLoad {
            Objects.requireNonNull(agentId, "agentId is null");
        }

        int total() {
            return claimed + running;
        }
    }

    /**
     * One {@code operation.slow} event.
     *
     * @param at         when it was recorded
     * @param operation  the operation, e.g. {@code tasks.claim}
     * @param millis     how long it took, as recorded
     * @param outcome    how it ended, as recorded
     * @param statements the statements it ran, as recorded
     */
    record SlowOperation(Instant at, String operation, String millis, String outcome, String statements) {
        SlowOperation {
            Objects.requireNonNull(at, "at is null");
            Objects.requireNonNull(operation, "operation is null");
            Objects.requireNonNull(millis, "millis is null");
            Objects.requireNonNull(outcome, "outcome is null");
            Objects.requireNonNull(statements, "statements is null");
        }
    }

    /**
     * An alert whose latest event is {@code alert.raised}.
     *
     * @param name      the alert
     * @param value     the value that crossed the threshold, as recorded
     * @param threshold the threshold, as recorded
     * @param since     when it was raised
     */
    record ActiveAlert(String name, String value, String threshold, Instant since) {
        ActiveAlert {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(value, "value is null");
            Objects.requireNonNull(threshold, "threshold is null");
            Objects.requireNonNull(since, "since is null");
        }
    }
}
