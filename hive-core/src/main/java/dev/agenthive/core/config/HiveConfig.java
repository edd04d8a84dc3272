package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.session.UsageThresholds;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.core.provider.Redaction;
import dev.agenthive.core.provider.StorageProviders;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Immutable configuration of a hive. Sources, highest precedence first: explicit builder values,
 * system properties {@code hive.*}, environment variables {@code HIVE_*}, a {@code hive.properties}
 * file (in the working directory, or the path given by {@link Builder#configFile} or
 * {@value #CONFIG_FILE}), then the defaults. Every value is checked when the configuration is
 * built: a key that neither the core nor an installed storage provider declares, or a malformed
 * value, is an {@link InvalidInputException} naming the key; nothing is clamped.
 *
 * <p>The environment name of a key is the key upper-cased with {@code '.'} and {@code '-'} turned
 * into {@code '_'}: {@code hive.storage.url} is {@code HIVE_STORAGE_URL}. Variables starting with
 * {@code HIVE_TEST_} are left to the test suites and never read; other unknown {@code HIVE_*}
 * variables are logged and ignored, since the environment is shared with other programs.
 */
public final class HiveConfig {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HiveConfig.class);

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
    /** Path of the properties file to read instead of {@code ./hive.properties}. */
    public static final String CONFIG_FILE = "hive.config.file";
    /** Name of the properties file looked up in the working directory. */
    public static final String DEFAULT_FILE_NAME = "hive.properties";

    private static final String KEY_PREFIX = "hive.";
    private static final String ENV_PREFIX = "HIVE_";
    private static final String TEST_ENV_PREFIX = "HIVE_TEST_";
    private static final Map<String, String> DEFAULTS = defaults();

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
    private final Map<Severity, Duration> eventRetention;
    private final UsageThresholds sessionThresholds;
    private final long sessionMaxTokens;

    private HiveConfig(Map<String, String> properties, Map<String, String> origins) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.origins = Map.copyOf(origins);
        Values values = new Values(properties, origins);
        this.storageUrl = values.notBlank(STORAGE_URL);
        this.migrate = values.bool(STORAGE_MIGRATE);
        this.taskLease = values.positiveDuration(TASK_LEASE);
        Duration backoffInitial = values.duration(TASK_BACKOFF_INITIAL);
        Duration backoffMax = values.duration(TASK_BACKOFF_MAX);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw values.invalid(TASK_BACKOFF_MAX, "must not be less than " + TASK_BACKOFF_INITIAL
                    + " (" + Durations.format(backoffInitial) + ")");
        }
        this.taskBackoff = new RetryBackoff(backoffInitial, backoffMax);
        this.agentHeartbeatTimeout = values.positiveDuration(AGENT_HEARTBEAT_TIMEOUT);
        this.messageVisibilityTimeout = values.positiveDuration(MESSAGE_VISIBILITY_TIMEOUT);
        this.jsonMaxDepth = values.positiveInt(JSON_MAX_DEPTH);
        this.jsonMaxBytes = values.positiveInt(JSON_MAX_BYTES);
        this.memoryMaxValueBytes = values.positiveInt(MEMORY_MAX_VALUE_BYTES);
        this.waitRecheckInterval = values.positiveDuration(WAIT_RECHECK_INTERVAL);
        this.maintenanceInterval = values.duration(MAINTENANCE_INTERVAL);
        EnumMap<Severity, Duration> retention = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            retention.put(severity, values.positiveDuration(retentionKey(severity)));
        }
        this.eventRetention = Collections.unmodifiableMap(retention);
        this.sessionThresholds = sessionThresholds(values);
        this.sessionMaxTokens = values.positiveInt(SESSION_MAX_TOKENS);
        if (sessionMaxTokens > NewSession.MAX_TOKENS_LIMIT) {
            throw values.invalid(SESSION_MAX_TOKENS, "must be at most " + NewSession.MAX_TOKENS_LIMIT);
        }
    }

    /** The thresholds, checked key by key so that a failure names the key to fix. */
    private static UsageThresholds sessionThresholds(Values values) {
        double consolidate = values.fraction(SESSION_THRESHOLD_CONSOLIDATE);
        double critical = values.fraction(SESSION_THRESHOLD_CRITICAL);
        double sleep = values.fraction(SESSION_THRESHOLD_SLEEP);
        if (consolidate <= 0) {
            throw values.invalid(SESSION_THRESHOLD_CONSOLIDATE, "must be above 0");
        }
        if (critical <= consolidate) {
            throw values.invalid(SESSION_THRESHOLD_CRITICAL, "must be above " + SESSION_THRESHOLD_CONSOLIDATE
                    + " (" + consolidate + ")");
        }
        if (sleep <= critical) {
            throw values.invalid(SESSION_THRESHOLD_SLEEP, "must be above " + SESSION_THRESHOLD_CRITICAL
                    + " (" + critical + ")");
        }
        if (sleep > 1) {
            throw values.invalid(SESSION_THRESHOLD_SLEEP, "must be at most 1");
        }
        return new UsageThresholds(consolidate, critical, sleep);
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
        return DEFAULTS;
    }

    /** The retention key of a severity, e.g. {@code hive.event.retention.warning}. */
    public static String retentionKey(Severity severity) {
        return EVENT_RETENTION_PREFIX + severity.dbValue();
    }

    /** The environment variable that sets {@code key}, e.g. {@code HIVE_STORAGE_URL}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(STORAGE_URL, "sqlite:.hive/agent_hive.db");
        defaults.put(STORAGE_MIGRATE, "true");
        defaults.put(TASK_LEASE, "30s");
        defaults.put(TASK_BACKOFF_INITIAL, "1s");
        defaults.put(TASK_BACKOFF_MAX, "5m");
        defaults.put(AGENT_HEARTBEAT_TIMEOUT, "60s");
        defaults.put(MESSAGE_VISIBILITY_TIMEOUT, "30s");
        defaults.put(JSON_MAX_DEPTH, "64");
        defaults.put(JSON_MAX_BYTES, "1048576");
        defaults.put(MEMORY_MAX_VALUE_BYTES, "1048576");
        defaults.put(WAIT_RECHECK_INTERVAL, "250ms");
        defaults.put(MAINTENANCE_INTERVAL, "5s");
        defaults.put(retentionKey(Severity.DEBUG), "1d");
        defaults.put(retentionKey(Severity.INFO), "7d");
        defaults.put(retentionKey(Severity.WARNING), "30d");
        defaults.put(retentionKey(Severity.ERROR), "90d");
        defaults.put(retentionKey(Severity.CRITICAL), "365d");
        defaults.put(SESSION_THRESHOLD_CONSOLIDATE, "0.75");
        defaults.put(SESSION_THRESHOLD_CRITICAL, "0.85");
        defaults.put(SESSION_THRESHOLD_SLEEP, "0.95");
        defaults.put(SESSION_MAX_TOKENS, "200000");
        return Collections.unmodifiableMap(defaults);
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
            ClassLoader loader = classLoader != null ? classLoader : contextLoader();
            Set<String> known = new TreeSet<>(DEFAULTS.keySet());
            known.add(CONFIG_FILE);
            known.addAll(StorageProviders.discover(loader, providers).configKeys());
            Map<String, String> byEnvironmentName = new HashMap<>();
            for (String key : known) {
                byEnvironmentName.put(environmentName(key), key);
            }

            Map<String, String> resolved = new HashMap<>(DEFAULTS);
            Map<String, String> origins = new HashMap<>();
            DEFAULTS.keySet().forEach(key -> origins.put(key, "default"));

            Map<String, String> fromSystem = systemLayer(known);
            Map<String, String> fromEnvironment = environmentLayer(known, byEnvironmentName);
            for (Map.Entry<String, String> entry : explicit.entrySet()) {
                requireKnown(entry.getKey(), known, "builder");
            }

            Optional<Path> file = configFilePath(fromSystem, fromEnvironment);
            if (file.isPresent()) {
                Path path = file.get();
                for (Map.Entry<String, String> entry : fileLayer(path, known).entrySet()) {
                    resolved.put(entry.getKey(), entry.getValue());
                    origins.put(entry.getKey(), "file " + path);
                }
            }
            for (Map.Entry<String, String> entry : fromEnvironment.entrySet()) {
                resolved.put(entry.getKey(), entry.getValue());
                origins.put(entry.getKey(), "environment " + environmentName(entry.getKey()));
            }
            for (Map.Entry<String, String> entry : fromSystem.entrySet()) {
                resolved.put(entry.getKey(), entry.getValue());
                origins.put(entry.getKey(), "system property");
            }
            for (Map.Entry<String, String> entry : explicit.entrySet()) {
                resolved.put(entry.getKey(), entry.getValue());
                origins.put(entry.getKey(), "builder");
            }
            return new HiveConfig(resolved, origins);
        }

        private Map<String, String> systemLayer(Set<String> known) {
            Properties source = systemProperties != null ? systemProperties : System.getProperties();
            Map<String, String> layer = new TreeMap<>();
            for (String name : source.stringPropertyNames()) {
                if (name.startsWith(KEY_PREFIX)) {
                    requireKnown(name, known, "system property");
                    layer.put(name, source.getProperty(name));
                }
            }
            return layer;
        }

        private Map<String, String> environmentLayer(Set<String> known, Map<String, String> byEnvironmentName) {
            Map<String, String> source = environment != null ? environment : System.getenv();
            Map<String, String> layer = new TreeMap<>();
            for (Map.Entry<String, String> entry : new TreeMap<>(source).entrySet()) {
                String name = entry.getKey();
                if (!name.startsWith(ENV_PREFIX) || name.startsWith(TEST_ENV_PREFIX)) {
                    continue;
                }
                String key = byEnvironmentName.get(name);
                if (key == null) {
                    // The environment is shared with other software (Apache Hive's HIVE_HOME, say), so an
                    // unknown variable is reported, not fatal; files and system properties stay strict.
                    List<String> environmentNames = known.stream().map(HiveConfig::environmentName).toList();
                    LOG.warn("ignoring environment variable {}: not a known configuration variable{}", name,
                            suggestions(name, environmentNames));
                    continue;
                }
                layer.put(key, entry.getValue());
            }
            return layer;
        }

        private Optional<Path> configFilePath(Map<String, String> fromSystem, Map<String, String> fromEnvironment) {
            if (!readFile) {
                return Optional.empty();
            }
            String given = explicit.getOrDefault(CONFIG_FILE,
                    fromSystem.getOrDefault(CONFIG_FILE, fromEnvironment.get(CONFIG_FILE)));
            if (given != null) {
                if (given.isBlank()) {
                    throw new InvalidInputException(CONFIG_FILE, "must not be blank");
                }
                Path path = Path.of(given).toAbsolutePath().normalize();
                if (!Files.isRegularFile(path)) {
                    throw new InvalidInputException(CONFIG_FILE, "must name an existing file, was '" + path + "'");
                }
                return Optional.of(path);
            }
            Path implicit = Path.of(DEFAULT_FILE_NAME).toAbsolutePath().normalize();
            return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
        }

        private static Map<String, String> fileLayer(Path path, Set<String> known) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidInputException(CONFIG_FILE, "must be a readable UTF-8 properties file, '" + path
                        + "' failed: " + e.getMessage(), e);
            }
            Map<String, String> layer = new TreeMap<>();
            String origin = "file " + path;
            for (String name : file.stringPropertyNames()) {
                if (name.equals(CONFIG_FILE)) {
                    throw new InvalidInputException(name, "cannot be set inside the configuration file (" + origin + ")");
                }
                requireKnown(name, known, origin);
                layer.put(name, file.getProperty(name).trim());
            }
            return layer;
        }

        private static void requireKnown(String key, Set<String> known, String origin) {
            if (!known.contains(key)) {
                throw new InvalidInputException(key, "is not a known configuration key (from " + origin + ")"
                        + suggestions(key, known));
            }
        }

        private static ClassLoader contextLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : HiveConfig.class.getClassLoader();
        }
    }

    /** "; did you mean ..." with the closest known names, or the list of known names when none is close. */
    static String suggestions(String name, Collection<String> known) {
        List<String> close = known.stream()
                .map(candidate -> Map.entry(candidate, editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 4))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(Map.Entry::getKey)
                .toList();
        if (!close.isEmpty()) {
            return "; did you mean " + String.join(" or ", close) + "?";
        }
        return "; known: " + known.stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Typed reads of resolved values; every failure names the key, the rule and the value's origin. */
    private record Values(Map<String, String> values, Map<String, String> origins) {
        String raw(String key) {
            return values.get(key).trim();
        }

        InvalidInputException invalid(String key, String rule) {
            return new InvalidInputException(key, rule + ", was '" + values.get(key) + "' (from "
                    + origins.getOrDefault(key, "default") + ")");
        }

        String notBlank(String key) {
            if (raw(key).isEmpty()) {
                throw invalid(key, "must not be blank");
            }
            return raw(key);
        }

        boolean bool(String key) {
            String value = raw(key).toLowerCase(Locale.ROOT);
            if (value.equals("true")) {
                return true;
            }
            if (value.equals("false")) {
                return false;
            }
            throw invalid(key, "must be true or false");
        }

        int positiveInt(String key) {
            int value;
            try {
                value = Integer.parseInt(raw(key));
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a whole number up to " + Integer.MAX_VALUE);
            }
            if (value <= 0) {
                throw invalid(key, "must be positive");
            }
            return value;
        }

        double fraction(String key) {
            double value;
            try {
                value = new BigDecimal(raw(key)).doubleValue();
            } catch (NumberFormatException e) {
                throw invalid(key, "must be a decimal number such as 0.75");
            }
            if (!Double.isFinite(value)) {
                throw invalid(key, "must be a finite number");
            }
            return value;
        }

        Duration duration(String key) {
            try {
                return Durations.parse(key, raw(key));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(key, e.rule() + " (from " + origins.getOrDefault(key, "default") + ")", e);
            }
        }

        Duration positiveDuration(String key) {
            Duration duration = duration(key);
            if (duration.isZero()) {
                throw invalid(key, "must be a positive duration");
            }
            return duration;
        }
    }
}
