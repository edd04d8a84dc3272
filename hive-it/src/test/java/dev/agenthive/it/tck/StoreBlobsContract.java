package dev.agenthive.it.tck;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.tck.blob.BlobStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blob TCK on a store's own blobs ({@code hive.blob.url=store:}): every blob store is the
 * {@link HiveStore#blobStore()} of a fresh store opened with the test's limit as
 * {@code hive.blob.max-bytes}, and a blob is corrupted by changing one stored byte with plain SQL.
 */
abstract class StoreBlobsContract extends BlobStoreContract {
    private final Map<BlobStore, HiveStore> stores = new IdentityHashMap<>();

    /** Opens a fresh, migrated store with these configuration keys. */
    protected abstract HiveStore openHiveStore(Map<String, String> properties);

    /** Closes a store {@link #openHiveStore} opened. */
    protected abstract void closeHiveStore(HiveStore store);

    /** A plain JDBC connection to the store's database. */
    protected abstract Connection connect(HiveStore store) throws SQLException;

    @Override
    protected final BlobStore openStore(long maxBlobBytes) {
        HiveStore store = openHiveStore(Map.of("hive.blob.max-bytes", String.valueOf(maxBlobBytes)));
        BlobStore blobs = store.blobStore().orElseThrow(() -> new AssertionError(store.location() + " keeps no blobs"));
        stores.put(blobs, store);
        return blobs;
    }

    /** Runs before the contract closes the blob stores, which leaves the stores open: they own them. */
    @AfterEach
    void closeHiveStores() {
        stores.values().forEach(this::closeHiveStore);
    }

    @Override
    protected final void corrupt(BlobStore blobs, BlobId id) {
        try (Connection connection = connect(stores.get(blobs))) {
            byte[] content;
            try (PreparedStatement select = connection.prepareStatement("SELECT content FROM blobs WHERE id = ?")) {
                select.setString(1, id.sha256());
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).as("a row of blob %s", id).isTrue();
                    content = row.getBytes(1);
                }
            }
            content[content.length / 2] ^= 0x5a;
            try (PreparedStatement update = connection.prepareStatement("UPDATE blobs SET content = ? WHERE id = ?")) {
                update.setBytes(1, content);
                update.setString(2, id.sha256());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change a byte of blob " + id + ": " + e.getMessage(), e);
        }
    }

    @Test
    void theBlobsAreRowsOfTheStoresOwnDatabase() throws SQLException {
        BlobStore blobs = openStore(ROOMY);
        HiveStore store = stores.get(blobs);
        byte[] content = "{\"plan\":\"keep it in one database\"}".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        BlobId id = blobs.put(content).id();

        assertThat(blobs.location()).isEqualTo("store:" + store.location());
        try (Connection connection = connect(store);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT size, stored_size FROM blobs WHERE id = ?")) {
            select.setString(1, id.sha256());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(content.length);
                assertThat(row.getLong(2)).as("deflated").isLessThan(content.length / 20);
            }
        }
    }
}
