package dev.agenthive.store.jdbc.task;

import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.KeyCount;
import org.apache.ibatis.annotations.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** SQL of the task queue; statements in {@code TaskMapper.xml}. */
public interface TaskMapper {

    /** Inserts the row and returns it as stored, or null when a task with its idempotency key exists. */
    TaskRow insert(@Param("t") TaskRow row);

    int insertDependency(@Param("taskId") String taskId, @Param("dependsOnId") String dependsOnId,
                         @Param("ordinal") int ordinal);

    TaskRow find(@Param("id") String id);

    TaskRow findByIdempotencyKey(@Param("key") String key);

    List<DependencyRow> dependencies(@Param("ids") Collection<String> ids);

    List<String> existing(@Param("ids") Collection<String> ids);

    int countIncomplete(@Param("ids") Collection<String> ids);

    List<LeaseRow> expiredLeases(@Param("now") Instant now);

    List<LeaseRow> agentLeases(@Param("agentId") String agentId);

    int requeue(@Param("id") String id, @Param("token") long leaseToken, @Param("leaseUntil") Instant leaseUntil,
                @Param("availableAt") Instant availableAt, @Param("now") Instant now);

    int bury(@Param("id") String id, @Param("token") long leaseToken, @Param("leaseUntil") Instant leaseUntil,
             @Param("now") Instant now);

    /** What a claim with these capabilities could take now, each part counted no further than {@code horizon}. */
    ClaimableCount claimable(@Param("now") Instant now, @Param("capabilities") Set<String> capabilities,
                  @Param("horizon") int horizon);

    /** Claims up to {@code limit} tasks in queue order and returns them as claimed, in no particular order. */
    List<TaskRow> claim(@Param("now") Instant now, @Param("capabilities") Set<String> capabilities,
                        @Param("limit") int limit, @Param("agentId") String agentId,
                        @Param("leaseUntil") Instant leaseUntil);

    /** The transitions below return the changed row, or null when the guard matched no row. */
    TaskRow start(@Param("id") String id, @Param("token") long token, @Param("now") Instant now);

    TaskRow heartbeat(@Param("id") String id, @Param("token") long token, @Param("leaseUntil") Instant leaseUntil,
                      @Param("now") Instant now);

    /** @param resultBlob the blob a large result went to ({@code result} is then JSON null), or {@code null} */
    TaskRow complete(@Param("id") String id, @Param("token") long token, @Param("result") Json result,
                     @Param("resultBlob") String resultBlob, @Param("now") Instant now);

    List<String> dependents(@Param("id") String id);

    /** Locks the task's row until the transaction ends (where the database has row locks). */
    String lock(@Param("id") String id);

    /** Queues the task if it is pending and its dependencies are all completed. */
    int releaseDependent(@Param("id") String id, @Param("now") Instant now);

    TaskRow fail(@Param("id") String id, @Param("token") long token, @Param("status") TaskStatus status,
             @Param("error") Json error, @Param("availableAt") Instant availableAt,
             @Param("finishedAt") Instant finishedAt, @Param("now") Instant now);

    int cancelSubtree(@Param("id") String id, @Param("now") Instant now);

    List<TaskRow> subtree(@Param("id") String id);

    List<TaskRow> list(@Param("status") TaskStatus status, @Param("assignedAgent") String assignedAgent,
                       @Param("parentId") String parentId, @Param("limit") int limit);

    List<KeyCount> countByStatus();

    /** Pending and queued tasks. */
    long countWaiting();

    /** Dead tasks that finished at or after {@code since}. */
    long countDeadSince(@Param("since") Instant since);
}
