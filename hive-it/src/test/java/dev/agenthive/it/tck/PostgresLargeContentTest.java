package dev.agenthive.it.tck;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.LargeContent;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.tck.blob.LargeContentContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The large-content contract on Postgres with the file blob store. */
class PostgresLargeContentTest extends LargeContentContract {
    private static final RecycledDatabases DATABASES = new RecycledDatabases("postgres-large-content", PostgresTestServer::get);

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
