package dev.agenthive.core;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.cache.Cache;
import dev.agenthive.api.cache.CacheHealth;
import dev.agenthive.api.cache.CacheStats;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.health.HiveHealth;
import dev.agenthive.api.notify.InProcessNotifier;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.observe.StatementListener;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.api.spi.BlobStoreProvider;
import dev.agenthive.api.spi.CacheProvider;
import dev.agenthive.api.spi.CacheSettings;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.core.alert.ActiveAlert;
import dev.agenthive.core.alert.AlertEvaluator;
import dev.agenthive.core.blob.BlobCheck;
import dev.agenthive.core.blob.BlobCheckReport;
import dev.agenthive.core.blob.BlobCollectionReport;
import dev.agenthive.core.blob.BlobCollector;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.cache.CacheMeters;
import dev.agenthive.core.cache.HiveCache;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.observe.DomainMeters;
import dev.agenthive.core.observe.OperationMeters;
import dev.agenthive.core.observe.SlowOperations;
import dev.agenthive.core.observe.StoreMeters;
import dev.agenthive.core.provider.PluginProviders;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of Agent Hive: one open store and the services over it. Get one with
 * {@link #open(HiveConfig)} or from a Guice injector built with {@link HiveModule}; both go through
 * the same wiring. Background maintenance runs while the hive is open. Thread-safe; close it when
 * done.
 */
public final class Hive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hive.class);

    private final HiveConfig config;
    private final HiveStore store;
    private final HiveCache cache;
    private final BlobStore blobs;
    private final Clock clock;
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
    private final HealthCheck healthCheck;
    private final AlertEvaluator alerts;
    private final Maintenance maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Builds the services over an open store and starts maintenance. Until this returns, the store,
     * the cache and the blob store belong to {@link #open(HiveConfig, Plugins, Clock, MeterRegistry)},
     * which closes them if this throws. The services handed out are watched by {@link OperationMeters}
     * when there is a registry or a slow-operation log; maintenance uses them unwatched, since its calls
     * are no one's operations.
     */
    private Hive(HiveConfig config, HiveStore store, HiveCache cache, BlobStore blobs, Clock clock,
                 MeterRegistry registry, SlowOperations slow) {
        this.config = config;
        this.store = store;
        this.cache = cache;
        this.blobs = blobs;
        this.clock = clock;
        HotReads hot = HotReads.wire(cache);
        // The store's own channel reaches the waiters of other processes and, by the Notifier
        // contract, of this one; without one, waiters here are woken in memory and work from other
        // processes is found by the periodic rechecks.
        Optional<Notifier> storeNotifier = store.notifier();
        this.ownsNotifier = storeNotifier.isEmpty();
        this.notifier = storeNotifier.orElseGet(InProcessNotifier::new);
        JsonCodec codec = new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes());
        IdGenerator ids = new IdGenerator(clock, new SecureRandom());
        this.accesses = new MemoryAccessRecorder(hot.memory());
        DomainMeters meters = registry == null ? DomainMeters.none() : DomainMeters.register(registry);
        OperationMeters observed = new OperationMeters(registry, slow);
        AgentService agentService = new DefaultAgentService(store, notifier, codec, ids, clock, config, hot);
        TaskService taskService = new DefaultTaskService(store, notifier, codec, ids, clock, config, agentService, hot,
                meters);
        MessageService messageService = new DefaultMessageService(store, notifier, codec, ids, config, meters);
        EventService eventService = new DefaultEventService(store, codec, ids, clock, config);
        SharedMemoryService memoryService = new DefaultSharedMemoryService(store, codec, accesses, clock, config, hot);
        this.agents = observed.observe(AgentService.class, "agents", agentService);
        this.tasks = observed.observe(TaskService.class, "tasks", taskService);
        this.messages = observed.observe(MessageService.class, "messages", messageService);
        this.events = observed.observe(EventService.class, "events", eventService);
        this.sharedMemory = observed.observe(SharedMemoryService.class, "sharedMemory", memoryService);
        this.projects = observed.observe(ProjectService.class, "projects",
                new DefaultProjectService(store, codec, ids, hot));
        this.metrics = observed.observe(MetricService.class, "metrics", new DefaultMetricService(store, codec, ids, clock));
        this.checkpoints = observed.observe(CheckpointService.class, "checkpoints",
                new DefaultCheckpointService(store, codec, ids, clock));
        this.git = observed.observe(GitService.class, "git", new DefaultGitService(store));
        this.pullRequests = observed.observe(PullRequestService.class, "pullRequests",
                new DefaultPullRequestService(store, codec, ids, clock));
        this.configService = observed.observe(ConfigService.class, "configurations",
                new DefaultConfigService(store, codec, hot));
        this.sessions = observed.observe(SessionService.class, "sessions",
                new DefaultSessionService(store, codec, ids, clock, config, hot));
        this.memory = observed.observe(MemoryService.class, "memory", new DefaultMemoryService(store, codec, ids, clock));
        this.healthCheck = new HealthCheck(store, notifier, cache, blobs);
        this.alerts = new AlertEvaluator(store, config.alertRules(), registry, codec, ids::next, clock,
                config.maintenanceInterval());
        SlowOperationEvents slowEvents = new SlowOperationEvents(slow, store, new SystemEvents(ids, clock, codec), codec);
        this.maintenance = new Maintenance(store, agentService, taskService, messageService, eventService,
                memoryService, accesses, config, meters, slowEvents, alerts);
        maintenance.start();
    }

    /**
     * Opens the store named by {@link HiveConfig#storageUrl()} through the one storage provider
     * that accepts it, found by {@link java.util.ServiceLoader}, and wires the services over it.
     *
     * @throws dev.agenthive.api.error.HiveException                {@code CONFIGURATION} when no single provider accepts the URL
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be opened; there is no fallback
     */
    public static Hive open(HiveConfig config) {
        return open(config, Plugins.discover(), Clock.systemUTC(), null);
    }

    /**
     * Like {@link #open(HiveConfig)}, with the hive's meters registered in {@code registry}: every
     * service call ({@value OperationMeters#TIMER}, see {@link OperationMeters}), the queue and the
     * inboxes ({@link DomainMeters}), the slow operations ({@value SlowOperations#COUNTER}), the store's
     * own figures ({@link StoreMeters}, tag {@code store=<provider>}) and the cache regions' hits, misses,
     * hit ratio, evictions and load latency.
     */
    public static Hive open(HiveConfig config, MeterRegistry registry) {
        return open(config, Plugins.discover(), Clock.systemUTC(), Objects.requireNonNull(registry, "registry is null"));
    }

    /**
     * The one wiring, shared by {@link #open(HiveConfig)} and {@link HiveModule}: opens the store
     * through the provider that accepts the URL and builds the hive over it. Whatever fails after
     * the store is open, what was opened is closed before the failure is thrown, so a failed start
     * holds no file lock, connection or thread. Registers the hive's meters in {@code registry}
     * unless it is {@code null}. The store hears of the statements each call runs only while the
     * slow-operation log is on.
     */
    static Hive open(HiveConfig config, Plugins plugins, Clock clock, MeterRegistry registry) {
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(clock, "clock is null");
        SlowOperations slow = config.slowOperation().isZero() ? null
                : new SlowOperations(config.slowOperation(), clock, registry);
        OpenedStore storage = openStorage(config, plugins, clock, slow == null ? StatementListener.NONE : slow);
        HiveStore store = storage.store();
        HiveCache cache = null;
        try {
            BlobStore blobs = storage.blobs().orElse(null);
            if (blobs == null && config.blobUrl().equals(HiveConfig.STORE_BLOBS)) {
                throw new HiveException(ErrorCode.CONFIGURATION, HiveConfig.BLOB_URL + " is '" + HiveConfig.STORE_BLOBS
                        + "', but the store at " + store.location() + " cannot keep blobs");
            }
            cache = openCache(config, plugins.caches(), store, clock);
            Hive hive = new Hive(config, store, cache, blobs, clock, registry, slow);
            if (registry != null) {
                CacheMeters.bind(cache, registry);
                StoreMeters.bind(store, plugins.storage().select(config.storageUrl()).name(), registry);
            }
            return hive;
        } catch (RuntimeException | Error e) {
            if (cache != null) {
                closeAfterFailure(cache, e);
            }
            closeAfterFailure(storage, e);
            throw e;
        }
    }

    /**
     * Opens only the store named by {@link HiveConfig#storageUrl()} and its blob store, with no
     * services, cache or maintenance loop: for tools that read or fill a store as it is (copy,
     * backup, restore, import) and must not change what they read.
     *
     * @throws dev.agenthive.api.error.HiveException                {@code CONFIGURATION} when no single provider accepts the URL
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be opened
     */
    public static OpenedStore openStore(HiveConfig config) {
        Objects.requireNonNull(config, "config is null");
        return openStorage(config, Plugins.discover(), Clock.systemUTC(), StatementListener.NONE);
    }

    /**
     * The blob store, then the store (it moves large content into the blob store as it writes); with
     * {@code store:} the store's own blobs. A store that fails to open closes the blob store opened for it.
     */
    private static OpenedStore openStorage(HiveConfig config, Plugins plugins, Clock clock,
                                           StatementListener statements) {
        boolean blobsInStore = config.blobUrl().equals(HiveConfig.STORE_BLOBS);
        BlobStore blobs = blobsInStore ? null : openBlobStore(config, plugins, clock);
        HiveStore store;
        try {
            store = plugins.storage().open(storageSettings(config, clock, largeContent(config, blobs), statements));
        } catch (RuntimeException | Error e) {
            if (blobs != null) {
                closeAfterFailure(blobs, e);
            }
            throw e;
        }
        Optional<BlobStore> storeBlobs = blobsInStore ? store.blobStore() : Optional.ofNullable(blobs);
        return new OpenedStore(store, storeBlobs, plugins.storage().select(config.storageUrl()).valueRules());
    }

    /**
     * What the kind of store {@link HiveConfig#storageUrl()} names cannot hold exactly, from its
     * provider, without opening the store (a dry-run copy writes nothing, not even a schema).
     */
    public static ValueRules valueRules(HiveConfig config) {
        Objects.requireNonNull(config, "config is null");
        return Plugins.discover().storage().select(config.storageUrl()).valueRules();
    }

    private static LargeContent largeContent(HiveConfig config, BlobStore blobs) {
        if (config.blobUrl().equals(HiveConfig.STORE_BLOBS)) {
            return LargeContent.toStoreBlobs(config.blobInlineMaxBytes());
        }
        return blobs == null ? LargeContent.inRows() : LargeContent.toBlobStore(blobs, config.blobInlineMaxBytes());
    }

    /**
     * The blob store of {@link HiveConfig#blobUrl()}, or {@code null} when the URL is the default and
     * no provider accepts it (the blob module is not on the classpath); a URL someone chose fails
     * instead, like a storage URL. Unset, the URL is the storage provider's folder beside the store's
     * file if it has one ({@link dev.agenthive.api.spi.StorageProvider#blobUrlBeside}).
     */
    private static BlobStore openBlobStore(HiveConfig config, Plugins plugins, Clock clock) {
        boolean byDefault = config.origin(HiveConfig.BLOB_URL).orElse("default").equals("default");
        String url = byDefault
                ? plugins.storage().select(config.storageUrl()).blobUrlBeside(config.storageUrl()).orElse(config.blobUrl())
                : config.blobUrl();
        PluginProviders<BlobStoreProvider> providers = plugins.blobStores();
        if (byDefault && !providers.anyAccepts(url)) {
            LOG.info("No blob store: no provider accepts the default {} '{}' (add hive-blobstore to the classpath)",
                    HiveConfig.BLOB_URL, url);
            return null;
        }
        BlobSettings settings = new BlobSettings(url, config.blobMaxBytes(), config.properties(), clock);
        return providers.open(url, provider -> provider.open(settings));
    }

    private static HiveCache openCache(HiveConfig config, PluginProviders<CacheProvider> caches, HiveStore store,
                                       Clock clock) {
        // Writes reach other processes' caches even from a process that caches nothing itself.
        Optional<ChangeFeed> feed = store.changeFeed();
        Optional<ChangeFeed> publishTo = HiveCache.publishing(feed, config.cacheAsyncInvalidation());
        if (config.cacheUrl().equals(HiveConfig.NO_CACHE)) {
            return HiveCache.disabled(HiveConfig.CACHE_URL + " is " + HiveConfig.NO_CACHE, publishTo);
        }
        if (config.origin(HiveConfig.CACHE_URL).orElse("default").equals("default")
                && !caches.anyAccepts(config.cacheUrl())) {
            // The default asks for an in-process cache; without its module on the classpath the hive
            // still works, only slower. A URL someone chose fails instead, like a storage URL.
            String reason = "no cache provider accepts the default " + HiveConfig.CACHE_URL + " '" + config.cacheUrl()
                    + "' (add hive-cache-caffeine to the classpath)";
            LOG.info("Caching off: {}", reason);
            return HiveCache.disabled(reason, publishTo);
        }
        CacheSettings settings = new CacheSettings(config.cacheUrl(), config.properties(), clock);
        Cache cache = caches.open(config.cacheUrl(), provider -> provider.open(settings));
        try {
            return HiveCache.over(cache, feed, config.cacheBounds(), config.cacheAsyncInvalidation(),
                    store.location());
        } catch (RuntimeException | Error e) {
            closeAfterFailure(cache, e);
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

    /**
     * The health of the store, the notifier, the cache and the blob store, each with its facts and last
     * error, and overall: {@code DOWN} when the store does not answer, {@code DEGRADED} when it does but
     * another part fails, else {@code UP}. Cheap enough for a probe every few seconds (the store answers
     * one trivial query, the other parts report what they know); never throws.
     */
    public HiveHealth health() {
        return healthCheck.run();
    }

    /**
     * The alerts raised now, by name, as every process maintaining this store sees them (the rules are
     * {@link HiveConfig#alertRules()}; maintenance raises and clears them).
     *
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be read
     */
    public List<ActiveAlert> activeAlerts() {
        return alerts.active();
    }

    /**
     * The cache's health while caching is on; empty when it is off ({@code none:}, or a process-local
     * cache over a store that cannot tell other processes' writes). Never throws.
     */
    public Optional<CacheHealth> cacheHealth() {
        return cache.health();
    }

    /**
     * Content-addressed storage of large content ({@code hive.blob.url}), shared by every process
     * that opens the same location; empty when no blob store module is on the classpath and the URL
     * is the default.
     */
    public Optional<BlobStore> blobs() {
        return Optional.ofNullable(blobs);
    }

    /**
     * Checks the blob store against the rows that need its blobs (what {@code hive fsck} runs): reads
     * every blob to its end, streaming, and reports each blob whose content does not match its id, each
     * row whose blob is missing, and each blob no row needs. When the store cannot list the blobs its
     * rows need ({@link HiveStore#blobReferences()} is empty), only the blobs' integrity is checked and
     * the report says so. Only reads, so it is safe while other processes write; it takes as long as
     * reading the whole blob store once.
     *
     * @throws HiveException                                        {@code CONFIGURATION} when this hive has no blob store
     * @throws dev.agenthive.api.error.StorageUnavailableException the blob store or the store cannot be read
     */
    public BlobCheckReport checkBlobs() {
        return new BlobCheck(requireBlobs(), store.blobReferences(), clock).run();
    }

    /**
     * Removes the blobs no row needs that were last stored more than {@code grace} ago (what
     * {@code hive gc} runs). Safe while other processes write, as long as no write takes longer than
     * {@code grace} from putting its blob to committing its row: see {@link BlobCollector}.
     *
     * @param grace  how long an unreferenced blob is kept, positive; {@code hive gc} uses one hour
     * @param dryRun report what would be removed and delete nothing
     * @throws dev.agenthive.api.error.InvalidInputException       {@code grace} is not positive
     * @throws HiveException                                        {@code CONFIGURATION} when this hive has no blob
     *                                                              store; {@code UNSUPPORTED} when the store cannot
     *                                                              list the blobs its rows need, so none is known to
     *                                                              be garbage
     * @throws dev.agenthive.api.error.StorageUnavailableException the blob store or the store cannot be read
     */
    public BlobCollectionReport collectBlobs(Duration grace, boolean dryRun) {
        return new BlobCollector(requireBlobs(), store.blobReferences(), clock).collect(grace, dryRun);
    }

    private BlobStore requireBlobs() {
        if (blobs == null) {
            throw new HiveException(ErrorCode.CONFIGURATION, "no blob store: no provider accepts the default "
                    + HiveConfig.BLOB_URL + " (add hive-blobstore to the classpath)");
        }
        return blobs;
    }

    /** Counters of each cache region in this process, by region name; all zero when caching is off. */
    public Map<String, CacheStats> cacheStats() {
        return cache.statsByRegion();
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
     * memory, apply event retention, flush shared-memory read counts, evaluate the alert rules.
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
        failure = attempt(cache::close, failure);
        // the store first: a write in flight may still need the blob store its large content went to
        failure = attempt(store::close, failure);
        if (blobs != null) {
            failure = attempt(blobs::close, failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    static StorageSettings storageSettings(HiveConfig config, Clock clock) {
        return storageSettings(config, clock, LargeContent.inRows(), StatementListener.NONE);
    }

    private static StorageSettings storageSettings(HiveConfig config, Clock clock, LargeContent largeContent,
                                                   StatementListener statements) {
        return new StorageSettings(config.storageUrl(), config.migrate(), config.properties(), clock, largeContent,
                statements);
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

    private static void closeAfterFailure(AutoCloseable resource, Throwable cause) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("Closing {} after a failed start also failed", resource.getClass().getSimpleName(), e);
            cause.addSuppressed(e);
        }
    }
}
