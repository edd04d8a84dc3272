package dev.agenthive.core;

import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.id.IdGenerator;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.maintenance.Maintenance;
import dev.agenthive.core.maintenance.MaintenanceReport;
import dev.agenthive.api.notify.InProcessNotifier;
import dev.agenthive.core.provider.StorageProviders;
import dev.agenthive.core.service.DefaultAgentService;
import dev.agenthive.core.service.DefaultCheckpointService;
import dev.agenthive.core.service.DefaultConfigService;
import dev.agenthive.core.service.DefaultEventService;
import dev.agenthive.core.service.DefaultGitService;
import dev.agenthive.core.service.DefaultMessageService;
import dev.agenthive.core.service.DefaultMetricService;
import dev.agenthive.core.service.DefaultProjectService;
import dev.agenthive.core.service.DefaultPullRequestService;
import dev.agenthive.core.service.DefaultMemoryService;
import dev.agenthive.core.service.DefaultSessionService;
import dev.agenthive.core.service.DefaultSharedMemoryService;
import dev.agenthive.core.service.DefaultTaskService;
import dev.agenthive.core.service.MemoryAccessRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of Agent Hive: one open store and the services over it. Get one with
 * {@link #open(HiveConfig)} or from a Guice injector built with {@link HiveModule}; both wire the
 * same components. Background maintenance runs while the hive is open. Thread-safe; close it when
 * done.
 */
public final class Hive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hive.class);

    private final HiveConfig config;
    private final HiveStore store;
    private final Notifier notifier;
    private final boolean ownsNotifier;
    private final AgentService agents;
    private final TaskService tasks;
    private final MessageService messages;
    private final EventService events;
    private final SharedMemoryService sharedMemory;
    private final MemoryAccessRecorder accesses;
    private final ProjectService projects;
    private final MetricService metrics;
    private final CheckpointService checkpoints;
    private final GitService git;
    private final PullRequestService pullRequests;
    private final ConfigService configService;
    private final SessionService sessions;
    private final MemoryService memory;
    private final Maintenance maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();

    Hive(HiveConfig config, HiveStore store, Notifier notifier, AgentService agents, TaskService tasks,
         MessageService messages, EventService events, SharedMemoryService sharedMemory,
         MemoryAccessRecorder accesses, ProjectService projects, MetricService metrics,
         CheckpointService checkpoints, GitService git, PullRequestService pullRequests, ConfigService configService,
         SessionService sessions, MemoryService memory) {
        this.config = Objects.requireNonNull(config, "config is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.notifier = Objects.requireNonNull(notifier, "notifier is null");
        this.ownsNotifier = store.notifier().map(own -> own != notifier).orElse(true);
        this.agents = Objects.requireNonNull(agents, "agents is null");
        this.tasks = Objects.requireNonNull(tasks, "tasks is null");
        this.messages = Objects.requireNonNull(messages, "messages is null");
        this.events = Objects.requireNonNull(events, "events is null");
        this.sharedMemory = Objects.requireNonNull(sharedMemory, "sharedMemory is null");
        this.accesses = Objects.requireNonNull(accesses, "accesses is null");
        this.projects = Objects.requireNonNull(projects, "projects is null");
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints is null");
        this.git = Objects.requireNonNull(git, "git is null");
        this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests is null");
        this.configService = Objects.requireNonNull(configService, "configService is null");
        this.sessions = Objects.requireNonNull(sessions, "sessions is null");
        this.memory = Objects.requireNonNull(memory, "memory is null");
        this.maintenance = new Maintenance(store, agents, tasks, messages, events, sharedMemory, accesses, config);
        maintenance.start();
    }

    /**
     * Opens the store named by {@link HiveConfig#storageUrl()} through the one storage provider
     * that accepts it, and wires the services by hand.
     *
     * @throws dev.agenthive.api.error.HiveException                {@code CONFIGURATION} when no single provider accepts the URL
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be opened; there is no fallback
     */
    public static Hive open(HiveConfig config) {
        return open(config, Clock.systemUTC());
    }

    static Hive open(HiveConfig config, Clock clock) {
        Objects.requireNonNull(config, "config is null");
        StorageProviders providers = StorageProviders.discover(contextLoader(), List.of());
        HiveStore store = providers.open(storageSettings(config, clock));
        try {
            Notifier notifier = notifierFor(store);
            JsonCodec codec = jsonCodec(config);
            IdGenerator ids = new IdGenerator(clock, new SecureRandom());
            MemoryAccessRecorder accesses = new MemoryAccessRecorder();
            AgentService agents = new DefaultAgentService(store, notifier, codec, ids, clock, config);
            TaskService tasks = new DefaultTaskService(store, notifier, codec, ids, clock, config);
            MessageService messages = new DefaultMessageService(store, notifier, codec, ids, config);
            EventService events = new DefaultEventService(store, codec, ids, clock, config);
            SharedMemoryService sharedMemory = new DefaultSharedMemoryService(store, codec, accesses, clock, config);
            ProjectService projects = new DefaultProjectService(store, codec, ids);
            MetricService metrics = new DefaultMetricService(store, codec, ids, clock);
            CheckpointService checkpoints = new DefaultCheckpointService(store, codec, ids, clock);
            GitService git = new DefaultGitService(store);
            PullRequestService pullRequests = new DefaultPullRequestService(store, codec, ids, clock);
            ConfigService configService = new DefaultConfigService(store, codec);
            SessionService sessions = new DefaultSessionService(store, codec, ids, clock, config);
            MemoryService memory = new DefaultMemoryService(store, codec, ids, clock);
            return new Hive(config, store, notifier, agents, tasks, messages, events, sharedMemory, accesses,
                    projects, metrics, checkpoints, git, pullRequests, configService, sessions, memory);
        } catch (RuntimeException e) {
            closeQuietly(store, e);
            throw e;
        }
    }

    /** The agent registry. */
    public AgentService agents() {
        return agents;
    }

    /** The task work queue. */
    public TaskService tasks() {
        return tasks;
    }

    /** Inter-agent messaging. */
    public MessageService messages() {
        return messages;
    }

    /** The event log. */
    public EventService events() {
        return events;
    }

    /** The namespaced shared key-value memory. */
    public SharedMemoryService sharedMemory() {
        return sharedMemory;
    }

    /** Projects, epics, their tasks and progress. */
    public ProjectService projects() {
        return projects;
    }

    /** Performance metrics and their windowed aggregates. */
    public MetricService metrics() {
        return metrics;
    }

    /** Quality gates and milestones of projects. */
    public CheckpointService checkpoints() {
        return checkpoints;
    }

    /** The git state of the agents' worktrees. */
    public GitService git() {
        return git;
    }

    /** Pull requests and their lifecycle. */
    public PullRequestService pullRequests() {
        return pullRequests;
    }

    /** System-wide and per-agent configuration values (not this hive's own {@link #config()}). */
    public ConfigService configurations() {
        return configService;
    }

    /** Context sessions of agents, and their sleep and wake. */
    public SessionService sessions() {
        return sessions;
    }

    /** Agents' memory snapshots: dedup, pruning, consolidation. */
    public MemoryService memory() {
        return memory;
    }

    /** Whether the store answers, with provider facts. Never throws. */
    public StoreHealth health() {
        return store.health();
    }

    /** Where the data lives, without credentials, e.g. {@code sqlite:/abs/path/agent_hive.db}. */
    public String location() {
        return store.location();
    }

    /** The configuration this hive was opened with. */
    public HiveConfig config() {
        return config;
    }

    /**
     * Runs one round of maintenance now, on the calling thread (the background schedule keeps
     * running): requeue expired leases, mark stale agents crashed, purge expired messages and
     * memory, apply event retention, flush shared-memory read counts.
     */
    public MaintenanceReport runMaintenance() {
        return maintenance.runOnce();
    }

    /**
     * Stops maintenance, writes pending shared-memory read counts, and closes the notifier and the
     * store. Idempotent. If a step fails the others still run and the first failure is thrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        failure = attempt(maintenance::close, failure);
        failure = attempt(() -> accesses.flush(store.sharedMemory()), failure);
        if (ownsNotifier) {
            failure = attempt(notifier::close, failure);
        }
        failure = attempt(store::close, failure);
        if (failure != null) {
            throw failure;
        }
    }

    static StorageSettings storageSettings(HiveConfig config, Clock clock) {
        return new StorageSettings(config.storageUrl(), config.migrate(), config.properties(), clock);
    }

    /**
     * The store's own channel when it has one: it reaches the waiters of other processes and, by
     * the {@link Notifier} contract, of this one. Otherwise waiters of this process are woken in
     * memory and work from other processes is found by periodic rechecks.
     */
    static Notifier notifierFor(HiveStore store) {
        return store.notifier().orElseGet(InProcessNotifier::new);
    }

    static JsonCodec jsonCodec(HiveConfig config) {
        return new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes());
    }

    static ClassLoader contextLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Hive.class.getClassLoader();
    }

    private static RuntimeException attempt(Runnable step, RuntimeException failure) {
        try {
            step.run();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    private static void closeQuietly(HiveStore store, RuntimeException cause) {
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the store after a failed open also failed", e);
            cause.addSuppressed(e);
        }
    }
}
