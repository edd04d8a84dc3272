package dev.agenthive.core;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
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

    private final IdGenerator ids;
    private final Clock clock;
    private final JsonCodec codec;

    SystemEvents(IdGenerator ids, Clock clock, JsonCodec codec) {
        this.ids = ids;
        this.clock = clock;
        this.codec = codec;
    }

    Event create(String type, Severity severity, String agentId, String correlationId, Map<String, ?> details) {
        return new Event(ids.next(), type, severity, agentId, correlationId, codec.object(details), clock.instant());
    }
}
