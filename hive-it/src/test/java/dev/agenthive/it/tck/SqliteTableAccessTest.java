package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.transfer.TableAccessContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/** The table access contract on SQLite files, one per store the test opens. */
class SqliteTableAccessTest extends TableAccessContract {
    @TempDir
    Path dir;

    @Override
    protected HiveStore openStore() {
        return SpiStores.open("sqlite:" + dir.resolve(UUID.randomUUID() + ".db"));
    }
}
