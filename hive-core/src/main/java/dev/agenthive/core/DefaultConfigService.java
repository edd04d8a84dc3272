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
    private final HotReads hot;

    DefaultConfigService(HiveStore store, JsonCodec codec, HotReads hot) {
        this.hot = Objects.requireNonNull(hot, "hot is null");
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
        ConfigWrite write = new ConfigWrite(key, codec.normalize(value, "config.value"), expectedVersion);
        return HotReads.afterWrite(() -> store.configurations().put(write), () -> hot.config().invalidateAll());
    }

    @Override
    public Optional<ConfigEntry> find(ConfigKey key) {
        return store.configurations().find(Checks.notNull(key, "config.configKey"));
    }

    @Override
    public Optional<ConfigEntry> effective(String agentId, String category, String key) {
        Checks.id(agentId, "config.agentId");
        Checks.id(category, "config.category");
        Checks.id(key, "config.key");
        HotReads.EffectiveConfig effective = hot.config().read(HotReads.key(agentId, category, key),
                () -> new HotReads.EffectiveConfig(store.configurations().effective(agentId, category, key).orElse(null)));
        return Optional.ofNullable(effective.entry());
    }

    @Override
    public boolean delete(ConfigKey key, Long expectedVersion) {
        Checks.notNull(key, "config.configKey");
        return HotReads.afterWrite(() -> store.configurations().delete(key, expectedVersion),
                () -> hot.config().invalidateAll());
    }

    @Override
    public List<ConfigEntry> list(ConfigQuery query) {
        return store.configurations().list(Checks.notNull(query, "configQuery"));
    }
}
