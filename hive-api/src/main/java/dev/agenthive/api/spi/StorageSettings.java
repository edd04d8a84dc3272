package dev.agenthive.api.spi;

import dev.agenthive.api.Checks;
import dev.agenthive.api.observe.StatementListener;

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
 * @param statements   hears the names of the statements the store runs for the operation in progress,
 *                   for the slow-operation log; {@link StatementListener#NONE} when nobody listens, and a
 *                   store that names no statements may ignore it
 */
public record StorageSettings(String url, boolean migrate, Map<String, String> properties, Clock clock,
                              LargeContent largeContent, StatementListener statements) {
    public StorageSettings {
        Checks.notBlank(url, "hive.storage.url");
        properties = Map.copyOf(Checks.notNull(properties, "properties"));
        Checks.notNull(clock, "clock");
        Checks.notNull(largeContent, "largeContent");
        Checks.notNull(statements, "statements");
    }

    /** Settings whose statements nobody listens to. */
    public StorageSettings(String url, boolean migrate, Map<String, String> properties, Clock clock,
                           LargeContent largeContent) {
        this(url, migrate, properties, clock, largeContent, StatementListener.NONE);
    }

    /** Settings that keep every content in its row. */
    public StorageSettings(String url, boolean migrate, Map<String, String> properties, Clock clock) {
        this(url, migrate, properties, clock, LargeContent.inRows());
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
