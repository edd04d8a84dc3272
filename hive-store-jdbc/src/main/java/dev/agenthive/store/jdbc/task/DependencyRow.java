package dev.agenthive.store.jdbc.task;

/** One row of {@code task_dependencies}: {@code taskId} waits for {@code dependsOnId}. */
public record DependencyRow(String taskId, String dependsOnId) {
}
