package dev.agenthive.core;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the events the platform records about itself (crashed agents, dead tasks, evaluated
 * checkpoints, pull request changes).
 */
final class SystemEvents {
    static final String AGENT_CRASHED = "agent.crashed";
    static final String TASK_DEAD = "task.dead";
    static final String CHECKPOINT_PASSED = "checkpoint.passed";
    static final String CHECKPOINT_FAILED = "checkpoint.failed";
    static final String PULL_REQUEST_OPENED = "pull_request.opened";
    static final String PULL_REQUEST_MERGED = "pull_request.merged";
    static final String PULL_REQUEST_CLOSED = "pull_request.closed";
    static final String PULL_REQUEST_REOPENED = "pull_request.reopened";

    /** Stands for an embedded JSON value that the event's details could not hold within the limits. */
    static final String OMITTED = "(omitted: beyond hive.json.max-depth or hive.json.max-bytes once embedded)";

    private final IdGenerator ids;
    private final Clock clock;
    private final JsonCodec codec;

    SystemEvents(IdGenerator ids, Clock clock, JsonCodec codec) {
        this.ids = ids;
        this.clock = clock;
        this.codec = codec;
    }

    Event create(String type, Severity severity, String agentId, String correlationId, Map<String, ?> details) {
        return new Event(ids.next(), type, severity, agentId, correlationId, detailsOf(details), clock.instant());
    }

    /**
     * The details as JSON. An embedded JSON value (a task's error, a checkpoint's result) kept the
     * {@code hive.json.*} limits on its own, but one level deeper and with its neighbours it may not,
     * and every store refuses such details; it is then left out, saying so, rather than losing the event.
     */
    private Json detailsOf(Map<String, ?> details) {
        Json json = codec.object(details);
        if (details.values().stream().noneMatch(Json.class::isInstance)) {
            return json;
        }
        try {
            codec.validate(json, "event.details");
            return json;
        } catch (InvalidInputException e) {
            Map<String, Object> kept = new LinkedHashMap<>();
            details.forEach((key, value) -> kept.put(key, value instanceof Json ? OMITTED : value));
            return codec.object(kept);
        }
    }
}
