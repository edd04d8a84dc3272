package dev.agenthive.api.task;

import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driven port: the task work queue. Every transition is one atomic conditional update: a task is
 * never claimed twice nor completed twice. Lease times are judged by the store's clock.
 * Operations on a leased task must present the {@link Task#leaseToken()} the claim returned; a
 * stale token fails with {@link dev.agenthive.api.error.ErrorCode#LEASE_LOST}.
 */
public interface TaskRepository {

    /**
     * Creates a task in {@link TaskStatus#QUEUED} (or {@link TaskStatus#PENDING} while a dependency
     * is not completed). When the idempotency key is already used, returns that task unchanged.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the parent or a dependency does not exist
     * @throws dev.agenthive.api.error.InvalidInputException the payload is not valid JSON
     */
    Task enqueue(String id, NewTask task);

    Optional<Task> find(String id);

    /** Finds the task created with this idempotency key. */
    Optional<Task> findByIdempotencyKey(String idempotencyKey);

    /**
     * Leases up to {@code maxTasks} claimable tasks, highest priority first, then oldest. Expired
     * leases are returned to the queue first. Each claimed task gets a new, larger lease token and
     * one more attempt.
     *
     * @return the claimed tasks, possibly none
     */
    List<Task> claim(ClaimRequest request);

    /** CLAIMED to RUNNING. */
    Task start(String id, long leaseToken);

    /** Extends the lease of a claimed or running task to now plus {@code lease}. */
    Task heartbeat(String id, long leaseToken, Duration lease);

    /** CLAIMED or RUNNING to COMPLETED with a result. */
    Task complete(String id, long leaseToken, Json result);

    /**
     * Records a failure. Retryable with attempts left: back to QUEUED, claimable after
     * {@code backoff}; retryable without attempts left: DEAD; not retryable: FAILED.
     */
    Task fail(String id, long leaseToken, Json error, boolean retryable, RetryBackoff backoff);

    /**
     * Cancels the task and every non-terminal task below it.
     *
     * @return number of tasks cancelled
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the task itself is already terminal
     */
    int cancel(String id);

    /** The task and all its descendants, parents before children. */
    List<Task> subtree(String rootId);

    /**
     * Returns every task whose lease has expired to the queue (or to DEAD when its attempts are
     * used up).
     *
     * @return number of tasks moved
     */
    int requeueExpired(RetryBackoff backoff);

    /**
     * Takes back every task leased to the agent, as if its lease had expired now.
     *
     * @return number of tasks moved
     */
    int releaseAgentTasks(String agentId, RetryBackoff backoff);

    List<Task> list(TaskQuery query);

    /** Number of tasks per status; every status is a key, zero included. */
    Map<TaskStatus, Long> countByStatus();

    /**
     * Number of tasks waiting to run, the queue depth: {@link TaskStatus#PENDING} (on a dependency) plus
     * {@link TaskStatus#QUEUED} (those held back by a retry delay included). Stores count them through
     * the index on status, reading only the waiting tasks however many finished ones the table holds;
     * the default adds up {@link #countByStatus()}, which counts them all.
     */
    default long countWaiting() {
        Map<TaskStatus, Long> byStatus = countByStatus();
        return byStatus.getOrDefault(TaskStatus.PENDING, 0L) + byStatus.getOrDefault(TaskStatus.QUEUED, 0L);
    }

    /**
     * Number of tasks that became {@link TaskStatus#DEAD} at or after {@code since} (by their
     * {@link Task#finishedAt()}), for the dead-letter alert: dead tasks stay dead, so their total only
     * grows, while this count falls again once no task dies for a while.
     *
     * @throws HiveException {@code UNSUPPORTED} by default, for stores written before this count
     */
    default long countDeadSince(Instant since) {
        throw new HiveException(ErrorCode.UNSUPPORTED, getClass().getName() + " does not support countDeadSince");
    }
}
