package dev.agenthive.core.config;

import dev.agenthive.api.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Where values come from and which one wins. Precedence, highest first: explicit builder values,
 * system properties {@code hive.*}, environment variables {@code HIVE_*}, the properties file, the
 * defaults. Unknown keys from the builder, a system property or the file fail; unknown
 * {@code HIVE_*} variables are logged and skipped, since the environment is shared with other
 * software, and {@code HIVE_TEST_*} belongs to the test suites and is never read.
 *
 * @param keys             the known keys
 * @param explicit         values set on the builder, in the order they were set
 * @param environment      the environment variables
 * @param systemProperties the system properties
 * @param readFile         whether a properties file is read at all
 */
record ConfigSources(ConfigKeys keys, Map<String, String> explicit, Map<String, String> environment,
                     Properties systemProperties, boolean readFile) {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);
    private static final String KEY_PREFIX = "hive.";
    private static final String ENV_PREFIX = "HIVE_";
    private static final String TEST_ENV_PREFIX = "HIVE_TEST_";
    private static final String BUILDER = "builder";
    private static final String SYSTEM_PROPERTY = "system property";

    ConfigSources {
        Objects.requireNonNull(keys, "keys is null");
        explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        environment = Map.copyOf(environment);
        Properties copy = new Properties();
        copy.putAll(systemProperties);
        systemProperties = copy;
    }

    /**
     * Reads every source once and layers them over the defaults.
     *
     * @throws InvalidInputException an unknown key, or a missing or unreadable file
     */
    ConfigValues resolve() {
        Map<String, String> fromSystem = systemLayer();
        Map<String, String> fromEnvironment = environmentLayer();
        explicit.keySet().forEach(key -> keys.requireKnown(key, BUILDER));

        Map<String, String> values = new HashMap<>(ConfigKeys.CORE_DEFAULTS);
        Map<String, String> origins = new HashMap<>();
        ConfigKeys.CORE_DEFAULTS.keySet().forEach(key -> origins.put(key, "default"));
        Optional<Path> file = configFile(fromSystem, fromEnvironment);
        if (file.isPresent()) {
            String origin = "file " + file.get();
            layer(values, origins, fileLayer(file.get(), origin), key -> origin);
        }
        layer(values, origins, fromEnvironment, key -> "environment " + ConfigKeys.environmentName(key));
        layer(values, origins, fromSystem, key -> SYSTEM_PROPERTY);
        layer(values, origins, explicit, key -> BUILDER);
        return new ConfigValues(values, origins);
    }

    private static void layer(Map<String, String> values, Map<String, String> origins, Map<String, String> layer,
                              UnaryOperator<String> origin) {
        layer.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, origin.apply(key));
        });
    }

    private Map<String, String> systemLayer() {
        Map<String, String> layer = new TreeMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(KEY_PREFIX)) {
                keys.requireKnown(name, SYSTEM_PROPERTY);
                layer.put(name, systemProperties.getProperty(name));
            }
        }
        return layer;
    }

    private Map<String, String> environmentLayer() {
        Map<String, String> layer = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(ENV_PREFIX) || name.startsWith(TEST_ENV_PREFIX)) {
                continue;
            }
            Optional<String> key = keys.forEnvironmentName(name);
            if (key.isEmpty()) {
                // The environment is shared with other software (Apache Hive's HIVE_HOME, say), so an
                // unknown variable is reported, not fatal; files and system properties stay strict.
                LOG.warn("ignoring environment variable {}: not a known configuration variable{}", name,
                        keys.environmentSuggestions(name));
                continue;
            }
            layer.put(key.get(), entry.getValue());
        }
        return layer;
    }

    private Optional<Path> configFile(Map<String, String> fromSystem, Map<String, String> fromEnvironment) {
        if (!readFile) {
            return Optional.empty();
        }
        String given = explicit.getOrDefault(HiveConfig.CONFIG_FILE,
                fromSystem.getOrDefault(HiveConfig.CONFIG_FILE, fromEnvironment.get(HiveConfig.CONFIG_FILE)));
        if (given != null) {
            if (given.isBlank()) {
                throw new InvalidInputException(HiveConfig.CONFIG_FILE, "must not be blank");
            }
            Path path = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(HiveConfig.CONFIG_FILE, "must name an existing file, was '" + path + "'");
            }
            return Optional.of(path);
        }
        Path implicit = Path.of(HiveConfig.DEFAULT_FILE_NAME).toAbsolutePath().normalize();
        return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
    }

    private Map<String, String> fileLayer(Path path, String origin) {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(HiveConfig.CONFIG_FILE, "must be a readable UTF-8 properties file, '" + path
                    + "' failed: " + e.getMessage(), e);
        }
        Map<String, String> layer = new TreeMap<>();
        for (String name : file.stringPropertyNames()) {
            if (name.equals(HiveConfig.CONFIG_FILE)) {
                throw new InvalidInputException(name, "cannot be set inside the configuration file (" + origin + ")");
            }
            keys.requireKnown(name, origin);
            layer.put(name, file.getProperty(name).trim());
        }
        return layer;
    }
}
