package dev.agenthive.api.spi;

import dev.agenthive.api.Checks;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link CacheProvider} needs to open a cache.
 *
 * @param url        the cache URL, e.g. {@code caffeine:} or {@code redis://host:6379}
 * @param properties every configuration key with its value; a provider reads its own
 *                   {@code hive.cache.<name>.*} keys
 * @param clock      the clock entry ages are measured with
 */
public record CacheSettings(String url, Map<String, String> properties, Clock clock) {
    public CacheSettings {
        Checks.notBlank(url, "hive.cache.url");
        properties = Map.copyOf(Checks.notNull(properties, "properties"));
        Checks.notNull(clock, "clock");
    }

    /** The value of a key, if set. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
