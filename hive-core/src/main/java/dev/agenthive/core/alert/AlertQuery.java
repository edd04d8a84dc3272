package dev.agenthive.core.alert;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.store.HiveStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The counts over the store an alert rule can watch ({@code query:<name>}). Each is one count that
 * an index serves, cheap enough for every maintenance round. The windowed ones count what happened in
 * the rule's window up to now, so they fall back by themselves once it stops happening.
 */
public enum AlertQuery {
    /** Tasks waiting to be claimed: pending (on a dependency) plus queued. Ignores the window. */
    QUEUE_DEPTH("queue.depth", false) {
        @Override
        long count(HiveStore store, Instant since) {
            return store.tasks().countWaiting();
        }
    },
    /**
     * Tasks that became dead in the window (dead letters: their attempts were used up), whether by a
     * failure or by an expired last lease. Dead tasks stay dead, so their total would never let the
     * alert clear.
     */
    TASKS_DEAD("tasks.dead", true) {
        @Override
        long count(HiveStore store, Instant since) {
            return store.tasks().countDeadSince(since);
        }
    },
    /**
     * Agents marked crashed in the window ({@code agent.crashed} events). A crashed agent keeps that
     * status until it registers again, so the number of agents in it would never let the alert clear.
     */
    AGENTS_CRASHED("agents.crashed", true) {
        @Override
        long count(HiveStore store, Instant since) {
            return store.events().countSince(since, "agent.crashed", null);
        }
    },
    /** Events of severity error or critical in the window. */
    EVENTS_ERRORS("events.errors", true) {
        @Override
        long count(HiveStore store, Instant since) {
            return store.events().countSince(since, null, Severity.ERROR);
        }
    },
    /** Slow operations in the window ({@code operation.slow} events). */
    OPERATIONS_SLOW("operations.slow", true) {
        @Override
        long count(HiveStore store, Instant since) {
            return store.events().countSince(since, "operation.slow", null);
        }
    };

    private final String queryName;
    private final boolean windowed;

    AlertQuery(String queryName, boolean windowed) {
        this.queryName = queryName;
        this.windowed = windowed;
    }

    /** The count, of what happened since {@code now - window} for a windowed query. */
    long value(HiveStore store, Instant now, Duration window) {
        return count(store, now.minus(window));
    }

    abstract long count(HiveStore store, Instant since);

    /** The name after {@code query:}, e.g. {@code queue.depth}. */
    public String queryName() {
        return queryName;
    }

    /** Whether the count is of what happened in the rule's window (else it is a level now). */
    public boolean windowed() {
        return windowed;
    }

    /** Every query's name. */
    public static List<String> names() {
        return Arrays.stream(values()).map(AlertQuery::queryName).toList();
    }

    /**
     * The query of that name.
     *
     * @param key the configuration key the name was set under, named by the failure
     * @throws InvalidInputException no query has that name
     */
    static AlertQuery named(String name, String key) {
        for (AlertQuery query : values()) {
            if (query.queryName.equals(name.trim())) {
                return query;
            }
        }
        throw new InvalidInputException(key, "names no query: 'query:" + name + "', the queries are " + names());
    }
}
