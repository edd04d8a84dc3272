package dev.agenthive.api.spi;

import dev.agenthive.api.Checks;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link StorageProvider} needs to open a store.
 *
 * @param url        the storage URL
 * @param migrate    run schema migrations on open
 * @param properties every configuration key with its value (e.g. {@code hive.sqlite.synchronous});
 *                   a provider reads its own {@code hive.<name>.*} keys and rejects unknown ones there
 * @param clock      the store's clock: embedded stores use it as it is; a server store may add the
 *                   offset from this machine's clock to the server's (PostgreSQL does), so that every
 *                   process keeps leases on the server's time line
 * @param largeContent where content too large for a row goes; the store does not own (or close) a
 *                   blob store named there
 */
public record StorageSettings(String url, boolean migrate, Map<String, String> properties, Clock clock,
                              LargeContent largeContent) {
    public StorageSettings {
        Checks.notBlank(url, "hive.storage.url");
        properties = Map.copyOf(Checks.notNull(properties, "properties"));
        Checks.notNull(clock, "clock");
        Checks.notNull(largeContent, "largeContent");
    }

    /** Settings that keep every content in its row. */
    public StorageSettings(String url, boolean migrate, Map<String, String> properties, Clock clock) {
        this(url, migrate, properties, clock, LargeContent.inRows());
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
