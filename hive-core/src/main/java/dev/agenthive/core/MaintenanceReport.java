package dev.agenthive.core;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of one maintenance round.
 *
 * @param requeuedTasks     tasks whose lease had expired, moved back to the queue (or dead)
 * @param crashedAgents     agents marked crashed for a stale heartbeat
 * @param purgedMessages    expired messages deleted
 * @param purgedMemory      expired shared-memory entries deleted
 * @param purgedEvents      events deleted by retention
 * @param flushedAccessKeys shared-memory keys whose read counts were written
 * @param failures          one line per job that failed ({@code "job: message"}); the others still ran
 */
public record MaintenanceReport(
        int requeuedTasks,
        List<String> crashedAgents,
        int purgedMessages,
        int purgedMemory,
        int purgedEvents,
        int flushedAccessKeys,
        List<String> failures) {

    public MaintenanceReport {
        crashedAgents = List.copyOf(Objects.requireNonNull(crashedAgents, "crashedAgents is null"));
        failures = List.copyOf(Objects.requireNonNull(failures, "failures is null"));
    }

    /** Whether every job ran without an exception. */
    public boolean succeeded() {
        return failures.isEmpty();
    }
}
