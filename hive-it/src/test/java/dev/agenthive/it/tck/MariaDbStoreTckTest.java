package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.tck.HiveStoreTck;
import org.junit.jupiter.api.Tag;

import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The TCK on MariaDB (the server of {@link MariaDbTestServer}, skipped visibly where there is none):
 * every test on a migrated database that no other open store uses and whose tables are empty. A
 * closed store's database is emptied and handed to the next test, since creating and migrating one
 * costs 1.5 to 2 s; on an external server the databases left at the end are dropped when the JVM exits.
 */
@Tag(MariaDbStoreTckTest.INCOMPLETE)
class MariaDbStoreTckTest extends HiveStoreTck {
    /**
     * The tag that keeps this class out of {@code mvn verify} until the store passes every contract:
     * 581 of 583 pass. {@code JsonContainment.everyStoreAppliesPostgresqlContainmentRules} fails
     * (MariaDB's {@code JSON_CONTAINS} lets an array contain a non-array value at any depth and compares
     * strings without decoding escapes), and {@code Injection.taskStringsAreStoredVerbatim} failed once
     * in three runs (a claim found nothing; cause not found). Run it with
     * {@code mvn -pl hive-it -am verify -Dhive.it.excludedGroups=none -Dtest=MariaDbStoreTckTest}.
     */
    static final String INCOMPLETE = "mariadb-tck-incomplete";

    private static final Queue<String> EMPTIED = new ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String url; (url = EMPTIED.poll()) != null; ) {
                try {
                    MariaDbTestServer.get().drop(url);
                } catch (RuntimeException e) {
                    // The embedded server may have stopped first, taking its databases along.
                }
            }
        }, "mariadb-tck-drop"));
    }

    @Override
    protected HiveStore openStore() {
        MariaDbTestServer server = MariaDbTestServer.get();
        String emptied = EMPTIED.poll();
        return SpiStores.open(emptied != null ? emptied : server.emptyDatabase());
    }

    /** Closes the store (again, if the test closed it already), then empties its database for the next test. */
    @Override
    protected void closeStore(HiveStore store) {
        String location = store.location();
        store.close();
        try {
            MariaDbTestServer.get().reset(location);
            EMPTIED.add(location);
        } catch (SQLException e) {
            MariaDbTestServer.get().drop(location);
            throw new IllegalStateException("cannot empty the test database " + location + ": " + e.getMessage(), e);
        }
    }
}
