package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.HiveStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/** The TCK on SQLite: every test on a fresh, migrated store in its own file. */
class SqliteStoreTckTest extends HiveStoreTck {
    @TempDir
    Path dir;

    @Override
    protected HiveStore openStore(Clock clock) {
        return SpiStores.open("sqlite:" + dir.resolve("hive.db"), clock);
    }
}
