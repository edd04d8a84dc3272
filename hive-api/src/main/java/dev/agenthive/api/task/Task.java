package dev.agenthive.api.task;

import dev.agenthive.api.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A task as stored.
 *
 * @param id                   generated, time-ordered identifier
 * @param title                short human-readable title
 * @param description          longer text, may be {@code null}
 * @param type                 free-text kind of work
 * @param status               state in the queue
 * @param priority             higher is claimed first
 * @param parentId             parent task in the hierarchy, or {@code null}
 * @param dependencies         tasks that must complete before this one is queued
 * @param assignedAgent        lease holder while claimed or running, otherwise the last holder or {@code null}
 * @param requiredCapabilities an agent must have all of them to claim the task
 * @param payload              input of the work
 * @param result               output of a completed task, or {@code null}
 * @param error                last failure, or {@code null}
 * @param attempts             claims so far
 * @param maxAttempts          claims allowed before the task goes {@link TaskStatus#DEAD}
 * @param leaseToken           fencing token: increases with every claim; 0 before the first claim
 * @param leaseUntil           end of the current lease, or {@code null} when not leased
 * @param availableAt          not claimable before this instant (retry backoff)
 * @param idempotencyKey       a second enqueue with the same key returns this task, or {@code null}
 * @param createdAt            enqueue time
 * @param updatedAt            last change
 * @param finishedAt           when it reached a terminal state, or {@code null}
 */
public record Task(
        String id,
        String title,
        String description,
        String type,
        TaskStatus status,
        int priority,
        String parentId,
        List<String> dependencies,
        String assignedAgent,
        Set<String> requiredCapabilities,
        Json payload,
        Json result,
        Json error,
        int attempts,
        int maxAttempts,
        long leaseToken,
        Instant leaseUntil,
        Instant availableAt,
        String idempotencyKey,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public Task {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(status, "status is null");
        dependencies = List.copyOf(Objects.requireNonNull(dependencies, "dependencies is null"));
        requiredCapabilities = Set.copyOf(Objects.requireNonNull(requiredCapabilities, "requiredCapabilities is null"));
        Objects.requireNonNull(payload, "payload is null");
        Objects.requireNonNull(availableAt, "availableAt is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
