package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.tck.HiveStoreTck;

import java.time.Clock;
import java.util.Optional;

/** The TCK on PostgreSQL (the server of {@link PostgresTestServer}), on {@link RecycledDatabases}. */
class PostgresStoreTckTest extends HiveStoreTck {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("postgres-tck", PostgresTestServer::get);

    @Override
    protected HiveStore openStore(Clock clock) {
        return DATABASES.open(clock);
    }

    @Override
    protected void closeStore(HiveStore store) {
        DATABASES.close(store);
    }

    /** The embedded server trusts its clients, so any password opens the store. */
    @Override
    protected Optional<HiveStore> openStoreWithSecret(String secret, Clock clock) {
        return DATABASES.openWithPassword(secret, clock);
    }

    @Override
    protected Optional<Throwable> refusedOpenWithSecret(String secret) {
        return Optional.of(DATABASES.refusedOpenWithPassword(secret));
    }
}
