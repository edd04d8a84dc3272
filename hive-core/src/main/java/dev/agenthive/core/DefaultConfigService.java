package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigQuery;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.service.ConfigService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ConfigService} over a {@link HiveStore}; every value is validated and normalised first. */
final class DefaultConfigService implements ConfigService {
    private final HiveStore store;
    private final JsonCodec codec;

    DefaultConfigService(HiveStore store, JsonCodec codec) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
    }

    @Override
    public ConfigEntry setSystem(String category, String key, Json value) {
        return put(ConfigKey.system(category, key), value, null);
    }

    @Override
    public ConfigEntry setForAgent(String agentId, String category, String key, Json value) {
        return put(ConfigKey.agent(agentId, category, key), value, null);
    }

    @Override
    public ConfigEntry put(ConfigKey key, Json value, Long expectedVersion) {
        Checks.notNull(key, "config.configKey");
        return store.configurations().put(new ConfigWrite(key, codec.normalize(value, "config.value"), expectedVersion));
    }

    @Override
    public Optional<ConfigEntry> find(ConfigKey key) {
        return store.configurations().find(Checks.notNull(key, "config.configKey"));
    }

    @Override
    public Optional<ConfigEntry> effective(String agentId, String category, String key) {
        return store.configurations().effective(Checks.id(agentId, "config.agentId"),
                Checks.id(category, "config.category"), Checks.id(key, "config.key"));
    }

    @Override
    public boolean delete(ConfigKey key, Long expectedVersion) {
        return store.configurations().delete(Checks.notNull(key, "config.configKey"), expectedVersion);
    }

    @Override
    public List<ConfigEntry> list(ConfigQuery query) {
        return store.configurations().list(Checks.notNull(query, "configQuery"));
    }
}
