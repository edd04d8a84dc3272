package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSpec;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The rows of an open store and the blobs of its blob store. */
public final class StoreSource implements RowSource {
    private final String location;
    private final TableAccess tables;
    private final Optional<BlobStore> blobs;

    public StoreSource(HiveStore store, Optional<BlobStore> blobs) {
        Objects.requireNonNull(store, "store is null");
        this.location = store.location();
        this.tables = tableAccess(store);
        this.blobs = Objects.requireNonNull(blobs, "blobs is null");
    }

    /**
     * The store's table access.
     *
     * @throws HiveException {@code UNSUPPORTED} when the store does not hand out its rows
     */
    static TableAccess tableAccess(HiveStore store) {
        return store.tableAccess().orElseThrow(() -> new HiveException(ErrorCode.UNSUPPORTED,
                "the store at " + store.location() + " does not hand out its rows (no TableAccess)"));
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public int layout() {
        return tables.layout();
    }

    @Override
    public List<TableSpec> tables() {
        return tables.tables();
    }

    @Override
    public <T> T snapshot(SnapshotWork<T> work) {
        return tables.snapshot(work);
    }

    @Override
    public InputStream openBlob(BlobId id) {
        BlobStore store = blobs.orElseThrow(() -> new NotFoundException("blob", id
                + " (the source at " + location + " has no blob store)"));
        return store.open(id);
    }
}
