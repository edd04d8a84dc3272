package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.spi.StorageProvider;
import dev.agenthive.api.spi.StorageSettings;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.blob.BlobCheckReport;
import dev.agenthive.core.blob.BlobCollectionReport;
import dev.agenthive.core.blob.BlobCollector;
import dev.agenthive.core.blob.CorruptBlob;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.provider.StorageProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Hive#checkBlobs()} and {@link Hive#collectBlobs} on a real SQLite file whose large snapshot
 * content the store moved into the real file blob store, damaged on disk the way files get damaged.
 */
class HiveBlobUpkeepTest {
    private static final Duration GRACE = Duration.ofHours(1);
    private static final Duration OLD = Duration.ofHours(2);

    @TempDir
    Path dir;

    @Test
    void intactSnapshotBlobsCheckClean() {
        try (Hive hive = open()) {
            snapshot(hive, "first");
            snapshot(hive, "second");

            BlobCheckReport report = hive.checkBlobs();

            assertThat(report.damaged()).as("%s", report).isFalse();
            assertThat(report.blobsChecked()).isEqualTo(2);
            assertThat(report.referencesKnown()).isTrue();
            assertThat(report.referencesChecked()).isEqualTo(2);
            assertThat(report.unreferenced()).isEmpty();
            assertThat(report.storedBytesChecked()).isPositive();
        }
    }

    @Test
    void aDeletedBlobIsMissingAndNamesTheRowThatNeedsIt() throws IOException {
        try (Hive hive = open()) {
            BlobId id = snapshotBlob(hive, "lost");
            Files.delete(blobFile(id));

            BlobCheckReport report = hive.checkBlobs();

            assertThat(report.damaged()).isTrue();
            assertThat(report.missing()).singleElement().satisfies(missing -> {
                assertThat(missing.blob()).isEqualTo(id);
                assertThat(missing.holder()).isNotBlank();
            });
            assertThat(report.corrupt()).isEmpty();
        }
    }

    @Test
    void aChangedByteMakesTheBlobCorruptAndNamesTheRowThatNeedsIt() throws IOException {
        try (Hive hive = open()) {
            BlobId id = snapshotBlob(hive, "changed");
            BlobId intact = snapshotBlob(hive, "intact");
            Path file = blobFile(id);
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);

            BlobCheckReport report = hive.checkBlobs();

            assertThat(report.damaged()).isTrue();
            assertThat(report.corrupt()).singleElement().satisfies(corrupt -> {
                assertThat(corrupt.id()).isEqualTo(id).isNotEqualTo(intact);
                assertThat(corrupt.reason()).isNotBlank();
                assertThat(corrupt.holders()).singleElement().asString().isNotBlank();
            });
            assertThat(report.missing()).isEmpty();
            assertThat(report.blobsChecked()).isEqualTo(2);
        }
    }

    @Test
    void aTruncatedBlobIsCorrupt() throws IOException {
        try (Hive hive = open()) {
            BlobId id = snapshotBlob(hive, "truncated");
            try (FileChannel file = FileChannel.open(blobFile(id), StandardOpenOption.WRITE)) {
                file.truncate(file.size() / 2);
            }

            assertThat(hive.checkBlobs().corrupt()).extracting(CorruptBlob::id).containsExactly(id);
        }
    }

    @Test
    void aBlobNoRowNeedsIsListedWithItsAgeButIsNotDamage() throws IOException {
        try (Hive hive = open()) {
            snapshot(hive, "kept");
            BlobId orphan = orphan(hive, "orphan", OLD);

            BlobCheckReport report = hive.checkBlobs();

            assertThat(report.damaged()).isFalse();
            assertThat(report.unreferenced()).singleElement().satisfies(unreferenced -> {
                assertThat(unreferenced.blob().id()).isEqualTo(orphan);
                assertThat(unreferenced.age()).isBetween(OLD, OLD.plusMinutes(5));
            });
        }
    }

    @Test
    void collectionRemovesOnlyTheUnreferencedBlobOlderThanTheGracePeriod() throws IOException {
        try (Hive hive = open()) {
            BlobId referencedOld = snapshotBlob(hive, "referenced");
            age(referencedOld, OLD);
            BlobId orphanOld = orphan(hive, "old orphan", OLD);
            BlobId orphanYoung = orphan(hive, "young orphan", Duration.ofMinutes(10));

            BlobCollectionReport report = hive.collectBlobs(GRACE, false);

            assertThat(report.removed()).extracting(BlobInfo::id).containsExactly(orphanOld);
            assertThat(report.removedBytes()).isEqualTo(report.removed().get(0).storedSize()).isPositive();
            assertThat(report.kept()).isEqualTo(1);
            assertThat(report.blobsScanned()).isEqualTo(3);
            assertThat(blobFile(orphanOld)).doesNotExist();
            assertThat(blobFile(orphanYoung)).exists();
            assertThat(blobFile(referencedOld)).exists();
            assertThat(hive.checkBlobs().damaged()).isFalse();
        }
    }

    @Test
    void aDryRunReportsTheOldOrphanAndDeletesNothing() throws IOException {
        try (Hive hive = open()) {
            BlobId orphanOld = orphan(hive, "old orphan", OLD);
            orphan(hive, "young orphan", Duration.ofMinutes(10));

            BlobCollectionReport report = hive.collectBlobs(GRACE, true);

            assertThat(report.dryRun()).isTrue();
            assertThat(report.removed()).extracting(BlobInfo::id).containsExactly(orphanOld);
            assertThat(report.kept()).isEqualTo(1);
            assertThat(blobFile(orphanOld)).exists();
        }
    }

    /**
     * A writer putting the content of an old unreferenced blob again (its row about to commit) after the
     * collection listed the blobs renews it, and the collection must then keep it.
     */
    @Test
    void aBlobRenewedByAPutWhileTheCollectionRunsIsKept() throws IOException {
        try (Hive hive = open()) {
            BlobStore blobs = hive.blobs().orElseThrow();
            byte[] content = "put again by a writer".getBytes(StandardCharsets.UTF_8);
            BlobId renewed = orphan(hive, "put again by a writer", OLD);
            BlobStore putAfterListing = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                    new Class<?>[]{BlobStore.class}, (proxy, method, args) -> {
                        Object result = invoke(blobs, method, args);
                        if (method.getName().equals("forEach")) {
                            blobs.put(content);
                        }
                        return result;
                    });
            // the store's rows need none of these blobs
            BlobCollector collector = new BlobCollector(putAfterListing, Optional.of(visitor -> { }), Clock.systemUTC());

            BlobCollectionReport report = collector.collect(GRACE, false);

            assertThat(report.removed()).isEmpty();
            assertThat(report.kept()).isEqualTo(1);
            assertThat(blobFile(renewed)).exists();
        }
    }

    @Test
    void theGracePeriodMustBePositive() {
        try (Hive hive = open()) {
            assertThatThrownBy(() -> hive.collectBlobs(Duration.ZERO, true))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("blob.grace"));
        }
    }

    /**
     * A store that cannot list the blobs its rows need: collection would delete blobs rows need, so it
     * refuses; the check still verifies every blob and says the references are unknown.
     */
    @Test
    void withoutTheStoresReferencesCollectionRefusesAndTheCheckVerifiesContentOnly() throws IOException {
        StorageProvider hiding = new ReferencesHidingProvider();
        HiveConfig config = TestHives.config(dir).storageUrl(ReferencesHidingProvider.SCHEME + dir.resolve("hive.db"))
                .build();
        try (Hive hive = Hive.open(config, Plugins.discover(List.of(hiding), List.of(), List.of()), Clock.systemUTC(),
                null)) {
            BlobId orphanOld = orphan(hive, "old orphan", OLD);
            BlobId changed = orphan(hive, "changed", Duration.ZERO);
            byte[] bytes = Files.readAllBytes(blobFile(changed));
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(blobFile(changed), bytes);

            assertThatThrownBy(() -> hive.collectBlobs(GRACE, false))
                    .isInstanceOfSatisfying(HiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessageContaining("cannot list the blobs its rows need");
            assertThat(blobFile(orphanOld)).exists();

            BlobCheckReport report = hive.checkBlobs();
            assertThat(report.referencesKnown()).isFalse();
            assertThat(report.corrupt()).extracting(CorruptBlob::id).containsExactly(changed);
            assertThat(report.unreferenced()).isEmpty();
            assertThat(report.blobsChecked()).isEqualTo(2);
        }
    }

    private Hive open() {
        Hive hive = Hive.open(TestHives.config(dir).build());
        hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
        return hive;
    }

    /** Content far above the 64 KiB from which the store moves it to the blob store. */
    private static Json large(String label) {
        return Json.of("{\"label\":\"" + label + "\",\"notes\":\"" + "remember this. ".repeat(10_000) + "\"}");
    }

    private static MemorySnapshot snapshot(Hive hive, String label) {
        return hive.memory().store(NewSnapshot.of("alice", "working", 0.5, large(label)));
    }

    /** Stores a large snapshot and returns the one blob it added. */
    private static BlobId snapshotBlob(Hive hive, String label) {
        List<BlobId> before = blobIds(hive);
        snapshot(hive, label);
        List<BlobId> added = blobIds(hive);
        added.removeAll(before);
        assertThat(added).as("blobs the snapshot added").hasSize(1);
        return added.get(0);
    }

    /** A blob no row needs, last stored {@code age} ago. */
    private BlobId orphan(Hive hive, String label, Duration age) throws IOException {
        BlobId id = hive.blobs().orElseThrow().put(label.getBytes(StandardCharsets.UTF_8)).id();
        age(id, age);
        return id;
    }

    private void age(BlobId id, Duration age) throws IOException {
        Files.setLastModifiedTime(blobFile(id), FileTime.from(Instant.now().minus(age)));
    }

    private static List<BlobId> blobIds(Hive hive) {
        List<BlobId> ids = new ArrayList<>();
        hive.blobs().orElseThrow().forEach(info -> ids.add(info.id()));
        return ids;
    }

    /** The blob folder {@link TestHives#config} names. */
    private Path blobFolder() {
        return dir.resolve("hive.db-blobs");
    }

    /** Where the file blob store keeps a blob: {@code <folder>/<id[0..2]>/<id[2..4]>/<id>.zst}. */
    private Path blobFile(BlobId id) {
        String hex = id.sha256();
        return blobFolder().resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex + ".zst");
    }

    /** Opens the real SQLite store for {@code no-refs:<path>} and hides its {@link HiveStore#blobReferences()}. */
    private static final class ReferencesHidingProvider implements StorageProvider {
        static final String SCHEME = "no-refs:";

        @Override
        public String name() {
            return "no-refs";
        }

        @Override
        public boolean accepts(String url) {
            return url.startsWith(SCHEME);
        }

        @Override
        public HiveStore open(StorageSettings settings) {
            String sqlite = "sqlite:" + settings.url().substring(SCHEME.length());
            HiveStore store = StorageProviders.discover(List.of()).open(new StorageSettings(sqlite, settings.migrate(),
                    settings.properties(), settings.clock(), settings.largeContent()));
            return (HiveStore) Proxy.newProxyInstance(HiveStore.class.getClassLoader(), new Class<?>[]{HiveStore.class},
                    (proxy, method, args) -> method.getName().equals("blobReferences") ? Optional.empty()
                            : invoke(store, method, args));
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
