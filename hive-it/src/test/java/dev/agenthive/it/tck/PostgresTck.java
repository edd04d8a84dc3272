package dev.agenthive.it.tck;

import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a PostgreSQL store the way users do: through the SPI, by URL, with migration on, each on a
 * migrated database that no other open store uses and whose tables are empty. A closed store's
 * database is emptied and handed to the next test (creating a database costs about 30 times as
 * much); on an external server the databases left at the end are dropped when the JVM exits.
 */
final class PostgresTck {
    private static final Queue<String> EMPTIED = new ConcurrentLinkedQueue<>();

    static {
        if (PostgresTestServer.get().external()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (String url; (url = EMPTIED.poll()) != null; ) {
                    PostgresTestServer.get().drop(url);
                }
            }, "postgres-tck-drop"));
        }
    }

    private PostgresTck() {
    }

    /** A fresh, migrated store on an empty database of its own. */
    static HiveStore open() {
        String emptied = EMPTIED.poll();
        String url = emptied != null ? emptied : PostgresTestServer.get().freshDatabase();
        List<StorageProvider> accepting = ServiceLoader.load(StorageProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.accepts(url))
                .toList();
        assertThat(accepting).as("providers accepting %s", url).hasSize(1);
        return accepting.get(0).open(new StorageSettings(url, true, Map.of(), Clock.systemUTC()));
    }

    /** Closes the store (again, if the test closed it already), then empties its database for the next test. */
    static void close(HiveStore store) {
        String location = store.location();
        store.close();
        try {
            PostgresTestServer.get().reset(location);
            EMPTIED.add(location);
        } catch (SQLException e) {
            PostgresTestServer.get().drop(location);
            throw new IllegalStateException("cannot empty the test database " + location + ": " + e.getMessage(), e);
        }
    }
}
