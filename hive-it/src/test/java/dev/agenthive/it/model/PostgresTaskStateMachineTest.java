package dev.agenthive.it.model;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;

import java.time.Clock;

/** {@link TaskStateMachineProperties} on PostgreSQL (the server of {@link PostgresTestServer}), in a database of its own. */
class PostgresTaskStateMachineTest extends TaskStateMachineProperties {
    private String url;

    @Override
    HiveStore openStore(Clock clock) {
        url = PostgresTestServer.get().newDatabase();
        return open(url, clock);
    }

    @Override
    void closeStore(HiveStore store) {
        store.close();
        PostgresTestServer.get().drop(url);
    }

    @Override
    String name() {
        return "postgresql";
    }
}
