package dev.agenthive.api.task;

import dev.agenthive.api.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * State of a task in the work queue.
 *
 * <pre>
 * PENDING --(all dependencies completed)--> QUEUED --claim--> CLAIMED --start--> RUNNING
 * CLAIMED/RUNNING --complete--> COMPLETED
 * CLAIMED/RUNNING --fail(retryable), lease expiry, holder crashed--> QUEUED (after backoff) or DEAD (attempts used up)
 * CLAIMED/RUNNING --fail(not retryable)--> FAILED
 * any non-terminal --cancel--> CANCELLED
 * </pre>
 */
public enum TaskStatus {
    /** Waiting for its dependencies to complete. */
    PENDING,
    /** Ready to be claimed once its {@code availableAt} has passed. */
    QUEUED,
    /** Leased to an agent that has not started it yet. */
    CLAIMED,
    /** Leased to an agent that is working on it. */
    RUNNING,
    COMPLETED,
    /** Failed for good by the holder's decision. */
    FAILED,
    CANCELLED,
    /** Every attempt was used up: the dead-letter state. */
    DEAD;

    /** The value stored in the database and shown to users. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** No transition leaves a terminal state. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == DEAD;
    }

    /** Leased to an agent: only the lease holder may move it on. */
    public boolean isLeased() {
        return this == CLAIMED || this == RUNNING;
    }

    /** Parses a stored or user-given value, case-insensitively. */
    public static TaskStatus parse(String value) {
        if (value != null) {
            for (TaskStatus status : values()) {
                if (status.dbValue().equalsIgnoreCase(value.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidInputException("task.status", "must be one of "
                + Arrays.stream(values()).map(TaskStatus::dbValue).toList() + ", was '" + value + "'");
    }
}
