package dev.agenthive.api.project;

import dev.agenthive.api.task.TaskStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How far the tasks of a project or epic are. A project counts the distinct tasks linked to it or
 * to any of its epics; an epic counts its own.
 *
 * @param projectId       the project or epic
 * @param byStatus        number of tasks per status; every {@link TaskStatus} is a key, zero included
 * @param total           number of distinct tasks
 * @param completed       tasks in {@link TaskStatus#COMPLETED}
 * @param percentComplete {@code 100 * completed / (total - cancelled)}; 0 when that is no task
 */
public record ProjectProgress(
        String projectId,
        Map<TaskStatus, Long> byStatus,
        long total,
        long completed,
        double percentComplete) {

    public ProjectProgress {
        Objects.requireNonNull(projectId, "projectId is null");
        byStatus = Map.copyOf(Objects.requireNonNull(byStatus, "byStatus is null"));
    }

    /** The progress of {@code projectId} from its task counts; missing statuses count zero. */
    public static ProjectProgress of(String projectId, Map<TaskStatus, Long> counts) {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        long total = 0;
        for (TaskStatus status : TaskStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            byStatus.put(status, count);
            total += count;
        }
        long completed = byStatus.get(TaskStatus.COMPLETED);
        long counted = total - byStatus.get(TaskStatus.CANCELLED);
        double percent = counted == 0 ? 0.0 : 100.0 * completed / counted;
        return new ProjectProgress(projectId, byStatus, total, completed, percent);
    }

    /** Tasks in {@code status}. */
    public long count(TaskStatus status) {
        return byStatus.get(Objects.requireNonNull(status, "status is null"));
    }
}
