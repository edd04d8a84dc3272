package dev.agenthive.api.spi;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link BlobStoreProvider} needs to open a blob store.
 *
 * @param url          the blob URL, e.g. {@code file:.hive/blobs}
 * @param maxBlobBytes the largest content a put accepts ({@code hive.blob.max-bytes})
 * @param properties   every configuration key with its value; a provider reads its own
 *                     {@code hive.blob.<name>.*} keys
 * @param clock        the clock a store stamps blobs with when it has none of its own
 */
public record BlobSettings(String url, long maxBlobBytes, Map<String, String> properties, Clock clock) {
    public BlobSettings {
        Checks.notBlank(url, "hive.blob.url");
        if (maxBlobBytes < 1) {
            throw new InvalidInputException("hive.blob.max-bytes", "must be positive: " + maxBlobBytes);
        }
        properties = Map.copyOf(Checks.notNull(properties, "properties"));
        Checks.notNull(clock, "clock");
    }

    /** The value of a key, if set. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }
}
