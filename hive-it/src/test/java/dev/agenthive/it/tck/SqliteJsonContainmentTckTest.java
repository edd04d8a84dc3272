package dev.agenthive.it.tck;

import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.JsonContainmentContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteJsonContainmentTckTest extends JsonContainmentContract {
    @TempDir
    Path dir;

    @Override
    protected HiveStore openStore() {
        return SqliteTck.open(dir);
    }
}
