package dev.agenthive.store.jdbc.task;

import dev.agenthive.store.jdbc.JsonContainment;
import dev.agenthive.api.Checks;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.content.LargeContents;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import org.apache.ibatis.session.SqlSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link TaskRepository} over SQL. Every transition is one conditional UPDATE whose WHERE clause
 * states the allowed source states and the lease token; when it changes no row, the row is read to
 * throw the precise exception. "Now" is the store's clock, passed into each statement.
 */
public final class JdbcTaskRepository implements TaskRepository {
    private static final String ENTITY = "task";
    /** Bounds IN lists well below every database's bind-variable limit. */
    private static final int IN_CHUNK = 500;
    /**
     * How far the pre-claim read counts claimable tasks: far enough that this process's claimers in
     * flight never look like enough for what is there, near enough that counting stays cheap.
     */
    private static final int CLAIMABLE_HORIZON = 64;

    /** The order claims hand tasks out in: the order of the claim index. */
    private static final Comparator<TaskRow> QUEUE_ORDER = Comparator.comparingInt(TaskRow::priority).reversed()
            .thenComparing(TaskRow::createdAt).thenComparing(TaskRow::id);

    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;
    private final LargeContents contents;
    /** Tasks asked for by this repository's claims now on the write path. */
    private final AtomicInteger claimsInFlight = new AtomicInteger();

    public JdbcTaskRepository(SqlExecutor executor, Clock clock, LargeContents contents, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.contents = Objects.requireNonNull(contents, "contents is null");
    }

    @Override
    public Task enqueue(String id, NewTask task) {
        Checks.id(id, "task.id");
        Checks.notNull(task, "task");
        jsonValidator.requireValid(task.payload(), "tasks_payload_json");
        LargeContents.Spilled payload = contents.spill(task.payload());
        // Row locks suffice: the idempotency key's unique index decides between racing enqueues, the
        // dependencies are locked (FOR SHARE where the database has row locks) before they are counted,
        // and the parent's foreign key locks it for the insert. Tasks are never deleted, so the
        // checks below cannot be overtaken by a removal.
        return executor.writeWithRowLocks(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            if (task.parentId() != null && mapper.find(task.parentId()) == null) {
                throw new NotFoundException(ENTITY, task.parentId());
            }
            List<String> dependencies = task.dependencies();
            boolean blocked = false;
            if (!dependencies.isEmpty()) {
                Set<String> found = new LinkedHashSet<>();
                int incomplete = 0;
                for (List<String> chunk : chunks(dependencies)) {
                    found.addAll(mapper.existing(chunk));
                    incomplete += mapper.countIncomplete(chunk);
                }
                for (String dependency : dependencies) {
                    if (!found.contains(dependency)) {
                        throw new NotFoundException(ENTITY, dependency);
                    }
                }
                blocked = incomplete > 0;
            }
            Instant now = clock.instant();
            TaskRow row = new TaskRow(id, task.title(), task.description(), task.type(),
                    blocked ? TaskStatus.PENDING : TaskStatus.QUEUED, task.priority(), task.parentId(), null,
                    task.requiredCapabilities(), payload.rowContent(), null, null, 0, task.maxAttempts(), 0L, null,
                    now.plus(task.delay()), task.idempotencyKey(), now, now, null, task.dependencies().size(),
                    payload.blobId(), null);
            TaskRow stored = mapper.insert(row);
            if (stored == null) {
                // The key's task committed before this insert (or while it waited for it).
                return load(mapper, mapper.findByIdempotencyKey(task.idempotencyKey()));
            }
            for (int i = 0; i < dependencies.size(); i++) {
                mapper.insertDependency(id, dependencies.get(i), i);
            }
            return stored.withStoredPayload(task.payload()).toTask(dependencies, contents);
        });
    }

    @Override
    public Optional<Task> find(String id) {
        Checks.id(id, "task.id");
        return executor.read(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            return Optional.ofNullable(mapper.find(id)).map(row -> load(mapper, row));
        });
    }

    @Override
    public Optional<Task> findByIdempotencyKey(String idempotencyKey) {
        Checks.id(idempotencyKey, "task.idempotencyKey");
        return executor.read(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            return Optional.ofNullable(mapper.findByIdempotencyKey(idempotencyKey)).map(row -> load(mapper, row));
        });
    }

    /**
     * Claims in one statement on the write path. Where every write queues for one connection
     * ({@link SqlExecutor#serializesWrites()}), a read first counts what there is to claim, and claims
     * that would find nothing stay off the write path: with nothing claimable the claim ends after the
     * read, and when this process already has claims in flight asking for at least as many tasks as
     * the read counted, it ends too (those claims will take them). So two hundred agents woken by one
     * task, or rechecking a short queue, send one claim to the writer, not two hundred. The count is a
     * hint read outside the claim's transaction: a claimer turned away wrongly only waits for the next
     * signal or recheck, while the claim itself decides under the write lock. The read also tells
     * whether any lease had ended; if none had, the write does not look for them (one statement less
     * for the writer), and a lease that ends in between is taken back by the next claim or by
     * {@link #requeueExpired}.
     */
    @Override
    public List<Task> claim(ClaimRequest request) {
        Checks.notNull(request, "claim");
        if (!executor.serializesWrites()) {
            return claimNow(request, true);
        }
        ClaimableCount claimable = executor.read(session -> claimable(session, request));
        if (claimable.total() == 0) {
            return List.of();
        }
        int demand = request.maxTasks();
        try {
            if (claimsInFlight.getAndAdd(demand) >= claimable.total()) {
                return List.of();
            }
            return claimNow(request, claimable.expired() > 0);
        } finally {
            claimsInFlight.addAndGet(-demand);
        }
    }

    /**
     * The agent is looked up only when the claim found nothing: a claimed row names it in
     * {@code tasks_assigned_agent_fk}, so a claim that found rows had a registered agent, and the
     * lookup would be one more statement on the hot path (a round trip on a server, a turn of the one
     * writer on SQLite).
     */
    private List<Task> claimNow(ClaimRequest request, boolean takeBackExpired) {
        return writeThenLoad(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            Instant now = clock.instant();
            if (takeBackExpired) {
                takeBack(mapper, mapper.expiredLeases(now), now, attempts -> now);
            }
            List<TaskRow> rows = new ArrayList<>(mapper.claim(now, request.capabilities(), request.maxTasks(),
                    request.agentId(), now.plus(request.lease())));
            if (rows.isEmpty() && !session.getMapper(AgentMapper.class).exists(request.agentId())) {
                throw new NotFoundException("agent", request.agentId());
            }
            rows.sort(QUEUE_ORDER);
            return rows;
        });
    }

    private ClaimableCount claimable(SqlSession session, ClaimRequest request) {
        if (!session.getMapper(AgentMapper.class).exists(request.agentId())) {
            throw new NotFoundException("agent", request.agentId());
        }
        int horizon = Math.max(CLAIMABLE_HORIZON, 4 * request.maxTasks());
        return session.getMapper(TaskMapper.class).claimable(clock.instant(), request.capabilities(), horizon);
    }

    @Override
    public Task start(String id, long leaseToken) {
        Checks.id(id, "task.id");
        return transition(id, leaseToken, TaskStatus.RUNNING, (mapper, now) -> mapper.start(id, leaseToken, now));
    }

    @Override
    public Task heartbeat(String id, long leaseToken, Duration lease) {
        Checks.id(id, "task.id");
        Checks.positive(lease, "task.lease");
        return transition(id, leaseToken, null,
                (mapper, now) -> mapper.heartbeat(id, leaseToken, now.plus(lease), now));
    }

    @Override
    public Task complete(String id, long leaseToken, Json result) {
        Checks.id(id, "task.id");
        Checks.notNull(result, "task.result");
        jsonValidator.requireValid(result, "tasks_result_json");
        LargeContents.Spilled spilled = contents.spill(result);
        return transition(id, leaseToken, TaskStatus.COMPLETED, (mapper, now) -> {
            TaskRow completed = mapper.complete(id, leaseToken, spilled.rowContent(), spilled.blobId(), now);
            if (completed == null) {
                // A retry of a completion that committed while its caller heard only an error: the same
                // lease token and the same result find the task completed so and get that outcome. Another
                // result under the same token is a second completion, refused.
                TaskRow current = mapper.find(id);
                return current != null && current.status() == TaskStatus.COMPLETED && current.leaseToken() == leaseToken
                        && sameContent(current.result(), current.resultBlob(), spilled) ? current : null;
            }
            // Each dependent is locked before its dependencies are counted: of two completions
            // racing to release it, the second counts after the first committed. Sorted ids keep
            // the lock order the same for everyone.
            for (String dependent : mapper.dependents(id)) {
                mapper.lock(dependent);
                mapper.releaseDependent(dependent, now);
            }
            return completed;
        });
    }

    @Override
    public Task fail(String id, long leaseToken, Json error, boolean retryable, RetryBackoff backoff) {
        Checks.id(id, "task.id");
        Checks.notNull(error, "task.error");
        jsonValidator.requireValid(error, "tasks_error_json");
        Checks.notNull(backoff, "backoff");
        return executor.write(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            Instant now = clock.instant();
            TaskRow current = mapper.find(id);
            if (current == null) {
                throw new NotFoundException(ENTITY, id);
            }
            TaskStatus next;
            Instant availableAt = current.availableAt();
            Instant finishedAt = now;
            if (!retryable) {
                next = TaskStatus.FAILED;
            } else if (current.attempts() < current.maxAttempts()) {
                next = TaskStatus.QUEUED;
                availableAt = now.plus(backoff.delayAfter(current.attempts()));
                finishedAt = null;
            } else {
                next = TaskStatus.DEAD;
            }
            TaskRow failed = mapper.fail(id, leaseToken, next, error, availableAt, finishedAt, now);
            if (failed == null) {
                TaskRow again = mapper.find(id);
                if (repeatsFailure(again, leaseToken, error)) {
                    return load(mapper, again);
                }
                throw refusal(again, id, leaseToken, next);
            }
            return load(mapper, failed);
        });
    }

    @Override
    public int cancel(String id) {
        Checks.id(id, "task.id");
        return executor.write(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            TaskRow root = mapper.find(id);
            if (root == null) {
                throw new NotFoundException(ENTITY, id);
            }
            if (root.status().isTerminal()) {
                throw new InvalidStateTransitionException(ENTITY, id, root.status().dbValue(),
                        TaskStatus.CANCELLED.dbValue());
            }
            return mapper.cancelSubtree(id, clock.instant());
        });
    }

    @Override
    public List<Task> subtree(String rootId) {
        Checks.id(rootId, "task.id");
        return executor.read(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            return withDependencies(mapper, mapper.subtree(rootId));
        });
    }

    @Override
    public int requeueExpired(RetryBackoff backoff) {
        Checks.notNull(backoff, "backoff");
        return executor.write(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            Instant now = clock.instant();
            return takeBack(mapper, mapper.expiredLeases(now), now, attempts -> now.plus(backoff.delayAfter(attempts)));
        });
    }

    @Override
    public int releaseAgentTasks(String agentId, RetryBackoff backoff) {
        Checks.id(agentId, "agent.id");
        Checks.notNull(backoff, "backoff");
        return executor.write(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            Instant now = clock.instant();
            return takeBack(mapper, mapper.agentLeases(agentId), now, attempts -> now.plus(backoff.delayAfter(attempts)));
        });
    }

    @Override
    public List<Task> list(TaskQuery query) {
        Checks.notNull(query, "taskQuery");
        return executor.read(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            return withDependencies(mapper,
                    mapper.list(query.status(), query.assignedAgent(), query.parentId(), query.limit()));
        });
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        List<KeyCount> rows = executor.read(session -> session.getMapper(TaskMapper.class).countByStatus());
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        rows.forEach(row -> counts.put(TaskStatus.parse(row.key()), row.count()));
        return Map.copyOf(counts);
    }

    @Override
    public long countWaiting() {
        return executor.read(session -> session.getMapper(TaskMapper.class).countWaiting());
    }

    @Override
    public long countDeadSince(Instant since) {
        Checks.notNull(since, "since");
        return executor.read(session -> session.getMapper(TaskMapper.class).countDeadSince(since));
    }

    /**
     * A transition guarded by the lease token; {@code target} names the refused state, null for a
     * lease extension. The update itself checks token and status on the row it locks, so the
     * transition needs no stronger isolation than row locks give.
     */
    private Task transition(String id, long leaseToken, TaskStatus target, Update update) {
        return writeThenLoad(session -> {
            TaskMapper mapper = session.getMapper(TaskMapper.class);
            TaskRow changed = update.apply(mapper, clock.instant());
            if (changed == null) {
                throw refusal(mapper.find(id), id, leaseToken, target);
            }
            return List.of(changed);
        }).get(0);
    }

    /**
     * Runs row-locked write work and returns the tasks of the rows it returns, with their
     * dependencies. Dependencies are written once, with their task, so reading them after the write
     * committed gives the same lists; where writes take turns ({@link SqlExecutor#serializesWrites()},
     * SQLite's one writer) they are read then, by a reader, so that the writer's turn is a statement
     * shorter. Elsewhere the write reads them itself, saving a transaction.
     */
    private List<Task> writeThenLoad(Function<SqlSession, List<TaskRow>> write) {
        if (!executor.serializesWrites()) {
            return executor.writeWithRowLocks(session -> withDependencies(session.getMapper(TaskMapper.class), write.apply(session)));
        }
        List<TaskRow> rows = executor.writeWithRowLocks(write);
        if (rows.stream().noneMatch(TaskRow::hasDependencies)) {
            return rows.stream().map(row -> row.toTask(List.of(), contents)).toList();
        }
        Function<SqlSession, List<Task>> load = session -> withDependencies(session.getMapper(TaskMapper.class), rows);
        return rows.size() <= IN_CHUNK ? executor.readStatement(load) : executor.read(load);
    }

    /** Whether a row's content column and blob hold {@code spilled}: the same blob, or equal JSON values. */
    private static boolean sameContent(Json rowContent, String blobId, LargeContents.Spilled spilled) {
        if (blobId != null || spilled.blobId() != null) {
            return Objects.equals(blobId, spilled.blobId());
        }
        return rowContent != null && JsonContainment.contains(rowContent.text(), spilled.rowContent().text())
                && JsonContainment.contains(spilled.rowContent().text(), rowContent.text());
    }

    /**
     * Whether {@code current} is where this very failure left the task: a retry of a {@code fail}
     * that committed while its caller heard only an error. The lease token and the recorded error
     * must both be this call's, since a lease that ran out also leaves the token on a queued (or
     * dead) row, without the error.
     */
    private static boolean repeatsFailure(TaskRow current, long leaseToken, Json error) {
        return current != null && current.leaseToken() == leaseToken && current.error() != null
                && (current.status() == TaskStatus.FAILED || current.status() == TaskStatus.QUEUED
                    || current.status() == TaskStatus.DEAD)
                && JsonContainment.contains(current.error().text(), error.text())
                && JsonContainment.contains(error.text(), current.error().text());
    }

    /**
     * The precise reason a guarded transition changed nothing: the task is missing, another claim
     * holds a newer lease (or the caller's lease ran out and the task went back to the queue), or the
     * current state does not allow the transition.
     */
    private static RuntimeException refusal(TaskRow current, String id, long leaseToken, TaskStatus target) {
        if (current == null) {
            return new NotFoundException(ENTITY, id);
        }
        String to = target == null ? "heartbeat" : target.dbValue();
        if (current.leaseToken() != leaseToken) {
            return new ConflictException(ErrorCode.LEASE_LOST, "task '" + id + "': lease token " + leaseToken
                    + " is stale, the current token is " + current.leaseToken());
        }
        boolean leaseExpiredAndRequeued = leaseToken > 0
                && (current.status() == TaskStatus.QUEUED || current.status() == TaskStatus.PENDING);
        if (leaseExpiredAndRequeued) {
            return new ConflictException(ErrorCode.LEASE_LOST, "task '" + id + "': the lease with token "
                    + leaseToken + " ended and the task went back to the queue");
        }
        return new InvalidStateTransitionException(ENTITY, id, current.status().dbValue(), to);
    }

    /**
     * Moves leased tasks back to the queue, or to DEAD when their attempts are used up; a lease that
     * changed since it was read (completed, renewed by a new claim) is left alone.
     */
    private static int takeBack(TaskMapper mapper, List<LeaseRow> leases, Instant now, Function<Integer, Instant> availableAt) {
        int moved = 0;
        for (LeaseRow lease : leases) {
            if (lease.attempts() >= lease.maxAttempts()) {
                moved += mapper.bury(lease.id(), lease.leaseToken(), lease.leaseUntil(), now);
            } else {
                moved += mapper.requeue(lease.id(), lease.leaseToken(), lease.leaseUntil(),
                        availableAt.apply(lease.attempts()), now);
            }
        }
        return moved;
    }

    private Task load(TaskMapper mapper, TaskRow row) {
        if (!row.hasDependencies()) {
            return row.toTask(List.of(), contents);
        }
        List<String> dependencies = mapper.dependencies(List.of(row.id())).stream()
                .map(DependencyRow::dependsOnId).toList();
        return row.toTask(dependencies, contents);
    }

    /** Joins the dependencies of the rows, keeping the rows' order; reads them only for rows that have some. */
    private List<Task> withDependencies(TaskMapper mapper, List<TaskRow> rows) {
        List<String> ids = rows.stream().filter(TaskRow::hasDependencies).map(TaskRow::id).toList();
        if (ids.isEmpty()) {
            return rows.stream().map(row -> row.toTask(List.of(), contents)).toList();
        }
        Map<String, List<String>> dependencies = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            for (DependencyRow dependency : mapper.dependencies(chunk)) {
                dependencies.computeIfAbsent(dependency.taskId(), key -> new ArrayList<>()).add(dependency.dependsOnId());
            }
        }
        return rows.stream().map(row -> row.toTask(dependencies.getOrDefault(row.id(), List.of()), contents)).toList();
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    /** A guarded UPDATE ... RETURNING: the changed row, or null when the guard matched nothing. */
    @FunctionalInterface
    private interface Update {
        TaskRow apply(TaskMapper mapper, Instant now);
    }
}
