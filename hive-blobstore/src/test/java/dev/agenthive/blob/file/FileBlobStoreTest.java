package dev.agenthive.blob.file;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobRef;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.BlobCorruptedException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.BlobSettings;
import dev.agenthive.api.spi.BlobStoreProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the file store promises beyond the TCK: its URL and keys, its layout, and the path guards. */
class FileBlobStoreTest {
    private static final long MAX = 64L << 20;

    @TempDir
    Path dir;

    private final List<BlobStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(BlobStore::close);
    }

    private FileBlobStore open(Path root) {
        return open(root, Map.of());
    }

    private FileBlobStore open(Path root, Map<String, String> properties) {
        BlobStore store = new FileBlobStoreProvider().open(new BlobSettings("file:" + root, MAX, properties,
                Clock.systemUTC()));
        opened.add(store);
        return (FileBlobStore) store;
    }

    // --- provider and settings

    @Test
    void theProviderIsFoundByServiceLoaderAndAcceptsOnlyFileUrls() {
        BlobStoreProvider provider = ServiceLoader.load(BlobStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("file")).findFirst().orElseThrow();
        assertThat(provider.accepts("file:.hive/blobs")).isTrue();
        assertThat(provider.accepts("file:///data/blobs")).isTrue();
        assertThat(provider.accepts("s3://bucket/x")).isFalse();
        assertThat(provider.accepts("sqlite:x.db")).isFalse();
        assertThat(provider.accepts(null)).isFalse();
        assertThat(provider.configKeys()).containsExactly("hive.blob.file.compression-level");
    }

    @Test
    void fileUrlsWithThreeSlashesAndRelativeFoldersBothOpen() {
        Path absolute = dir.resolve("abs");
        FileBlobStore store = (FileBlobStore) new FileBlobStoreProvider().open(new BlobSettings(
                absolute.toUri().toString(), MAX, Map.of(), Clock.systemUTC()));
        opened.add(store);
        assertThat(Files.isDirectory(absolute)).isTrue();
        assertThat(store.location()).startsWith("file:/").contains("abs");

        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel"));
        BlobStore relativeStore = new FileBlobStoreProvider().open(new BlobSettings("file:" + relative, MAX, Map.of(),
                Clock.systemUTC()));
        opened.add(relativeStore);
        assertThat(Files.isDirectory(dir.resolve("rel"))).isTrue();
    }

    @Test
    void unknownKeysAndBadLevelsAreRefusedByName() {
        assertThatThrownBy(() -> open(dir, Map.of("hive.blob.file.compresion-level", "3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hive.blob.file.compresion-level");
        assertThatThrownBy(() -> open(dir, Map.of("hive.blob.file.compression-level", "fast")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hive.blob.file.compression-level");
        assertThatThrownBy(() -> open(dir, Map.of("hive.blob.file.compression-level", "99")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hive.blob.file.compression-level");
        assertThat(open(dir, Map.of("hive.blob.file.compression-level", "19", "hive.blob.other", "x"))
                .put(json(100_000)).size()).isEqualTo(100_000);
        assertThatThrownBy(() -> new FileBlobStoreProvider().open(new BlobSettings("redis://x", MAX, Map.of(),
                Clock.systemUTC()))).isInstanceOf(InvalidInputException.class).hasMessageContaining("hive.blob.url");
    }

    // --- layout and compression

    @Test
    void blobsAreShardedByTheirFirstFourDigitsAndCompressed() {
        FileBlobStore store = open(dir);
        byte[] content = json(1 << 20);
        BlobRef ref = store.put(content);
        String hex = ref.id().sha256();
        Path file = dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex + ".zst");
        assertThat(file).isRegularFile();
        assertThat(ref.storedSize()).isLessThan(ref.size() / 5);
        assertThat(store.stat(ref.id()).orElseThrow().storedSize()).isEqualTo(ref.storedSize());
    }

    @Test
    void aPutOfStoredContentRenewsItsModificationTime() throws IOException {
        FileBlobStore store = open(dir);
        BlobRef ref = store.put(json(10_000));
        Path file = store.blobPath(ref.id());
        Instant old = Instant.now().minus(Duration.ofDays(3));
        Files.setLastModifiedTime(file, FileTime.from(old));
        store.put(json(10_000));
        assertThat(store.stat(ref.id()).orElseThrow().storedAt()).isAfter(old.plus(Duration.ofDays(2)));
    }

    @Test
    void aCutShortBlobIsCorrupted() {
        FileBlobStore store = open(dir);
        BlobId id = store.put(random(300_000)).id();
        Path file = store.blobPath(id);
        BlobFiles.truncate(file, 1000);
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(id.sha256());
        BlobFiles.truncate(file, 0);
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(id.sha256());
    }

    @Test
    void contentWrittenUnderAnotherIdIsCorrupted() throws IOException {
        FileBlobStore store = open(dir);
        BlobId a = store.put(json(5_000)).id();
        BlobId b = store.put(random(5_000)).id();
        Files.copy(store.blobPath(a), store.blobPath(b), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> store.read(b)).isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(b.sha256());
    }

    // --- path safety

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "..", "a\0b", "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", "../../0123456789abcdef0123456789abcdef0123456789abcdef0123456789"})
    void noTextButADigestBecomesAnId(String text) {
        assertThatThrownBy(() -> new BlobId(text)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BlobId.parse(text)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aVeryLongStringIsNoIdEither() {
        assertThatThrownBy(() -> new BlobId("a".repeat(100_000))).isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("a".repeat(100));
    }

    @Test
    void aLinkPlantedAsAShardFolderIsNeverFollowed() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = dir.resolve("store");
        FileBlobStore store = open(root);
        byte[] content = json(20_000);
        BlobId id = sha256(content);
        String hex = id.sha256();
        // a copy of the blob, well formed, waits outside behind the link
        FileBlobStore other = open(dir.resolve("other"));
        other.put(content);
        Path outsideShard = Files.createDirectories(outside.resolve(hex.substring(2, 4)));
        Path outsideBlob = outsideShard.resolve(hex + ".zst");
        Files.copy(other.blobPath(id), outsideBlob);
        Files.createSymbolicLink(root.resolve(hex.substring(0, 2)), outside);

        assertThat(store.exists(id)).isFalse();
        assertThat(store.stat(id)).isEmpty();
        assertThat(listed(store)).isEmpty();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(BlobCorruptedException.class).hasMessageContaining(hex);
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(BlobCorruptedException.class);
        assertThatThrownBy(() -> store.delete(id)).isInstanceOf(BlobCorruptedException.class);
        assertThat(outsideBlob).exists();
        long before = Files.getLastModifiedTime(outsideBlob).toMillis();
        try (Stream<Path> files = Files.walk(outside)) {
            long count = files.count();
            assertThatThrownBy(() -> store.put(content)).isInstanceOf(RuntimeException.class);
            try (Stream<Path> after = Files.walk(outside)) {
                assertThat(after.count()).isEqualTo(count);
            }
        }
        assertThat(Files.getLastModifiedTime(outsideBlob).toMillis()).isEqualTo(before);
        assertThat(listFiles(root.resolve("tmp"))).isEmpty();
    }

    @Test
    void aLinkPlantedAsABlobFileIsNeverReadThrough() throws IOException {
        Path root = dir.resolve("store");
        FileBlobStore store = open(root);
        byte[] content = json(20_000);
        BlobId id = sha256(content);
        FileBlobStore other = open(dir.resolve("other"));
        other.put(content);
        Path target = other.blobPath(id);
        Path planted = store.blobPath(id);
        Files.createDirectories(planted.getParent());
        Files.createSymbolicLink(planted, target);

        assertThat(store.exists(id)).isFalse();
        assertThat(listed(store)).isEmpty();
        assertThatThrownBy(() -> store.read(id)).isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(id.sha256());
        // a put replaces the link itself with a real file; the link's target is untouched
        byte[] targetBytes = Files.readAllBytes(target);
        store.put(content);
        assertThat(Files.isSymbolicLink(planted)).isFalse();
        assertThat(store.read(id)).isEqualTo(content);
        assertThat(Files.readAllBytes(target)).isEqualTo(targetBytes);
        // deleting removes the store's file, never the other store's
        assertThat(store.delete(id)).isTrue();
        assertThat(target).exists();
    }

    @Test
    void filesThatAreNotBlobsAreIgnored() throws IOException {
        Path root = dir.resolve("store");
        FileBlobStore store = open(root);
        BlobId id = store.put(json(1_000)).id();
        Path shard = store.blobPath(id).getParent();
        Files.writeString(shard.resolve("notes.txt"), "hello");
        Files.writeString(shard.resolve(id.sha256().toUpperCase() + ".zst"), "x");
        // a valid name in the wrong shard
        String elsewhere = "ff" + id.sha256().substring(2);
        if (!elsewhere.equals(id.sha256())) {
            Files.writeString(shard.resolve(elsewhere + ".zst"), "x");
        }
        Files.createDirectories(root.resolve("zz").resolve("00"));
        Files.writeString(root.resolve("stray.zst"), "x");
        assertThat(listed(store)).extracting(BlobInfo::id).containsExactly(id);
    }

    @Test
    void aPutKilledHalfWayLeavesNoBlobAndTheNextPutSucceeds() throws IOException {
        Path root = dir.resolve("store");
        byte[] content = json(500_000);
        open(root).close();
        // what a killed put leaves: a temp file with part of the compressed content
        Path leftover = root.resolve("tmp").resolve("0b6e1ad2-killed.tmp");
        Files.write(leftover, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3});
        FileBlobStore store = open(root);
        assertThat(listed(store)).isEmpty();
        assertThat(store.exists(sha256(content))).isFalse();
        assertThat(store.put(content).id()).isEqualTo(sha256(content));
        assertThat(store.read(sha256(content))).isEqualTo(content);
        assertThat(leftover).as("young temp files may belong to a running put").exists();
    }

    @Test
    void staleTempFilesAreRemovedWhenTheStoreOpens() throws IOException {
        Path root = dir.resolve("store");
        open(root).close();
        Path stale = root.resolve("tmp").resolve("stale.tmp");
        Path young = root.resolve("tmp").resolve("young.tmp");
        Files.write(stale, new byte[10]);
        Files.write(young, new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));
        Files.setLastModifiedTime(young, FileTime.from(Instant.now().minus(Duration.ofMinutes(59))));
        open(root);
        assertThat(stale).doesNotExist();
        assertThat(young).exists();
    }

    @Test
    void aFailedPutLeavesNoTempFile() throws IOException {
        Path root = dir.resolve("store");
        FileBlobStore store = open(root);
        InputStream broken = new InputStream() {
            private int left = 200_000;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("the source broke off");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(broken)).hasMessageContaining("the source broke off");
        assertThat(listFiles(root.resolve("tmp"))).isEmpty();
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static List<BlobInfo> listed(BlobStore store) {
        List<BlobInfo> all = new ArrayList<>();
        Consumer<BlobInfo> add = all::add;
        store.forEach(add);
        return all;
    }

    static BlobId sha256(byte[] content) {
        try {
            return new BlobId(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] json(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"id\":\"task-").append(i).append("\",\"state\":\"RUNNING\",\"agent\":\"agent-")
                    .append(i % 7).append("\"},\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }
}
