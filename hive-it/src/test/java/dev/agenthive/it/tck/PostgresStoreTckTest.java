package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.tck.HiveStoreTck;

import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The TCK on PostgreSQL (the server of {@link PostgresTestServer}): every test on a migrated
 * database that no other open store uses and whose tables are empty. A closed store's database is
 * emptied and handed to the next test (creating a database costs about 30 times as much); on an
 * external server the databases left at the end are dropped when the JVM exits.
 */
class PostgresStoreTckTest extends HiveStoreTck {
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

    @Override
    protected HiveStore openStore() {
        String emptied = EMPTIED.poll();
        return SpiStores.open(emptied != null ? emptied : PostgresTestServer.get().freshDatabase());
    }

    /** Closes the store (again, if the test closed it already), then empties its database for the next test. */
    @Override
    protected void closeStore(HiveStore store) {
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
