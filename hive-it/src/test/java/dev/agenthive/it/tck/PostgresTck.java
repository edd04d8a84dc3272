package dev.agenthive.it.tck;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a PostgreSQL store the way users do: through the SPI, by URL, with migration on, each on a
 * database of its own that is dropped when the store is closed.
 */
final class PostgresTck {

    private PostgresTck() {
    }

    /** A fresh, migrated store on a new database. */
    static HiveStore open() {
        String url = PostgresTestServer.get().freshDatabase();
        List<StorageProvider> accepting = ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.accepts(url))
                .toList();
        assertThat(accepting).as("providers accepting %s", url).hasSize(1);
        return accepting.get(0).open(new StorageSettings(url, true, Map.of(), Clock.systemUTC()));
    }

    /** Closes the store (again, if the test closed it already), then drops its database. */
    static void close(HiveStore store) {
        String location = store.location();
        store.close();
        PostgresTestServer.get().drop(location);
    }
}
