package dev.agenthive.it.model;

import dev.agenthive.api.task.TaskStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the task state machine should have done: the expected state of every task of one run,
 * written from the port's documentation (TaskRepository) without looking at the SQL. Time is counted
 * in whole minutes since the run began; the store's clock is moved by the same amounts.
 */
final class TaskModel {
    /** The retry backoff every call passes: always this long. */
    static final int BACKOFF_MINUTES = 10;

    /**
     * What a lease call (start, heartbeat, complete, fail) should meet: {@code REPEATED} is a complete or
     * fail that repeats, under the same lease token and with the same result or error, the one that
     * ended the lease (a retry after a lost commit answer): it gets that outcome and changes nothing.
     */
    enum Outcome { DONE, REPEATED, LEASE_LOST, INVALID_TRANSITION }

    /** The calls a retry may repeat. */
    enum Ending { COMPLETE, FAIL }

    /** One task as the model sees it. */
    static final class ModelTask {
        final String id;
        final String parent;
        final List<String> dependencies;
        final int priority;
        final int maxAttempts;
        final long createdOrder;
        TaskStatus status;
        int attempts;
        String assignee;
        long token;
        int leaseUntil;
        int availableAt;
        /** The call that ended the current lease, which the same token may repeat; none after a claim. */
        Ending ended;

        ModelTask(String id, String parent, List<String> dependencies, int priority, int maxAttempts,
                  long createdOrder, TaskStatus status, int now) {
            this.id = id;
            this.parent = parent;
            this.dependencies = List.copyOf(dependencies);
            this.priority = priority;
            this.maxAttempts = maxAttempts;
            this.createdOrder = createdOrder;
            this.status = status;
            this.availableAt = now;
        }

        boolean leased() {
            return status == TaskStatus.CLAIMED || status == TaskStatus.RUNNING;
        }

        @Override
        public String toString() {
            return id + "[" + status + " attempts=" + attempts + "/" + maxAttempts + " assignee=" + assignee
                    + " token=" + token + (leased() ? " leaseUntil=" + leaseUntil : "") + "]";
        }
    }

    private final Map<String, ModelTask> tasks = new LinkedHashMap<>();
    private int now;
    private long created;

    int now() {
        return now;
    }

    void advance(int minutes) {
        now += minutes;
    }

    Map<String, ModelTask> tasks() {
        return tasks;
    }

    List<String> ids() {
        return new ArrayList<>(tasks.keySet());
    }

    ModelTask task(String id) {
        return tasks.get(id);
    }

    /** A new task: pending while a dependency is not completed, else queued and available now. */
    void enqueue(String id, String parent, List<String> dependencies, int priority, int maxAttempts) {
        boolean blocked = dependencies.stream().anyMatch(dependency -> tasks.get(dependency).status != TaskStatus.COMPLETED);
        tasks.put(id, new ModelTask(id, parent, dependencies, priority, maxAttempts, created++,
                blocked ? TaskStatus.PENDING : TaskStatus.QUEUED, now));
    }

    /**
     * A claim takes back every expired lease first (to the queue at once, or to DEAD without attempts
     * left), then leases the best available queued tasks: highest priority, then oldest (the ids of one
     * run grow with their creation, so they break ties of equal creation times the same way).
     */
    List<String> claim(String agent, int maxTasks, int leaseMinutes) {
        for (ModelTask task : tasks.values()) {
            if (task.leased() && task.leaseUntil <= now) {
                takeBack(task, now);
            }
        }
        List<ModelTask> claimed = tasks.values().stream()
                .filter(task -> task.status == TaskStatus.QUEUED && task.availableAt <= now)
                .sorted(Comparator.<ModelTask>comparingInt(task -> -task.priority).thenComparingLong(task -> task.createdOrder))
                .limit(maxTasks)
                .toList();
        for (ModelTask task : claimed) {
            task.status = TaskStatus.CLAIMED;
            task.attempts++;
            task.assignee = agent;
            task.leaseUntil = now + leaseMinutes;
        }
        return claimed.stream().map(task -> task.id).toList();
    }

    /** The outcome a lease call with {@code token} should have, from the task's status and token. */
    Outcome leaseCall(String id, long token, Set<TaskStatus> allowed, Ending ending) {
        ModelTask task = tasks.get(id);
        if (allowed.contains(task.status) && task.token == token) {
            return Outcome.DONE;
        }
        if (ending != null && ending == task.ended && task.token == token && (ending == Ending.COMPLETE
                ? task.status == TaskStatus.COMPLETED
                : task.status == TaskStatus.FAILED || task.status == TaskStatus.QUEUED || task.status == TaskStatus.DEAD)) {
            return Outcome.REPEATED;
        }
        if (task.token != token) {
            return Outcome.LEASE_LOST;
        }
        boolean requeued = token > 0 && (task.status == TaskStatus.QUEUED || task.status == TaskStatus.PENDING);
        return requeued ? Outcome.LEASE_LOST : Outcome.INVALID_TRANSITION;
    }

    void start(String id) {
        tasks.get(id).status = TaskStatus.RUNNING;
    }

    void heartbeat(String id, int leaseMinutes) {
        tasks.get(id).leaseUntil = now + leaseMinutes;
    }

    /** Completes the task and queues every pending dependent whose dependencies are now all completed. */
    void complete(String id) {
        tasks.get(id).status = TaskStatus.COMPLETED;
        tasks.get(id).ended = Ending.COMPLETE;
        for (ModelTask dependent : tasks.values()) {
            boolean released = dependent.status == TaskStatus.PENDING && dependent.dependencies.contains(id)
                    && dependent.dependencies.stream().allMatch(dependency -> tasks.get(dependency).status == TaskStatus.COMPLETED);
            if (released) {
                dependent.status = TaskStatus.QUEUED;
            }
        }
    }

    /** Retryable with attempts left: queued after the backoff; retryable without: dead; else failed. */
    void fail(String id, boolean retryable) {
        ModelTask task = tasks.get(id);
        task.ended = Ending.FAIL;
        if (!retryable) {
            task.status = TaskStatus.FAILED;
        } else if (task.attempts < task.maxAttempts) {
            task.status = TaskStatus.QUEUED;
            task.availableAt = now + BACKOFF_MINUTES;
        } else {
            task.status = TaskStatus.DEAD;
        }
    }

    /** Whether cancelling the task is refused: it is terminal. */
    boolean terminal(String id) {
        return tasks.get(id).status.isTerminal();
    }

    /** Cancels the task and every non-terminal task below it; returns how many. */
    int cancel(String id) {
        int cancelled = 0;
        for (ModelTask task : tasks.values()) {
            if (!task.status.isTerminal() && below(task, id)) {
                task.status = TaskStatus.CANCELLED;
                cancelled++;
            }
        }
        return cancelled;
    }

    private boolean below(ModelTask task, String root) {
        for (ModelTask at = task; at != null; at = at.parent == null ? null : tasks.get(at.parent)) {
            if (at.id.equals(root)) {
                return true;
            }
        }
        return false;
    }

    /** What maintenance's requeue does: every expired lease back, after the backoff (or dead). */
    int requeueExpired() {
        int moved = 0;
        for (ModelTask task : tasks.values()) {
            if (task.leased() && task.leaseUntil <= now) {
                takeBack(task, now + BACKOFF_MINUTES);
                moved++;
            }
        }
        return moved;
    }

    /** What maintenance does for a crashed agent: every lease it holds back, after the backoff (or dead). */
    int releaseAgent(String agent) {
        int moved = 0;
        for (ModelTask task : tasks.values()) {
            if (task.leased() && agent.equals(task.assignee)) {
                takeBack(task, now + BACKOFF_MINUTES);
                moved++;
            }
        }
        return moved;
    }

    private static void takeBack(ModelTask task, int availableAt) {
        if (task.attempts >= task.maxAttempts) {
            task.status = TaskStatus.DEAD;
        } else {
            task.status = TaskStatus.QUEUED;
            task.availableAt = availableAt;
        }
    }
}
