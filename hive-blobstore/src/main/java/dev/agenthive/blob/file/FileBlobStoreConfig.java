package dev.agenthive.blob.file;

import com.github.luben.zstd.Zstd;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.api.spi.PluginKeys;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a file blob store, read once from {@link BlobSettings}.
 *
 * @param root             the store's folder, absolute and normalised
 * @param maxBlobBytes     the largest content a put accepts
 * @param compressionLevel the zstd level puts compress with
 */
record FileBlobStoreConfig(Path root, long maxBlobBytes, int compressionLevel) {
    static final String COMPRESSION_LEVEL = "hive.blob.file.compression-level";
    static final int DEFAULT_COMPRESSION_LEVEL = 3;
    static final Set<String> KEYS = Set.of(COMPRESSION_LEVEL);

    private static final String PREFIX = "hive.blob.file.";
    private static final String URL_KEY = "hive.blob.url";
    private static final String SCHEME = "file:";

    FileBlobStoreConfig {
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("root must be absolute: " + root);
        }
    }

    static boolean accepts(String url) {
        return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    static FileBlobStoreConfig from(BlobSettings settings) {
        Map<String, String> properties = settings.properties();
        PluginKeys.requireKnown(properties, PREFIX, KEYS, "file blob store");
        int level = properties.containsKey(COMPRESSION_LEVEL)
                ? parseLevel(properties.get(COMPRESSION_LEVEL)) : DEFAULT_COMPRESSION_LEVEL;
        return new FileBlobStoreConfig(parseUrl(settings.url()), settings.maxBlobBytes(), level);
    }

    private static Path parseUrl(String url) {
        if (!accepts(url)) {
            throw new InvalidInputException(URL_KEY, "must be a file: URL (file:<dir> or file:///abs/dir), was '"
                    + url + "'");
        }
        String trimmed = url.trim();
        String rest = trimmed.substring(SCHEME.length());
        if (rest.isBlank()) {
            throw new InvalidInputException(URL_KEY, "names no folder: '" + url + "'");
        }
        try {
            // file://host/... and file:///... are URIs; file:<dir> is a plain path, possibly relative
            Path path = rest.startsWith("//") ? Path.of(URI.create(SCHEME + rest)) : Path.of(rest);
            return path.toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) { // InvalidPathException is one
            throw new InvalidInputException(URL_KEY, "is not a usable folder: '" + url + "' (" + e.getMessage() + ")", e);
        }
    }

    private static int parseLevel(String text) {
        int min = Zstd.minCompressionLevel();
        int max = Zstd.maxCompressionLevel();
        try {
            int level = Integer.parseInt(text.trim());
            if (level >= min && level <= max) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below with the range, like an out-of-range number
        }
        throw new InvalidInputException(COMPRESSION_LEVEL, "must be a zstd level from " + min + " to " + max
                + ", was '" + text + "'");
    }
}
