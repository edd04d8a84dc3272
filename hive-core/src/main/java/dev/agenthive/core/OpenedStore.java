package dev.agenthive.core;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.ValueRules;

import java.util.Optional;

/**
 * A store and its blob store, opened without the services and their maintenance loop, for tools
 * that must not change the data they read ({@code hive copy}, {@code hive backup}): maintenance
 * would mark agents crashed and requeue expired leases in a database that is only being copied.
 * Closing it closes the store, then the blob store.
 *
 * @param store    the store
 * @param blobs    its blob store; empty when none is configured or installed
 * @param rules    what the store's kind cannot hold exactly ({@link dev.agenthive.api.spi.StorageProvider#valueRules()})
 */
public record OpenedStore(HiveStore store, Optional<BlobStore> blobs, ValueRules rules) implements AutoCloseable {

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            // The store's own blobs (store:) close with it; only a separate blob store is closed here.
            blobs.filter(blob -> store.blobStore().map(own -> own != blob).orElse(true)).ifPresent(BlobStore::close);
        }
    }
}
