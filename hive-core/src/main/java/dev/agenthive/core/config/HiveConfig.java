package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.session.UsageThresholds;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.core.alert.AlertRule;
import dev.agenthive.core.cache.HiveCache;
import dev.agenthive.core.provider.Redaction;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Immutable configuration of a hive. Sources, highest precedence first: explicit builder values,
 * system properties {@code hive.*}, environment variables {@code HIVE_*}, a {@code hive.properties}
 * file (in the working directory, or the path given by {@link Builder#configFile} or
 * {@value #CONFIG_FILE}), then the defaults. Every value is checked when the configuration is
 * built: a key that neither the core nor an installed storage provider declares, or a malformed
 * value, is an {@link InvalidInputException} naming the key; nothing is clamped. Durations are
 * written as {@link Durations} reads them ({@code 500ms}, {@code 1h}, {@code PT30S}).
 *
 * <p>The environment name of a key is the key upper-cased with {@code '.'} and {@code '-'} turned
 * into {@code '_'}: {@code hive.storage.url} is {@code HIVE_STORAGE_URL}. Variables starting with
 * {@code HIVE_TEST_} are left to the test suites and never read; other unknown {@code HIVE_*}
 * variables are logged and ignored, since the environment is shared with other programs.
 */
public final class HiveConfig {
    public static final String STORAGE_URL = "hive.storage.url";
    public static final String STORAGE_MIGRATE = "hive.storage.migrate";
    public static final String TASK_LEASE = "hive.task.lease";
    public static final String TASK_BACKOFF_INITIAL = "hive.task.backoff.initial";
    public static final String TASK_BACKOFF_MAX = "hive.task.backoff.max";
    public static final String AGENT_HEARTBEAT_TIMEOUT = "hive.agent.heartbeat-timeout";
    public static final String MESSAGE_VISIBILITY_TIMEOUT = "hive.message.visibility-timeout";
    public static final String JSON_MAX_DEPTH = "hive.json.max-depth";
    public static final String JSON_MAX_BYTES = "hive.json.max-bytes";
    public static final String MEMORY_MAX_VALUE_BYTES = "hive.memory.max-value-bytes";
    public static final String WAIT_RECHECK_INTERVAL = "hive.wait.recheck-interval";
    public static final String MAINTENANCE_INTERVAL = "hive.maintenance.interval";
    /** Service calls that take longer are logged and counted as slow operations; zero turns the log off. */
    public static final String SLOW_OPERATION = "hive.slow-operation";
    /** Prefix of the retention keys; the suffix is the lower-case severity, e.g. {@code hive.event.retention.info}. */
    public static final String EVENT_RETENTION_PREFIX = "hive.event.retention.";
    /** Share of a session's context window from which its usage level is {@code consolidate}. */
    public static final String SESSION_THRESHOLD_CONSOLIDATE = "hive.session.threshold.consolidate";
    /** Share of a session's context window from which its usage level is {@code critical}. */
    public static final String SESSION_THRESHOLD_CRITICAL = "hive.session.threshold.critical";
    /** Share of a session's context window from which its usage level is {@code sleep}. */
    public static final String SESSION_THRESHOLD_SLEEP = "hive.session.threshold.sleep";
    /** Context window of a session started on waking, when the agent has no earlier session. */
    public static final String SESSION_MAX_TOKENS = "hive.session.max-tokens";
    /** URL of the cache: {@code caffeine:} (in-process), {@code redis://host:port}, or {@code none:} for no cache. */
    public static final String CACHE_URL = "hive.cache.url";
    /** Most entries a cache region keeps in this process, unless the region sets its own. */
    public static final String CACHE_MAX_ENTRIES = "hive.cache.max-entries";
    /** Age after which a cached entry is dropped even if never invalidated, unless the region sets its own. */
    public static final String CACHE_TTL = "hive.cache.ttl";
    /**
     * Whether a process-local cache may run over a store that tells other processes of changes
     * asynchronously (PostgreSQL LISTEN/NOTIFY): another process may read a value older than a write
     * that returned until the notice arrives. Off by default: no staleness unless chosen.
     */
    public static final String CACHE_ASYNC_INVALIDATION = "hive.cache.async-invalidation";
    /** The cache regions; each may set {@code hive.cache.<region>.max-entries} and {@code hive.cache.<region>.ttl}. */
    public static final List<String> CACHE_REGIONS = List.of("agents", "agent-lists", "config", "memory", "tasks",
            "progress");
    /** The cache URL that turns caching off. */
    public static final String NO_CACHE = "none:";
    /** URL of the blob store, e.g. {@code file:.hive/blobs}. */
    public static final String BLOB_URL = "hive.blob.url";
    /** Largest blob a put accepts, in bytes. */
    public static final String BLOB_MAX_BYTES = "hive.blob.max-bytes";
    /** Content larger than this many UTF-8 bytes moves from its row to the blob store. */
    public static final String BLOB_INLINE_MAX_BYTES = LargeContent.INLINE_MAX_BYTES_KEY;
    /** The blob URL that keeps blobs inside the storage database. */
    public static final String STORE_BLOBS = "store:";
    /**
     * Prefix of the alert rules' keys, {@code hive.alert.<name>.<field>} with the fields {@code source}
     * ({@code query:<name>} or {@code meter:<name>}), {@code threshold}, {@code clear} (default: half the
     * threshold), {@code window} (default 5m), {@code severity} (default warning) and {@code enabled}
     * (default true). See {@link #alertRules()}.
     */
    public static final String ALERT_PREFIX = AlertRule.KEY_PREFIX;
    /** Path of the properties file to read instead of {@code ./hive.properties}. */
    public static final String CONFIG_FILE = "hive.config.file";
    /** Name of the properties file looked up in the working directory. */
    public static final String DEFAULT_FILE_NAME = "hive.properties";

    private final Map<String, String> properties;
    private final Map<String, String> origins;
    private final String storageUrl;
    private final boolean migrate;
    private final Duration taskLease;
    private final RetryBackoff taskBackoff;
    private final Duration agentHeartbeatTimeout;
    private final Duration messageVisibilityTimeout;
    private final int jsonMaxDepth;
    private final int jsonMaxBytes;
    private final int memoryMaxValueBytes;
    private final Duration waitRecheckInterval;
    private final Duration maintenanceInterval;
    private final Duration slowOperation;
    private final Map<Severity, Duration> eventRetention;
    private final UsageThresholds sessionThresholds;
    private final long sessionMaxTokens;
    private final String cacheUrl;
    private final HiveCache.RegionBounds cacheBounds;
    private final boolean cacheAsyncInvalidation;
    private final String blobUrl;
    private final long blobInlineMaxBytes;
    private final long blobMaxBytes;
    private final List<AlertRule> alertRules;

    private HiveConfig(ConfigValues values) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(values.values()));
        this.origins = values.origins();
        this.storageUrl = values.notBlank(STORAGE_URL);
        this.migrate = values.bool(STORAGE_MIGRATE);
        this.taskLease = values.positiveDuration(TASK_LEASE);
        this.taskBackoff = values.backoff(TASK_BACKOFF_INITIAL, TASK_BACKOFF_MAX);
        this.agentHeartbeatTimeout = values.positiveDuration(AGENT_HEARTBEAT_TIMEOUT);
        this.messageVisibilityTimeout = values.positiveDuration(MESSAGE_VISIBILITY_TIMEOUT);
        this.jsonMaxDepth = values.positiveInt(JSON_MAX_DEPTH);
        this.jsonMaxBytes = values.positiveInt(JSON_MAX_BYTES);
        this.memoryMaxValueBytes = values.positiveInt(MEMORY_MAX_VALUE_BYTES);
        this.waitRecheckInterval = values.positiveDuration(WAIT_RECHECK_INTERVAL);
        this.maintenanceInterval = values.duration(MAINTENANCE_INTERVAL);
        this.slowOperation = values.duration(SLOW_OPERATION);
        EnumMap<Severity, Duration> retention = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            retention.put(severity, values.positiveDuration(retentionKey(severity)));
        }
        this.eventRetention = Collections.unmodifiableMap(retention);
        this.sessionThresholds = values.thresholds(SESSION_THRESHOLD_CONSOLIDATE, SESSION_THRESHOLD_CRITICAL,
                SESSION_THRESHOLD_SLEEP);
        this.sessionMaxTokens = values.positiveIntAtMost(SESSION_MAX_TOKENS, NewSession.MAX_TOKENS_LIMIT);
        this.cacheUrl = values.notBlank(CACHE_URL);
        Map<String, HiveCache.RegionBounds.Bounds> perRegion = new LinkedHashMap<>();
        for (String region : CACHE_REGIONS) {
            Optional<Integer> maxEntries = values.optionalPositiveInt(cacheRegionKey(region, "max-entries"));
            Optional<Duration> ttl = values.optionalPositiveDuration(cacheRegionKey(region, "ttl"));
            if (maxEntries.isPresent() || ttl.isPresent()) {
                perRegion.put(region, new HiveCache.RegionBounds.Bounds(maxEntries.map(Integer::longValue).orElse(null),
                        ttl.orElse(null)));
            }
        }
        this.cacheAsyncInvalidation = values.bool(CACHE_ASYNC_INVALIDATION);
        this.blobUrl = values.notBlank(BLOB_URL);
        this.blobMaxBytes = values.positiveLong(BLOB_MAX_BYTES);
        this.blobInlineMaxBytes = values.positiveLong(BLOB_INLINE_MAX_BYTES);
        this.cacheBounds = new HiveCache.RegionBounds(values.positiveInt(CACHE_MAX_ENTRIES),
                values.positiveDuration(CACHE_TTL), perRegion);
        this.alertRules = values.alertRules();
    }

    /** Defaults plus every source, with the storage providers found by {@link java.util.ServiceLoader}. */
    public static HiveConfig load() {
        return builder().build();
    }

    /** A builder whose explicit values override every other source. */
    public static Builder builder() {
        return new Builder();
    }

    /** The keys the core itself reads, each with its default. */
    public static Map<String, String> coreDefaults() {
        return ConfigKeys.CORE_DEFAULTS;
    }

    /** A region's own bound key, e.g. {@code hive.cache.agents.ttl} for {@code ("agents", "ttl")}. */
    public static String cacheRegionKey(String region, String bound) {
        return "hive.cache." + region + "." + bound;
    }

    /** The retention key of a severity, e.g. {@code hive.event.retention.warning}. */
    public static String retentionKey(Severity severity) {
        return EVENT_RETENTION_PREFIX + severity.dbValue();
    }

    /** The environment variable that sets {@code key}, e.g. {@code HIVE_STORAGE_URL}. */
    public static String environmentName(String key) {
        return ConfigKeys.environmentName(key);
    }

    /** The storage URL, e.g. {@code sqlite:.hive/agent_hive.db}. */
    public String storageUrl() {
        return storageUrl;
    }

    /** Whether the store migrates its schema when opened. */
    public boolean migrate() {
        return migrate;
    }

    /** Default lease of a claimed task. */
    public Duration taskLease() {
        return taskLease;
    }

    /** Backoff before a task that failed retryably is claimable again. */
    public RetryBackoff taskBackoff() {
        return taskBackoff;
    }

    /** Agents whose last heartbeat is older than this are marked crashed by maintenance. */
    public Duration agentHeartbeatTimeout() {
        return agentHeartbeatTimeout;
    }

    /** How long a delivered, unacknowledged message stays hidden before it is delivered again. */
    public Duration messageVisibilityTimeout() {
        return messageVisibilityTimeout;
    }

    /** Deepest nesting of arrays and objects accepted in any JSON input. */
    public int jsonMaxDepth() {
        return jsonMaxDepth;
    }

    /** Largest JSON input accepted, in UTF-8 bytes. */
    public int jsonMaxBytes() {
        return jsonMaxBytes;
    }

    /** Largest shared-memory value accepted, in UTF-8 bytes of its normalised text. */
    public int memoryMaxValueBytes() {
        return memoryMaxValueBytes;
    }

    /**
     * How often a waiting claim or inbox asks the store again when no signal came; bounds how late
     * work written by another process is seen.
     */
    public Duration waitRecheckInterval() {
        return waitRecheckInterval;
    }

    /** Period of the background maintenance; zero disables it. */
    public Duration maintenanceInterval() {
        return maintenanceInterval;
    }

    /**
     * Service calls that take longer than this are logged once at WARN, counted and recorded as
     * {@code operation.slow} events; zero turns the slow-operation log off.
     */
    public Duration slowOperation() {
        return slowOperation;
    }

    /** How long events of the severity are kept. */
    public Duration eventRetention(Severity severity) {
        return eventRetention.get(Objects.requireNonNull(severity, "severity is null"));
    }

    /** Retention of every severity. */
    public Map<Severity, Duration> eventRetention() {
        return eventRetention;
    }

    /**
     * The shares of a session's context window at which it reaches each usage level; checked
     * {@code 0 < consolidate < critical < sleep <= 1}.
     */
    public UsageThresholds sessionThresholds() {
        return sessionThresholds;
    }

    /** Context window of a session started on waking, when the agent has no earlier session. */
    public long sessionMaxTokens() {
        return sessionMaxTokens;
    }

    /** The cache URL; {@value #NO_CACHE} turns caching off. */
    public String cacheUrl() {
        return cacheUrl;
    }

    /** The blob store URL, e.g. {@code file:.hive/blobs}. */
    public String blobUrl() {
        return blobUrl;
    }

    /** Largest blob a put accepts, in bytes. */
    public long blobMaxBytes() {
        return blobMaxBytes;
    }

    /** Content larger than this many UTF-8 bytes moves from its row to the blob store. */
    public long blobInlineMaxBytes() {
        return blobInlineMaxBytes;
    }

    /** Whether a process-local cache may serve values until an asynchronous change notice arrives. */
    public boolean cacheAsyncInvalidation() {
        return cacheAsyncInvalidation;
    }

    /** Entry bounds of the cache regions. */
    public HiveCache.RegionBounds cacheBounds() {
        return cacheBounds;
    }

    /**
     * The alert rules maintenance evaluates: every name some {@value #ALERT_PREFIX}{@code <name>.*} key
     * sets, the rules shipped on by default included (queue-depth, dead-letters, crashed-agents,
     * error-rate), less those set {@code enabled=false}; sorted by name.
     */
    public List<AlertRule> alertRules() {
        return alertRules;
    }

    /** Every resolved {@code hive.*} key with its value (defaults included), sorted by key. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The resolved value of a key, if any source or default sets it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /**
     * Where the value of a key came from: {@code "default"}, {@code "builder"},
     * {@code "system property"}, {@code "environment HIVE_..."} or {@code "file <path>"}.
     */
    public Optional<String> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    /** The resolved settings, with secrets masked and URL credentials removed. */
    @Override
    public String toString() {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + Redaction.setting(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "HiveConfig{", "}"));
    }

    /**
     * Collects the sources. Not thread-safe; {@link #build()} may be called more than once and
     * reads the system properties, environment and file again each time.
     */
    public static final class Builder {
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private final List<StorageProvider> providers = new ArrayList<>();
        private Map<String, String> environment;
        private Properties systemProperties;
        private boolean readFile = true;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** Sets a key explicitly; it wins over every other source. */
        public Builder set(String key, String value) {
            explicit.put(Objects.requireNonNull(key, "key is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** Sets {@value HiveConfig#STORAGE_URL}. */
        public Builder storageUrl(String url) {
            return set(STORAGE_URL, url);
        }

        /** Sets {@value HiveConfig#CACHE_URL}. */
        public Builder cacheUrl(String url) {
            return set(CACHE_URL, url);
        }

        /** Sets {@value HiveConfig#BLOB_URL}. */
        public Builder blobUrl(String url) {
            return set(BLOB_URL, url);
        }

        /** Sets {@value HiveConfig#STORAGE_MIGRATE}. */
        public Builder migrate(boolean migrate) {
            return set(STORAGE_MIGRATE, Boolean.toString(migrate));
        }

        /** Sets a duration-valued key, e.g. {@link HiveConfig#TASK_LEASE}. */
        public Builder set(String key, Duration value) {
            return set(key, Durations.format(Objects.requireNonNull(value, "value is null")));
        }

        /** Sets {@value HiveConfig#MAINTENANCE_INTERVAL}; zero disables background maintenance. */
        public Builder maintenanceInterval(Duration interval) {
            return set(MAINTENANCE_INTERVAL, interval);
        }

        /** Reads this properties file (which must exist) instead of {@code ./hive.properties}. */
        public Builder configFile(Path file) {
            readFile = true;
            return set(CONFIG_FILE, Objects.requireNonNull(file, "file is null").toString());
        }

        /** Reads no properties file at all. */
        public Builder noConfigFile() {
            readFile = false;
            explicit.remove(CONFIG_FILE);
            return this;
        }

        /** Uses this map instead of {@link System#getenv()}. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
            return this;
        }

        /** Uses these properties instead of {@link System#getProperties()}. */
        public Builder systemProperties(Properties properties) {
            Properties copy = new Properties();
            copy.putAll(Objects.requireNonNull(properties, "properties is null"));
            this.systemProperties = copy;
            return this;
        }

        /** Only explicit values and defaults: no environment, system properties or file. */
        public Builder isolated() {
            environment(Map.of());
            systemProperties(new Properties());
            return noConfigFile();
        }

        /**
         * Storage providers registered outside {@link java.util.ServiceLoader} (e.g. bound in Guice);
         * their {@link StorageProvider#configKeys()} count as known keys.
         */
        public Builder storageProviders(Collection<? extends StorageProvider> storageProviders) {
            providers.addAll(Objects.requireNonNull(storageProviders, "storageProviders is null"));
            return this;
        }

        /** Class loader whose {@link java.util.ServiceLoader} providers declare further keys; default: the context loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader is null");
            return this;
        }

        /**
         * Resolves every source and checks every key and value.
         *
         * @throws InvalidInputException an unknown key, a malformed value, or an unreadable file
         */
        public HiveConfig build() {
            ConfigKeys keys = ConfigKeys.withProviderKeys(ProviderKeys.discover(classLoader, providers));
            ConfigSources sources = new ConfigSources(keys, explicit,
                    environment != null ? environment : System.getenv(),
                    systemProperties != null ? systemProperties : System.getProperties(), readFile);
            return new HiveConfig(sources.resolve());
        }
    }
}
