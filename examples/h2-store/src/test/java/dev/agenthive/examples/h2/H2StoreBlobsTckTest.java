package dev.agenthive.examples.h2;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.blob.BlobStoreContract;
import org.junit.jupiter.api.AfterEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The blob TCK on the H2 store's own blobs ({@code hive.blob.url=store:}), each store a fresh in-memory
 * database opened with the test's limit as {@code hive.blob.max-bytes}.
 */
class H2StoreBlobsTckTest extends BlobStoreContract {
    private final Map<BlobStore, HiveStore> stores = new IdentityHashMap<>();

    @Override
    protected BlobStore openStore(long maxBlobBytes) {
        HiveStore store = new H2StorageProvider().open(new StorageSettings("h2:mem:blobs-" + UUID.randomUUID(), true,
                Map.of("hive.blob.max-bytes", String.valueOf(maxBlobBytes)), Clock.systemUTC()));
        BlobStore blobs = store.blobStore().orElseThrow(() -> new AssertionError("the H2 store keeps no blobs"));
        stores.put(blobs, store);
        return blobs;
    }

    /** Runs before the contract closes the blob stores, which leaves the stores open: they own them. */
    @AfterEach
    void closeHiveStores() {
        stores.values().forEach(HiveStore::close);
    }

    /** Changes one stored byte with plain SQL, on a connection of its own to the store's in-memory database. */
    @Override
    protected void corrupt(BlobStore blobs, BlobId id) {
        String url = H2Url.parse(stores.get(blobs).location()).jdbcUrl();
        try (Connection connection = DriverManager.getConnection(url)) {
            byte[] content;
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM blobs WHERE id = ?")) {
                select.setString(1, id.sha256());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new AssertionError("no row of blob " + id);
                    }
                    content = row.getBytes(1);
                }
            }
            content[content.length / 2] ^= 0x5a;
            try (PreparedStatement update = connection.prepareStatement("UPDATE blobs SET content = ? WHERE id = ?")) {
                update.setBytes(1, content);
                update.setString(2, id.sha256());
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change a byte of blob " + id + ": " + e.getMessage(), e);
        }
    }
}
