package dev.agenthive.store.jdbc.configuration;

import dev.agenthive.api.Checks;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigScope;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.configuration.ConfigurationRepository;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.store.jdbc.agent.AgentMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ConfigurationRepository} over SQL. Writes read the current row and then change it with an
 * UPDATE guarded by the version they saw, so a compare-and-set can never overwrite a newer value;
 * the unique index on the key backs the insert of a new key.
 */
public final class JdbcConfigurationRepository implements ConfigurationRepository {
    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;

    public JdbcConfigurationRepository(SqlExecutor executor, Clock clock, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<ConfigEntry> find(ConfigKey key) {
        Checks.notNull(key, "config.configKey");
        return executor.read(session -> Optional.ofNullable(session.getMapper(ConfigurationMapper.class).find(key)));
    }

    @Override
    public Optional<ConfigEntry> effective(String agentId, String category, String key) {
        Checks.id(agentId, "config.agentId");
        Checks.id(category, "config.category");
        Checks.id(key, "config.key");
        return executor.read(session -> Optional.ofNullable(
                session.getMapper(ConfigurationMapper.class).effective(agentId, category, key)));
    }

    @Override
    public ConfigEntry put(ConfigWrite write) {
        Checks.notNull(write, "config");
        jsonValidator.requireValid(write.value(), "configurations_value_json");
        ConfigKey key = write.configKey();
        return executor.write(session -> {
            ConfigurationMapper mapper = session.getMapper(ConfigurationMapper.class);
            ConfigEntry current = mapper.find(key);
            Long expected = write.expectedVersion();
            if (expected != null) {
                long found = current == null ? 0 : current.version();
                if (found != expected) {
                    throw mismatch(key, expected, found);
                }
            }
            Instant now = clock.instant();
            if (current == null) {
                if (key.scope() == ConfigScope.AGENT && !session.getMapper(AgentMapper.class).exists(key.agentId())) {
                    throw new NotFoundException("agent", key.agentId());
                }
                mapper.insert(key, write.value(), now);
            } else if (mapper.update(key, write.value(), current.version(), now) != 1) {
                ConfigEntry after = mapper.find(key);
                throw mismatch(key, current.version(), after == null ? 0 : after.version());
            }
            return mapper.find(key);
        });
    }

    @Override
    public boolean delete(ConfigKey key, Long expectedVersion) {
        Checks.notNull(key, "config.configKey");
        if (expectedVersion != null && expectedVersion < 0) {
            throw new InvalidInputException("config.expectedVersion",
                    "must be 0 (absent) or a positive version, was " + expectedVersion);
        }
        return executor.write(session -> {
            ConfigurationMapper mapper = session.getMapper(ConfigurationMapper.class);
            ConfigEntry current = mapper.find(key);
            long found = current == null ? 0 : current.version();
            if (expectedVersion != null && found != expectedVersion) {
                throw mismatch(key, expectedVersion, found);
            }
            return current != null && mapper.delete(key, current.version()) == 1;
        });
    }

    @Override
    public List<ConfigEntry> list(ConfigQuery query) {
        Checks.notNull(query, "configQuery");
        return executor.read(session -> List.copyOf(session.getMapper(ConfigurationMapper.class)
                .list(query.scope(), query.agentId(), query.category(), query.limit())));
    }

    private static ConflictException mismatch(ConfigKey key, long expected, long found) {
        return new ConflictException(ErrorCode.VERSION_MISMATCH, "config " + describe(key) + ": expected version "
                + expected + ", found " + (found == 0 ? "none" : String.valueOf(found)));
    }

    private static String describe(ConfigKey key) {
        String owner = key.scope() == ConfigScope.SYSTEM ? "system" : "agent '" + key.agentId() + "'";
        return owner + " '" + key.category() + "/" + key.key() + "'";
    }
}
