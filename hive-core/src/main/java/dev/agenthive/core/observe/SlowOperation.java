package dev.agenthive.core.observe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One service call that took longer than {@code hive.slow-operation}.
 *
 * @param operation  {@code <service>.<method>}, e.g. {@code tasks.claim}
 * @param millis     how long the call took, in whole milliseconds
 * @param outcome    {@code success}, the lower-case {@link dev.agenthive.api.error.ErrorCode} of the
 *                   {@link dev.agenthive.api.error.HiveException} it threw, or {@code error}
 * @param statements the distinct statements it ran, in the order they first ran, by mapper and statement
 *                   name (e.g. {@code TaskMapper.claim}); at most {@link SlowOperations#STATEMENTS_KEPT}
 * @param endedAt    when the call returned
 */
public record SlowOperation(String operation, long millis, String outcome, List<String> statements, Instant endedAt) {
    public SlowOperation {
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(outcome, "outcome is null");
        statements = List.copyOf(Objects.requireNonNull(statements, "statements is null"));
        Objects.requireNonNull(endedAt, "endedAt is null");
    }
}
