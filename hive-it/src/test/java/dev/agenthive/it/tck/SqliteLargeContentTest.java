package dev.agenthive.it.tck;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.blob.LargeContentContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The large-content contract on a SQLite file with the file blob store beside it. */
class SqliteLargeContentTest extends LargeContentContract {
    @TempDir
    Path dir;

    @Override
    protected BlobStore openBlobStore() {
        return SpiStores.openBlobStore(dir.resolve("blobs"));
    }

    @Override
    protected HiveStore openStore(LargeContent largeContent) {
        return SpiStores.open("sqlite:" + dir.resolve("hive.db"), largeContent);
    }
}
