package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.tck.HiveStoreTck;

import java.time.Clock;
import java.util.Optional;

/**
 * The TCK on MariaDB (the server of {@link MariaDbTestServer}, skipped visibly where there is none),
 * on {@link RecycledDatabases}.
 */
class MariaDbStoreTckTest extends HiveStoreTck {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("mariadb-tck", MariaDbTestServer::get);

    @Override
    protected HiveStore openStore(Clock clock) {
        return DATABASES.open(clock);
    }

    @Override
    protected void closeStore(HiveStore store) {
        DATABASES.close(store);
    }

    /** MariaDB's JSON functions stop at 32 levels; the store refuses deeper values at its port. */
    @Override
    protected int maxJsonDepth() {
        return 31;
    }

    @Override
    protected Optional<Throwable> refusedOpenWithSecret(String secret) {
        return Optional.of(DATABASES.refusedOpenWithPassword(secret));
    }
}
