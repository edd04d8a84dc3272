package dev.agenthive.api.spi;

import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.InvalidInputException;

import java.util.Optional;

/**
 * Where a store keeps content larger than {@code inlineMaxBytes} UTF-8 bytes (memory snapshot
 * content, task payloads and results, message payloads). Smaller content always stays in its row.
 * A store that cannot move content out of its rows keeps all of it there, whatever this says.
 *
 * @param blobs          the blob store large content goes to, or {@code null}
 * @param inStore        large content goes to the store's own blob table ({@code hive.blob.url=store:})
 * @param inlineMaxBytes the largest content kept in its row when large content moves out, at least 0
 */
public record LargeContent(BlobStore blobs, boolean inStore, long inlineMaxBytes) {
    /** The core's key for {@link #inlineMaxBytes()}. */
    public static final String INLINE_MAX_BYTES_KEY = "hive.blob.inline-max-bytes";

    public LargeContent {
        if (blobs != null && inStore) {
            throw new IllegalArgumentException("large content goes to a blob store or to the store, not both");
        }
        if (inlineMaxBytes < 0) {
            throw new InvalidInputException(INLINE_MAX_BYTES_KEY, "must not be negative, was " + inlineMaxBytes);
        }
    }

    /** Every content stays in its row. */
    public static LargeContent inRows() {
        return new LargeContent(null, false, Long.MAX_VALUE);
    }

    /** Content above {@code inlineMaxBytes} goes to {@code blobs}. */
    public static LargeContent toBlobStore(BlobStore blobs, long inlineMaxBytes) {
        if (blobs == null) {
            throw new IllegalArgumentException("blobs is null");
        }
        return new LargeContent(blobs, false, inlineMaxBytes);
    }

    /** Content above {@code inlineMaxBytes} goes to the store's own blob table. */
    public static LargeContent toStoreBlobs(long inlineMaxBytes) {
        return new LargeContent(null, true, inlineMaxBytes);
    }

    /** The blob store large content goes to, when it is not the store itself. */
    public Optional<BlobStore> blobStore() {
        return Optional.ofNullable(blobs);
    }
}
