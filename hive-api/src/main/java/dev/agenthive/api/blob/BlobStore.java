package dev.agenthive.api.blob;

import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Driven port: content-addressed blobs. Opened by a {@link dev.agenthive.api.spi.BlobStoreProvider}
 * chosen by URL ({@code file:<dir>}, ...). Thread-safe, and safe for several processes sharing it.
 *
 * <p>The contract every implementation keeps, and the blob TCK checks:
 * <ul>
 *   <li>A blob's id is the SHA-256 of its content; putting the same content again stores nothing
 *       new and returns the same id. Concurrent puts of one content (threads or processes) all
 *       succeed.</li>
 *   <li>A put that fails or is interrupted (even by a killed process) leaves no blob visible; a put
 *       that returned is durable.</li>
 *   <li>Content is never returned unless it matches its id: a changed or truncated blob is a
 *       {@link dev.agenthive.api.error.BlobCorruptedException} naming it.</li>
 *   <li>No caller-supplied text is ever used as a path: ids are checked hexadecimal digests.</li>
 * </ul>
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores everything {@code content} yields, reading it once without holding it whole in memory;
     * the stream is not closed.
     *
     * @throws dev.agenthive.api.error.InvalidInputException       the content is larger than the store's limit
     * @throws dev.agenthive.api.error.StorageUnavailableException the content could not be read or stored
     */
    BlobRef put(InputStream content);

    /** Stores {@code content}; see {@link #put(InputStream)}. */
    default BlobRef put(byte[] content) {
        return put(new ByteArrayInputStream(content));
    }

    /**
     * A stream of the blob's content. It checks the content against the id as it is read and throws
     * {@link dev.agenthive.api.error.BlobCorruptedException} (unchecked) at the latest when it reaches
     * the end, so a caller must treat the bytes as valid only once the stream ended without failure.
     * Close it when done.
     *
     * @throws dev.agenthive.api.error.NotFoundException there is no such blob
     */
    InputStream open(BlobId id);

    /**
     * The whole content, checked against the id before it is returned.
     *
     * @throws dev.agenthive.api.error.NotFoundException       there is no such blob
     * @throws dev.agenthive.api.error.BlobCorruptedException the stored content does not match the id
     */
    byte[] read(BlobId id);

    /** Whether a blob of that id is stored (not whether it is intact: see {@link #read}). */
    boolean exists(BlobId id);

    /** The blob's listing entry, if it is stored. */
    Optional<BlobInfo> stat(BlobId id);

    /** Removes the blob; {@code false} if there was none. Callers make sure no row refers to it. */
    boolean delete(BlobId id);

    /**
     * Removes the blob only if it was last stored before {@code cutoff}; {@code false} if it was
     * stored at or after it, or there was none. Garbage collection deletes through this: it is atomic
     * with concurrent puts of the same content, so a put that returned always leaves its blob stored
     * (either the put renewed the blob before the check, which then keeps it, or it stores the content
     * again after the removal).
     */
    boolean deleteIfStoredBefore(BlobId id, Instant cutoff);

    /**
     * Hands every stored blob to {@code visitor}, in no particular order, for checks and garbage
     * collection. Blobs put or deleted meanwhile may or may not be seen.
     */
    void forEach(Consumer<BlobInfo> visitor);

    /**
     * Whether the blob store answers, for {@code Hive.health()}: cheap (never a listing) and never
     * throws. The default asks whether the blob of the empty content is stored, which a store that
     * cannot be reached fails; a store that can tell more (a folder that is missing or not writable)
     * says so. The provider reported is the scheme of {@link #location()}.
     */
    default ComponentHealth health() {
        String location = location();
        int colon = location.indexOf(':');
        String provider = colon > 0 ? location.substring(0, colon) : location;
        try {
            exists(BlobId.of(new byte[0]));
            return ComponentHealth.up(provider, location, Map.of());
        } catch (RuntimeException e) {
            return new ComponentHealth(HealthStatus.DOWN, provider, location, Map.of(), String.valueOf(e.getMessage()));
        }
    }

    /** Where the blobs live, without credentials, e.g. {@code file:/data/.hive/blobs}. */
    String location();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
