package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.alert.AlertEvaluator;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.observe.DomainMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The housekeeping a hive needs while it runs: expired leases back to the queue, stale agents
 * marked crashed, expired messages and memory entries purged, event retention applied,
 * shared-memory read counts flushed, the slow operations since the last round written as events,
 * and, when meters are kept, the tasks per status and the pending messages counted for the gauges
 * (once a round, so that a scrape never queries the store), and last the alert rules evaluated. {@link #start()} runs a round on one daemon thread every
 * {@code hive.maintenance.interval} (not at all when it is zero); a failing job is logged and
 * never stops the schedule or the other jobs. Thread-safe.
 */
final class Maintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    /** How long {@link #close()} lets a running round finish before the store goes away. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final HiveStore store;
    private final AgentService agents;
    private final TaskService tasks;
    private final MessageService messages;
    private final EventService events;
    private final SharedMemoryService sharedMemory;
    private final MemoryAccessRecorder accesses;
    private final DomainMeters meters;
    private final SlowOperationEvents slowOperations;
    private final AlertEvaluator alerts;
    private final Duration interval;
    private final Duration heartbeatTimeout;
    private ScheduledExecutorService executor;
    private boolean closed;

    /** Maintains {@code store} through the given services; interval and heartbeat timeout come from {@code config}. */
    Maintenance(HiveStore store, AgentService agents, TaskService tasks, MessageService messages,
                       EventService events, SharedMemoryService sharedMemory, MemoryAccessRecorder accesses,
                       HiveConfig config, DomainMeters meters, SlowOperationEvents slowOperations,
                       AlertEvaluator alerts) {
        this.meters = Objects.requireNonNull(meters, "meters is null");
        this.slowOperations = Objects.requireNonNull(slowOperations, "slowOperations is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.agents = Objects.requireNonNull(agents, "agents is null");
        this.tasks = Objects.requireNonNull(tasks, "tasks is null");
        this.messages = Objects.requireNonNull(messages, "messages is null");
        this.events = Objects.requireNonNull(events, "events is null");
        this.sharedMemory = Objects.requireNonNull(sharedMemory, "sharedMemory is null");
        this.accesses = Objects.requireNonNull(accesses, "accesses is null");
        this.alerts = Objects.requireNonNull(alerts, "alerts is null");
        this.interval = Checks.notNegative(config.maintenanceInterval(), "hive.maintenance.interval");
        this.heartbeatTimeout = config.agentHeartbeatTimeout();
    }

    /** Starts the background schedule, unless the interval is zero or it already runs. */
    synchronized void start() {
        if (closed || executor != null || interval.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hive-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::runScheduled, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs every job once on the calling thread. */
    MaintenanceReport runOnce() {
        List<String> failures = new ArrayList<>();
        int requeued = job("requeue-expired", failures, tasks::requeueExpired, 0);
        List<String> crashed = job("detect-crashed", failures, () -> agents.detectCrashed(heartbeatTimeout), List.of());
        int purgedMessages = job("purge-messages", failures, messages::purgeExpired, 0);
        int purgedMemory = job("purge-memory", failures, sharedMemory::purgeExpired, 0);
        int purgedEvents = job("event-retention", failures, events::applyRetention, 0);
        int flushed = job("flush-memory-access", failures, () -> accesses.flush(store.sharedMemory()), 0);
        job("write-slow-operations", failures, slowOperations::write, 0);
        if (meters.samples()) {
            job("sample-meters", failures, () -> {
                meters.sample(tasks.countByStatus(), messages.countPending(null));
                return 0;
            }, 0);
        }
        // Last, so that the counts it reads include what this round changed (crashed agents, dead tasks).
        job("evaluate-alerts", failures, alerts::evaluate, 0);
        return new MaintenanceReport(requeued, crashed, purgedMessages, purgedMemory, purgedEvents, flushed, failures);
    }

    /** Stops the schedule, waiting for a running round to finish. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            closed = true;
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Maintenance did not stop within {}; interrupting it", STOP_GRACE);
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runScheduled() {
        try {
            MaintenanceReport report = runOnce();
            if (report.requeuedTasks() > 0 || !report.crashedAgents().isEmpty()) {
                LOG.info("Maintenance requeued {} expired task(s), marked crashed: {}", report.requeuedTasks(),
                        report.crashedAgents());
            }
        } catch (RuntimeException e) {
            // An exception escaping here would cancel every later run of the schedule.
            LOG.error("Maintenance round failed", e);
        }
    }

    private static <T> T job(String name, List<String> failures, Supplier<T> job, T fallback) {
        try {
            return job.get();
        } catch (RuntimeException e) {
            LOG.warn("Maintenance job {} failed", name, e);
            failures.add(name + ": " + e.getMessage());
            return fallback;
        }
    }
}
