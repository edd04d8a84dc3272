package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.transfer.SnapshotWork;
import dev.agenthive.api.transfer.TableSpec;

import java.io.InputStream;
import java.util.List;

/** Where a copy reads rows and blobs from: a store ({@link StoreSource}) or a backup archive ({@link BackupArchive}). */
public interface RowSource {

    /** Where the rows are, without credentials, for reports. */
    String location();

    /** The version of the rows' layout ({@link dev.agenthive.api.transfer.TableAccess#layout()}). */
    int layout();

    /** The tables, parents first. */
    List<TableSpec> tables();

    /** Runs {@code work} over one point in time of every table; see {@link dev.agenthive.api.transfer.TableAccess#snapshot}. */
    <T> T snapshot(SnapshotWork<T> work);

    /**
     * The content of a blob the rows name.
     *
     * @throws dev.agenthive.api.error.NotFoundException the source has no such blob
     */
    InputStream openBlob(BlobId id);
}
