package dev.agenthive.api.blob;

import java.util.function.Consumer;

/**
 * A store capability: every blob the store's rows need. {@code hive gc} deletes only blobs no
 * reference names, so a store that moves content into a blob store must report every such row here.
 */
@FunctionalInterface
public interface BlobReferences {

    /**
     * Hands every reference to {@code visitor}, in no particular order. A row committed before the
     * call started is always seen; one committed meanwhile may or may not be.
     *
     * @throws dev.agenthive.api.error.StorageUnavailableException the store cannot be read
     */
    void forEach(Consumer<BlobReference> visitor);
}
