package dev.agenthive.it.tck;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.mariadb.MariaDbTestServer;
import dev.agenthive.tck.blob.LargeContentContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The large-content contract on MariaDB (skipped visibly where there is no server) with the file blob store. */
class MariaDbLargeContentTest extends LargeContentContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("mariadb-large-content", MariaDbTestServer::get);

    @TempDir
    Path dir;

    @Override
    protected BlobStore openBlobStore() {
        return SpiStores.openBlobStore(dir.resolve("blobs"));
    }

    @Override
    protected HiveStore openStore(LargeContent largeContent) {
        return DATABASES.open(largeContent);
    }
}
