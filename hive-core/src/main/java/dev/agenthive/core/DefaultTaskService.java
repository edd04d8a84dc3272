package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.observe.DomainMeters;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TaskService} over a {@link HiveStore}. Claims wait on {@link Notifier#TASKS}, which is
 * signalled after every commit that can make a task claimable: enqueue, completion (dependents may
 * become queued), a retryable failure and a requeue.
 */
final class DefaultTaskService implements TaskService {
    private final HiveStore store;
    private final Notifier notifier;
    private final WorkWaiter waiter;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final SystemEvents events;
    private final Duration lease;
    private final RetryBackoff backoff;
    private final AgentService agents;
    private final HotReads hot;
    private final DomainMeters meters;

    /** Wires the service; lease, backoff, limits and intervals come from {@code config}. */
    DefaultTaskService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids, Clock clock,
                              HiveConfig config, AgentService agents, HotReads hot, DomainMeters meters) {
        this.meters = Objects.requireNonNull(meters, "meters is null");
        this.agents = Objects.requireNonNull(agents, "agents is null");
        this.hot = Objects.requireNonNull(hot, "hot is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.notifier = Objects.requireNonNull(notifier, "notifier is null");
        this.waiter = new WorkWaiter(notifier, config.waitRecheckInterval());
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.events = new SystemEvents(ids, clock, codec);
        this.lease = config.taskLease();
        this.backoff = config.taskBackoff();
    }

    @Override
    public Task enqueue(NewTask task) {
        Checks.notNull(task, "task");
        NewTask normalised = new NewTask(task.title(), task.description(), task.type(), task.priority(),
                task.parentId(), task.dependencies(), task.requiredCapabilities(),
                codec.normalize(task.payload(), "task.payload"), task.maxAttempts(), task.idempotencyKey(),
                task.delay());
        Task stored = store.tasks().enqueue(ids.next(), normalised);
        if (stored.status() == TaskStatus.QUEUED) {
            notifier.signal(Notifier.TASKS);
        }
        return stored;
    }

    @Override
    public Optional<Task> find(String taskId) {
        Checks.id(taskId, "task.id");
        return Optional.ofNullable(hot.tasks().read(taskId, () -> store.tasks().find(taskId).orElse(null)));
    }

    @Override
    public Task get(String taskId) {
        return find(taskId).orElseThrow(() -> new NotFoundException("task", taskId));
    }

    @Override
    public List<Task> claim(String agentId, int maxTasks, Duration wait) throws InterruptedException {
        return claim(agentId, maxTasks, lease, wait);
    }

    @Override
    public List<Task> claim(String agentId, int maxTasks, Duration lease, Duration wait) throws InterruptedException {
        Checks.id(agentId, "claim.agentId");
        Checks.notNegative(wait, "claim.wait");
        Agent agent = agents.find(agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
        if (!agent.status().isLive()) {
            throw new InvalidStateTransitionException("agent", agentId, agent.status().dbValue(), "claim");
        }
        ClaimRequest request = new ClaimRequest(agentId, agent.capabilities(), lease, maxTasks);
        List<Task> claimed;
        try {
            // Only a claim that may wait is a waiting claim: one without a wait tells nothing of waits.
            claimed = wait.isZero()
                    ? waiter.await(Notifier.TASKS, wait, () -> store.tasks().claim(request))
                    : waiter.await(Notifier.TASKS, wait, () -> store.tasks().claim(request), meters::claimWaited);
        } catch (RuntimeException e) {
            hot.tasksChanged();
            throw e;
        }
        if (!claimed.isEmpty()) {
            hot.tasks().invalidate(claimed.stream().map(Task::id).toList());
            hot.progress().invalidateAll();
        }
        return claimed;
    }

    @Override
    public Task start(String taskId, long leaseToken) {
        Checks.id(taskId, "task.id");
        return HotReads.afterWrite(() -> store.tasks().start(taskId, leaseToken), () -> hot.taskChanged(taskId));
    }

    @Override
    public Task heartbeat(String taskId, long leaseToken) {
        Checks.id(taskId, "task.id");
        return HotReads.afterWrite(() -> store.tasks().heartbeat(taskId, leaseToken, lease),
                () -> hot.tasks().invalidate(taskId));
    }

    @Override
    public Task complete(String taskId, long leaseToken, Json result) {
        Checks.id(taskId, "task.id");
        Json normalised = codec.normalize(result, "task.result");
        Task completed = HotReads.afterWrite(() -> store.tasks().complete(taskId, leaseToken, normalised),
                hot::tasksChanged);
        notifier.signal(Notifier.TASKS);
        return completed;
    }

    @Override
    public Task fail(String taskId, long leaseToken, Json error, boolean retryable) {
        Checks.id(taskId, "task.id");
        Json normalised = codec.normalize(error, "task.error");
        Task failed = HotReads.afterWrite(() -> store.inTransaction(tx -> {
            Task task = tx.tasks().fail(taskId, leaseToken, normalised, retryable, backoff);
            if (task.status() == TaskStatus.DEAD) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("taskId", task.id());
                details.put("title", task.title());
                details.put("attempts", task.attempts());
                details.put("maxAttempts", task.maxAttempts());
                details.put("error", normalised);
                tx.events().append(List.of(events.create(SystemEvents.TASK_DEAD, Severity.ERROR,
                        task.assignedAgent(), task.id(), details)));
            }
            return task;
        }), hot::tasksChanged);
        if (failed.status() == TaskStatus.QUEUED) {
            notifier.signal(Notifier.TASKS);
        } else if (failed.status() == TaskStatus.DEAD) {
            meters.taskDead();
        }
        return failed;
    }

    @Override
    public int cancel(String taskId) {
        Checks.id(taskId, "task.id");
        return HotReads.afterCountedWrite(() -> store.tasks().cancel(taskId), hot::tasksChanged);
    }

    @Override
    public List<Task> subtree(String taskId) {
        return store.tasks().subtree(Checks.id(taskId, "task.id"));
    }

    @Override
    public List<Task> list(TaskQuery query) {
        return store.tasks().list(Checks.notNull(query, "taskQuery"));
    }

    @Override
    public Map<TaskStatus, Long> countByStatus() {
        return store.tasks().countByStatus();
    }

    @Override
    public int requeueExpired() {
        int moved = HotReads.afterCountedWrite(() -> store.tasks().requeueExpired(backoff), hot::tasksChanged);
        meters.leasesExpired(moved);
        notifier.signal(Notifier.TASKS, moved);
        return moved;
    }
}
