package dev.agenthive.api.service;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of the task work queue. */
public interface TaskService {

    /** Enqueues a task; a repeated idempotency key returns the first task. */
    Task enqueue(NewTask task);

    Optional<Task> find(String taskId);

    /** @throws dev.agenthive.api.error.NotFoundException no such task */
    Task get(String taskId);

    /**
     * Claims up to {@code maxTasks} tasks the agent is capable of, with the configured lease,
     * waiting up to {@code wait} (zero: not at all) for work to arrive. The agent must be
     * registered and live; its registered capabilities decide what it may claim.
     *
     * @return the claimed tasks, empty if none arrived within {@code wait}
     */
    List<Task> claim(String agentId, int maxTasks, Duration wait) throws InterruptedException;

    /** Like {@link #claim(String, int, Duration)} with an explicit lease length. */
    List<Task> claim(String agentId, int maxTasks, Duration lease, Duration wait) throws InterruptedException;

    Task start(String taskId, long leaseToken);

    /** Extends the lease by the configured lease length. */
    Task heartbeat(String taskId, long leaseToken);

    Task complete(String taskId, long leaseToken, Json result);

    /** Fails the task; retryable failures go back to the queue with exponential backoff until attempts run out. */
    Task fail(String taskId, long leaseToken, Json error, boolean retryable);

    /** Cancels the task and its whole subtree. @return number cancelled */
    int cancel(String taskId);

    List<Task> subtree(String taskId);

    List<Task> list(TaskQuery query);

    Map<TaskStatus, Long> countByStatus();

    /** Returns expired leases to the queue. @return number of tasks moved */
    int requeueExpired();
}
