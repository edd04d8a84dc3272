package dev.agenthive.store.jdbc.content;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.spi.LargeContent;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a store's content goes: into its row, or, above the inline limit, into the blob store under
 * the SHA-256 of its UTF-8 text, the row keeping hash, size and stored size.
 *
 * <p>{@link #place} runs before the write transaction that records the row, so a large put never
 * holds a transaction (or SQLite's single writer) open. A blob put for a row that then does not
 * commit is left unreferenced and removed by {@code hive gc} after its grace period; a blob is never
 * deleted here, since other rows may share it.
 */
public final class LargeContents {
    private static final LargeContents IN_ROWS = new LargeContents(null, Long.MAX_VALUE, false);

    private final BlobStore blobs;
    private final long inlineMaxBytes;
    private final boolean blobsInStore;

    private LargeContents(BlobStore blobs, long inlineMaxBytes, boolean blobsInStore) {
        this.blobs = blobs;
        this.inlineMaxBytes = inlineMaxBytes;
        this.blobsInStore = blobsInStore;
    }

    /**
     * Content placement as the store's settings say.
     *
     * @param ownBlobs the store's own blobs, used when the settings keep large content in the store;
     *                 {@code null} if the store has none
     */
    public static LargeContents of(LargeContent settings, BlobStore ownBlobs) {
        Objects.requireNonNull(settings, "settings is null");
        if (settings.blobs() != null) {
            return new LargeContents(settings.blobs(), settings.inlineMaxBytes(), false);
        }
        if (settings.inStore() && ownBlobs != null) {
            return new LargeContents(ownBlobs, settings.inlineMaxBytes(), true);
        }
        return IN_ROWS;
    }

    /**
     * The placement for writes made inside a transaction of the store. Blobs kept in the store itself
     * are written by their own transactions, which one open on the same writer cannot wait for (on
     * SQLite it would wait for itself), so there content stays in its row; reads still find blobs.
     */
    public LargeContents withinTransaction() {
        return blobsInStore ? new LargeContents(blobs, Long.MAX_VALUE, true) : this;
    }

    /** Every content in its row. */
    public static LargeContents inRows() {
        return IN_ROWS;
    }

    /**
     * Where {@code content} is to be stored; puts it into the blob store when it is larger than the
     * inline limit.
     *
     * @throws StorageUnavailableException the blob store cannot store it
     */
    public Placed place(Json content) {
        byte[] utf8 = content.text().getBytes(StandardCharsets.UTF_8);
        String hash = BlobId.of(utf8).sha256();
        if (blobs == null || utf8.length <= inlineMaxBytes) {
            return new Placed(content, hash, utf8.length, null);
        }
        BlobRef ref = blobs.put(utf8);
        if (!ref.id().sha256().equals(hash)) {
            throw new StorageUnavailableException("the blob store " + blobs.location() + " stored content of hash "
                    + hash + " as " + ref.id() + ", which breaks its contract", null);
        }
        return new Placed(Json.NULL, hash, utf8.length, ref.storedSize());
    }

    /**
     * Like {@link #place}, for rows that need no hash of content kept in the row (task payloads and
     * results, message payloads): on the hot paths such content is neither encoded nor hashed.
     */
    public Spilled spill(Json content) {
        // a UTF-16 char is at most 3 UTF-8 bytes: text this short stays in its row whatever it holds
        if (blobs == null || (long) content.text().length() * 3 <= inlineMaxBytes) {
            return new Spilled(content, null);
        }
        Placed placed = place(content);
        return new Spilled(placed.rowContent(), placed.blobId());
    }

    /**
     * The content a row keeps in the blob store.
     *
     * @param holder names the row in a failure, e.g. {@code "snapshot 01J..."}
     * @throws BlobCorruptedException      the blob is missing or does not match its hash
     * @throws StorageUnavailableException this store was opened without a blob store, or it cannot be read
     */
    public Json load(String hash, String holder) {
        if (blobs == null) {
            throw new StorageUnavailableException(holder + " keeps its content in the blob store (blob " + hash
                    + "), but this store was opened without one; set hive.blob.url", null);
        }
        try {
            return Json.of(new String(blobs.read(new BlobId(hash)), StandardCharsets.UTF_8));
        } catch (NotFoundException e) {
            throw new BlobCorruptedException(hash, "it is missing from " + blobs.location() + ", and " + holder
                    + " needs it", e);
        }
    }

    /**
     * Content ready for a row that names its blob, if any, in a column of its own.
     *
     * @param rowContent what the row's content column holds: the content, or JSON {@code null} when
     *                   it is in the blob store
     * @param blobId     the blob the content went to, or {@code null} when it stays in the row
     */
    public record Spilled(Json rowContent, String blobId) {
    }

    /**
     * Content ready for its row.
     *
     * @param rowContent what the row's content column holds: the content, or JSON {@code null} when
     *                   it is in the blob store
     * @param hash       SHA-256 of the content's UTF-8 text, lower-case hex; the blob's id when in the blob store
     * @param sizeBytes  UTF-8 size of the content
     * @param storedSize bytes the blob store holds for it, or {@code null} when it stays in the row
     */
    public record Placed(Json rowContent, String hash, long sizeBytes, Long storedSize) {
        /** The row's location column: {@code row} or {@code blob}. */
        public String location() {
            return storedSize == null ? "row" : "blob";
        }

        /** The blob the row names, or {@code null} when the content stays in the row. */
        public String blobId() {
            return storedSize == null ? null : hash;
        }
    }
}
