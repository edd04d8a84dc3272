package dev.agenthive.store.jdbc.blob;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.StoreProperties;
import org.apache.ibatis.session.SqlSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A {@link BlobStore} in table {@code blobs} of a store's own database ({@code hive.blob.url=store:}),
 * so that one file or one database server holds all of a hive's state. A row holds the content deflated
 * ({@code java.util.zip}), its size before and after, and {@code stored_at}, the last time it was put.
 *
 * <p>A put reads and hashes the content while it deflates it, before it asks for a transaction, so the
 * one writer of SQLite is never held for compression; the transaction then only renews the row or
 * inserts it. The deflated bytes are held in memory once, since a driver binds a parameter whole.
 * Reads inflate and hash as they go and refuse content that does not match its id. Every statement
 * runs on the store's {@link SqlExecutor}, so the store's retries, translation of failures and close
 * apply; closing this object does nothing, the store owns the connections.
 */
public final class JdbcBlobStore implements BlobStore {
    /** The core's key of the largest content a put accepts. */
    public static final String MAX_BYTES_KEY = "hive.blob.max-bytes";
    /** The core's default of {@link #MAX_BYTES_KEY}: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    /** Rows of one listing read: enough that paging costs little, few enough that no read holds a connection long. */
    private static final int PAGE = 1000;
    private static final int BUFFER = 64 * 1024;

    private final SqlExecutor executor;
    private final Clock clock;
    private final long maxBlobBytes;
    private final Supplier<String> storeLocation;

    /**
     * @param executor      the store's executor
     * @param clock         the store's clock, which stamps {@code stored_at}
     * @param maxBlobBytes  the largest content a put accepts, at least 1 (see {@link #maxBlobBytes(Map)})
     * @param storeLocation the store's location without credentials; asked for only when
     *                      {@link #location()} is, since a store knows it once it is built
     */
    public JdbcBlobStore(SqlExecutor executor, Clock clock, long maxBlobBytes, Supplier<String> storeLocation) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.storeLocation = Objects.requireNonNull(storeLocation, "storeLocation is null");
        this.maxBlobBytes = requireMaxBlobBytes(maxBlobBytes);
    }

    /**
     * The limit of {@link #MAX_BYTES_KEY} in a store's settings, {@link #DEFAULT_MAX_BYTES} when it is
     * absent (the core always sets it; a store opened without the core may not).
     *
     * @throws InvalidInputException naming the key, when the value is not a positive whole number
     */
    public static long maxBlobBytes(Map<String, String> properties) {
        String value = properties.get(MAX_BYTES_KEY);
        return value == null ? DEFAULT_MAX_BYTES : requireMaxBlobBytes(StoreProperties.wholeLong(value, MAX_BYTES_KEY));
    }

    /**
     * The limit, if it is one a store accepts; for store settings that carry it, so that a wrong one
     * fails before the store connects.
     *
     * @throws InvalidInputException naming {@link #MAX_BYTES_KEY}, when the limit is below 1
     */
    public static long requireMaxBlobBytes(long maxBlobBytes) {
        if (maxBlobBytes < 1) {
            throw new InvalidInputException(MAX_BYTES_KEY, "must be positive, was " + maxBlobBytes);
        }
        return maxBlobBytes;
    }

    @Override
    public BlobRef put(InputStream content) {
        Checks.notNull(content, "blob.content");
        Deflated deflated = deflate(content);
        long storedSize = executor.writeWithRowLocks(session -> store(session, deflated));
        return new BlobRef(deflated.id(), deflated.size(), storedSize);
    }

    /** A content read, hashed and deflated; {@code content} is what the row stores. */
    private record Deflated(BlobId id, long size, byte[] content) {
    }

    private Deflated deflate(InputStream content) {
        MessageDigest digest = sha256();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        long size = 0;
        try (DeflaterOutputStream out = new DeflaterOutputStream(stored, deflater, BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                size += n;
                if (size > maxBlobBytes) {
                    throw new InvalidInputException(MAX_BYTES_KEY, "the content is larger than the limit of "
                            + maxBlobBytes + " bytes");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read the content of a blob for " + location() + ": " + e, e);
        } finally {
            // a deflater handed to the stream is not ended by it, and holds native memory until it is
            deflater.end();
        }
        return new Deflated(new BlobId(HexFormat.of().formatHex(digest.digest())), size, stored.toByteArray());
    }

    /**
     * Renews the row if the content is stored already, without sending it again; inserts it otherwise.
     * The insert also renews, for a put of the same content that committed in between. Row locks make
     * both safe against {@link #deleteIfStoredBefore}: a removal either sees the renewed row, or comes
     * first and the put then inserts.
     */
    private long store(SqlSession session, Deflated blob) {
        BlobMapper blobs = session.getMapper(BlobMapper.class);
        String id = blob.id().sha256();
        // Stamped at the write, not when the put began: deflating a large content takes a while.
        Instant now = clock.instant();
        if (blobs.renew(id, now) > 0) {
            return blobs.storedSize(id);
        }
        blobs.insertOrRenew(id, blob.content(), blob.size(), blob.content().length, now);
        return blob.content().length;
    }

    @Override
    public InputStream open(BlobId id) {
        Checks.notNull(id, "blob.id");
        StoredBlob stored = executor.readStatement(session -> session.getMapper(BlobMapper.class).content(id.sha256()));
        if (stored == null) {
            throw new NotFoundException("blob", id.sha256());
        }
        return new InflatingStream(id, stored);
    }

    @Override
    public byte[] read(BlobId id) {
        try (InputStream in = open(id)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read blob " + id + " in " + location() + ": " + e, e);
        }
    }

    @Override
    public boolean exists(BlobId id) {
        return stat(id).isPresent();
    }

    @Override
    public Optional<BlobInfo> stat(BlobId id) {
        Checks.notNull(id, "blob.id");
        return Optional.ofNullable(executor.readStatement(session -> session.getMapper(BlobMapper.class).info(id.sha256())))
                .map(ListedBlob::toInfo);
    }

    @Override
    public boolean delete(BlobId id) {
        Checks.notNull(id, "blob.id");
        return executor.writeWithRowLocks(session -> session.getMapper(BlobMapper.class).delete(id.sha256())) > 0;
    }

    @Override
    public boolean deleteIfStoredBefore(BlobId id, Instant cutoff) {
        Checks.notNull(id, "blob.id");
        Checks.notNull(cutoff, "blob.cutoff");
        return executor.writeWithRowLocks(session ->
                session.getMapper(BlobMapper.class).deleteIfStoredBefore(id.sha256(), cutoff)) > 0;
    }

    /** Reads the listing a page at a time and hands each page over after its read ended. */
    @Override
    public void forEach(Consumer<BlobInfo> visitor) {
        Checks.notNull(visitor, "visitor");
        String after = null;
        List<ListedBlob> page;
        do {
            String from = after;
            page = executor.readStatement(session -> session.getMapper(BlobMapper.class).page(from, PAGE));
            for (ListedBlob blob : page) {
                visitor.accept(blob.toInfo());
                after = blob.id();
            }
        } while (page.size() == PAGE);
    }

    /** {@code store:} and the store's location, e.g. {@code store:sqlite:/data/.hive/agent_hive.db}. */
    @Override
    public String location() {
        return "store:" + storeLocation.get();
    }

    /** Nothing to release: the store owns the connections and closes them. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JdbcBlobStore[" + location() + "]";
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
