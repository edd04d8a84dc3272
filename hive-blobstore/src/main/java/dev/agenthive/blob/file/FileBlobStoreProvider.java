package dev.agenthive.blob.file;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.api.spi.BlobStoreProvider;

import java.util.Set;

/**
 * BlobStoreProvider {@code "file"} for the URLs {@code file:<dir>} (a relative folder is resolved
 * against the working directory once, when the store opens) and {@code file:///abs/dir}. Reads
 * {@value FileBlobStoreConfig#COMPRESSION_LEVEL} (zstd level, default
 * {@value FileBlobStoreConfig#DEFAULT_COMPRESSION_LEVEL}). Registered in
 * {@code META-INF/services/dev.agenthive.api.spi.BlobStoreProvider}.
 */
public final class FileBlobStoreProvider implements BlobStoreProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Set<String> configKeys() {
        return FileBlobStoreConfig.KEYS;
    }

    /** Whether the URL starts with {@code file:} (in any case); never throws. */
    @Override
    public boolean accepts(String url) {
        return FileBlobStoreConfig.accepts(url);
    }

    /**
     * Opens the store in the URL's folder, creating it, and removes temporary files that killed
     * processes left behind more than an hour ago.
     *
     * @throws dev.agenthive.api.error.InvalidInputException       the URL or a {@code hive.blob.file.*} key is
     *                                                             malformed or unknown
     * @throws dev.agenthive.api.error.StorageUnavailableException the folder cannot be created or read
     */
    @Override
    public BlobStore open(BlobSettings settings) {
        Checks.notNull(settings, "settings");
        return FileBlobStore.open(FileBlobStoreConfig.from(settings));
    }
}
