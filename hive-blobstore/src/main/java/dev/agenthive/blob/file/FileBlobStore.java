package dev.agenthive.blob.file;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} in a folder: blob {@code <id>} lives in {@code <root>/<id[0..2]>/<id[2..4]>/<id>.zst},
 * zstd-compressed. A put writes {@code <root>/tmp/<random>} and renames it into place, so a blob file
 * is either whole or absent; several threads or processes may put the same content at once because
 * the content of a name is the same by construction.
 *
 * <p>Only {@link BlobId}s (checked hexadecimal digests) build paths. As a second guard each path is
 * checked to stay under the root, and symbolic links planted where a shard folder or blob file should
 * be are never followed.
 *
 * <p>Blobs are agents' memory: where the file system has POSIX permissions, the folders this store
 * creates are {@code rwx------} and its files {@code rw-------}, whatever the umask leaves.
 */
final class FileBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);

    static final String SUFFIX = ".zst";
    static final String TMP = "tmp";
    /** Older temporary files belong to puts whose process died: no put takes that long. */
    static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern BLOB_FILE = Pattern.compile("[0-9a-f]{64}\\.zst");
    private static final int BUFFER = 64 * 1024;
    private static final String FOLDER = "rwx------";
    private static final String FILE = "rw-------";

    private final FileBlobStoreConfig config;
    private final Path root;
    private final Path tmp;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileBlobStore(FileBlobStoreConfig config, Path root) {
        this.config = config;
        this.root = root;
        this.tmp = root.resolve(TMP);
    }

    static FileBlobStore open(FileBlobStoreConfig config) {
        try {
            Files.createDirectories(config.root(), ownerOnly(config.root(), FOLDER));
            // the real path, so that the under-the-root check compares like with like
            Path root = config.root().toRealPath();
            Path tmp = root.resolve(TMP);
            if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
                createDirectory(tmp);
            }
            FileBlobStore store = new FileBlobStore(config, root);
            store.removeStaleTemps(Instant.now().minus(STALE_TEMP_AGE));
            return store;
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open the blob folder " + config.root() + ": " + e, e);
        }
    }

    @Override
    public BlobRef put(InputStream content) {
        checkOpen();
        if (content == null) {
            throw new InvalidInputException("blob.content", "must not be null");
        }
        Path temp = tmp.resolve(UUID.randomUUID() + ".tmp");
        try {
            Written written = writeTemp(content, temp);
            BlobId id = written.id();
            Path target = blobPath(id);
            Path shard = ensureShard(id);
            long storedSize = Files.size(temp);
            Optional<BasicFileAttributes> existing = attributes(target);
            if (existing.isPresent() && existing.get().isRegularFile() && touch(target)) {
                // the same name holds the same content: keep it, and restart its gc grace period
                Files.delete(temp);
                return new BlobRef(id, written.size(), existing.get().size());
            }
            // a rename never writes through a link planted at the target: it replaces the link itself
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(shard);
            return new BlobRef(id, written.size(), storedSize);
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot store a blob in " + root + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private record Written(BlobId id, long size) {
    }

    /** Streams the content through SHA-256 and zstd into {@code temp}, made durable; nothing held whole. */
    private Written writeTemp(InputStream content, Path temp) throws IOException {
        MessageDigest digest = sha256();
        long size = 0;
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly(temp, FILE))) {
            // the zstd stream's close ends the frame; the channel stays open for the force below
            OutputStream file = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (OutputStream zstd = new ZstdOutputStreamNoFinalizer(new BufferedOutputStream(file, BUFFER),
                    config.compressionLevel())) {
                byte[] buffer = new byte[BUFFER];
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    size += n;
                    if (size > config.maxBlobBytes()) {
                        throw new InvalidInputException("hive.blob.max-bytes", "the content is larger than the limit of "
                                + config.maxBlobBytes() + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    zstd.write(buffer, 0, n);
                }
            }
            channel.force(true);
        }
        return new Written(new BlobId(HexFormat.of().formatHex(digest.digest())), size);
    }

    @Override
    public InputStream open(BlobId id) {
        checkOpen();
        Path path = blobPath(id);
        refuseLinkedShards(id);
        FileChannel channel;
        try {
            // NOFOLLOW_LINKS: a link planted at the blob's path is refused by the OS, never read through
            channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("blob", id.sha256());
        } catch (IOException e) {
            // the OS reports a link refused by NOFOLLOW_LINKS as a plain IOException (ELOOP)
            if (Files.isSymbolicLink(path)) {
                throw new BlobCorruptedException(id.sha256(), "its path is a symbolic link, which is never followed", e);
            }
            throw unavailable(id, e);
        }
        try {
            return new CheckedBlobStream(id, channel, config.maxBlobBytes());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BlobCorruptedException(id.sha256(), "cannot be decoded: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public byte[] read(BlobId id) {
        try (InputStream in = open(id)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw unavailable(id, e);
        }
    }

    @Override
    public boolean exists(BlobId id) {
        return stat(id).isPresent();
    }

    @Override
    public Optional<BlobInfo> stat(BlobId id) {
        checkOpen();
        Path path = blobPath(id);
        if (linkedShard(id)) {
            return Optional.empty();
        }
        try {
            return attributes(path).filter(BasicFileAttributes::isRegularFile)
                    .map(a -> new BlobInfo(id, a.size(), a.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw unavailable(id, e);
        }
    }

    @Override
    public boolean delete(BlobId id) {
        checkOpen();
        Path path = blobPath(id);
        // deleting through a linked shard folder would remove a file outside the store
        refuseLinkedShards(id);
        try {
            // a link at the blob's path is removed itself, its target is untouched
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw unavailable(id, e);
        }
    }

    @Override
    public boolean deleteIfStoredBefore(BlobId id, Instant cutoff) {
        checkOpen();
        if (cutoff == null) {
            throw new InvalidInputException("blob.cutoff", "must not be null");
        }
        Path path = blobPath(id);
        refuseLinkedShards(id);
        try {
            if (!storedBefore(attributes(path), cutoff)) {
                return false;
            }
            // A put renews the time of whatever file is at the path; checking the time there and then
            // deleting could remove a blob a put renewed in between. So the file is moved aside first
            // and checked again where no put can reach it: a renewal that came before the move shows,
            // and a put after it finds no file and stores the content anew.
            Path aside = tmp.resolve("gc-" + UUID.randomUUID() + SUFFIX);
            try {
                Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return false;
            }
            if (storedBefore(attributes(aside), cutoff)) {
                Files.delete(aside);
                forceDirectory(path.getParent());
                return true;
            }
            // renewed by a put: back into place, replacing any copy a later put stored (same content)
            Files.move(aside, path, StandardCopyOption.ATOMIC_MOVE);
            return false;
        } catch (IOException e) {
            throw unavailable(id, e);
        }
    }

    private static boolean storedBefore(Optional<BasicFileAttributes> attributes, Instant cutoff) {
        return attributes.isPresent() && attributes.get().isRegularFile()
                && attributes.get().lastModifiedTime().toInstant().isBefore(cutoff);
    }

    @Override
    public void forEach(Consumer<BlobInfo> visitor) {
        checkOpen();
        try (DirectoryStream<Path> first = Files.newDirectoryStream(root)) {
            for (Path level1 : first) {
                if (isShard(level1)) {
                    visitShard(level1, visitor);
                }
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot list the blobs in " + root + ": " + e, e);
        }
    }

    private void visitShard(Path level1, Consumer<BlobInfo> visitor) throws IOException {
        for (Path level2 : list(level1)) {
            if (!isShard(level2)) {
                continue;
            }
            String prefix = level1.getFileName().toString() + level2.getFileName();
            for (Path file : list(level2)) {
                String name = file.getFileName().toString();
                if (!BLOB_FILE.matcher(name).matches() || !name.startsWith(prefix)) {
                    continue;
                }
                Optional<BasicFileAttributes> attributes = attributes(file);
                if (attributes.isPresent() && attributes.get().isRegularFile()) {
                    visitor.accept(new BlobInfo(new BlobId(name.substring(0, 64)), attributes.get().size(),
                            attributes.get().lastModifiedTime().toInstant()));
                }
            }
        }
    }

    /** The entries of a shard folder; none if it went away meanwhile (a concurrent delete). */
    private static Iterable<Path> list(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            List<Path> all = new ArrayList<>();
            entries.forEach(all::add);
            return all;
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static boolean isShard(Path path) {
        return SHARD.matcher(path.getFileName().toString()).matches()
                && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Up while the folder and its {@code tmp} folder, where every put starts, exist and are writable;
     * down when a put would fail for want of them, or once closed. Two file-system checks, no listing.
     */
    @Override
    public ComponentHealth health() {
        String problem = null;
        if (closed.get()) {
            problem = "blob store is closed";
        } else if (!Files.isDirectory(root)) {
            problem = "the blob folder " + root + " is missing";
        } else if (!Files.isDirectory(tmp) || !Files.isWritable(tmp)) {
            problem = "the folder " + tmp + " that puts write to is missing or not writable";
        }
        Map<String, String> details = Map.of("folder", root.toString());
        return problem == null ? ComponentHealth.up("file", location(), details)
                : new ComponentHealth(HealthStatus.DOWN, "file", location(), details, problem);
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "FileBlobStore[" + location() + "]";
    }

    /** Where blob {@code id} lives; only the checked digest reaches the path, and it must stay under the root. */
    Path blobPath(BlobId id) {
        String hex = id.sha256();
        Path path = root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex + SUFFIX).normalize();
        if (!path.startsWith(root) || path.getNameCount() != root.getNameCount() + 3) {
            throw new IllegalStateException("blob " + hex + " resolved outside the store: " + path);
        }
        return path;
    }

    private boolean linkedShard(BlobId id) {
        Path level2 = blobPath(id).getParent();
        return Files.isSymbolicLink(level2.getParent()) || Files.isSymbolicLink(level2);
    }

    private void refuseLinkedShards(BlobId id) {
        if (linkedShard(id)) {
            throw new BlobCorruptedException(id.sha256(), "a shard folder on its path is a symbolic link, which is"
                    + " never followed");
        }
    }

    /** Creates the blob's two shard folders as needed and returns the inner one; refuses planted links. */
    private Path ensureShard(BlobId id) throws IOException {
        Path level2 = blobPath(id).getParent();
        for (Path folder : new Path[] {level2.getParent(), level2}) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                createDirectory(folder);
            }
        }
        return level2;
    }

    /** Creates one folder; another process creating it first is fine, anything else but a folder is not. */
    private static void createDirectory(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, ownerOnly(folder, FOLDER));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(folder + " exists but is not a folder (a symbolic link is never followed)", e);
            }
        }
    }

    /**
     * The owner-only permissions ({@code rwx------} or {@code rw-------}) to create {@code path} with,
     * or none on a file system without POSIX permissions. The umask can only take bits away.
     */
    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** Makes a rename into {@code folder} durable; some systems refuse to open or force a folder. */
    private static void forceDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force the folder {} (the OS refuses it): {}", folder, e.toString());
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Renews a blob's modification time; {@code false} if it vanished meanwhile (a gc). */
    private static boolean touch(Path path) throws IOException {
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(Instant.now()), null, null);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void removeStaleTemps(Instant olderThan) throws IOException {
        for (Path temp : list(tmp)) {
            Optional<BasicFileAttributes> attributes = attributes(temp);
            if (attributes.isPresent() && attributes.get().lastModifiedTime().toInstant().isBefore(olderThan)) {
                LOG.info("removing {}, left behind by a put that did not finish", temp);
                deleteQuietly(temp);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("cannot close {}: {}", closeable, e.toString());
        }
    }

    private StorageUnavailableException unavailable(BlobId id, IOException e) {
        return new StorageUnavailableException("cannot read blob " + id + " in " + root + ": " + e, e);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StorageUnavailableException("the blob store " + location() + " is closed", null);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
