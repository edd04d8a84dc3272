package dev.agenthive.api.task;

import dev.agenthive.api.Checks;

/**
 * Filter for listing tasks; {@code null} fields do not filter. Ordered by creation, oldest first.
 *
 * @param status        only tasks in this state
 * @param assignedAgent only tasks assigned to this agent
 * @param parentId      only direct children of this task
 * @param limit         1..10,000
 */
public record TaskQuery(TaskStatus status, String assignedAgent, String parentId, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public TaskQuery {
        Checks.optionalId(assignedAgent, "taskQuery.assignedAgent");
        Checks.optionalId(parentId, "taskQuery.parentId");
        Checks.between(limit, 1, MAX_LIMIT, "taskQuery.limit");
    }

    public static TaskQuery byStatus(TaskStatus status, int limit) {
        return new TaskQuery(status, null, null, limit);
    }
}
