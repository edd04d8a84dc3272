package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BackupArchive} of a SQLite store filled through the services, verified and restored into another. */
class BackupArchiveTest {
    @TempDir
    Path dir;

    private HiveConfig sourceConfig;
    private Path backup;
    private BackupArchive.Manifest written;

    @BeforeEach
    void writeBackup() {
        sourceConfig = TransferStores.config(dir.resolve("source"));
        TransferStores.fill(sourceConfig);
        backup = dir.resolve("backup.zip");
        try (OpenedStore source = Hive.openStore(sourceConfig)) {
            written = BackupArchive.write(new StoreSource(source.store(), source.blobs()), backup, CopyProgress.NONE);
        }
    }

    @Test
    void aFreshBackupVerifiesAndListsWhatTheStoreHeld() {
        try (BackupArchive archive = BackupArchive.open(backup); OpenedStore source = Hive.openStore(sourceConfig)) {
            assertThat(archive.verify()).isEmpty();
            assertThat(archive.manifest()).isEqualTo(written);
            assertThat(archive.layout()).isEqualTo(source.store().tableAccess().orElseThrow().layout());
            assertThat(archive.manifest().blobs().keySet())
                    .containsExactlyInAnyOrderElementsOf(TransferStores.blobsNeeded(source));
            StoreSource rows = new StoreSource(source.store(), source.blobs());
            assertThat(archive.manifest().summaries())
                    .isEqualTo(TableValidation.summarize(TableValidation.of(rows), rows.tables(), List.of()));
        }
        assertThat(dir.resolve("backup.zip.partial")).doesNotExist();
    }

    @Test
    void aFlippedByteInATableIsNamed() throws IOException {
        rewrite(name -> name.equals("tables/shared_memory.jsonl"), content -> {
            // Inside the value's text, so the line still parses and only the checksum can tell.
            int at = indexOf(content, "\"plan\"") + 2;
            content[at] ^= 0x01;
        });

        try (BackupArchive archive = BackupArchive.open(backup)) {
            assertThat(archive.verify()).singleElement().asString()
                    .startsWith("table shared_memory: 1 rows with checksum")
                    .contains("the manifest says 1 rows with " + written.summaries().get("shared_memory").checksum());
        }
    }

    @Test
    void aFlippedByteInABlobIsNamed() throws IOException {
        BlobId blob = written.blobs().keySet().iterator().next();
        rewrite(name -> name.equals("blobs/" + blob), content -> content[content.length / 2] ^= 0x01);

        try (BackupArchive archive = BackupArchive.open(backup)) {
            assertThat(archive.verify()).singleElement().asString().startsWith("blob " + blob + ": content of");
        }
    }

    @Test
    void aRestoreIntoAnotherStoreValidatesAgainstTheManifest() throws IOException {
        HiveConfig targetConfig = TransferStores.config(dir.resolve("target"));
        try (BackupArchive archive = BackupArchive.open(backup); OpenedStore target = Hive.openStore(targetConfig)) {
            CopyReport report;
            try (RejectFile rejects = RejectFile.at(dir.resolve("rejects.jsonl"))) {
                HiveConfig limits = TransferStores.config(dir);
                report = new TableCopy(new JsonCodec(limits.jsonMaxDepth(), limits.jsonMaxBytes())).copy(archive,
                        new CopyTarget(target.store().location(), target.store().tableAccess(), target.blobs(),
                                ValueRules.NONE), CopyOptions.defaults(), rejects, CopyProgress.NONE);
            }

            assertThat(report.rejected()).isZero();
            assertThat(report.blobProblems()).isEmpty();
            assertThat(report.blobsCopied()).isEqualTo(written.blobs().size());
            ValidationReport validation = TableValidation.compare(archive.manifest().summaries(),
                    TableValidation.of(archive), TableValidation.of(new StoreSource(target.store(), target.blobs())),
                    archive.tables(), List.of());
            assertThat(validation.tables()).allSatisfy(table -> assertThat(table.equal()).as(table.table()).isTrue());
            for (BlobId id : written.blobs().keySet()) {
                try (InputStream restored = target.blobs().orElseThrow().open(id); InputStream kept = archive.openBlob(id)) {
                    assertThat(restored.readAllBytes()).isEqualTo(kept.readAllBytes());
                }
            }
        }
        try (Hive restored = Hive.open(targetConfig)) {
            assertThat(restored.memory().latest("ada", "episodic").orElseThrow().content().text())
                    .isEqualTo(TransferStores.LARGE_SNAPSHOT);
        }
    }

    /** Rewrites the backup with the entry {@code which} names changed by {@code change}, every other entry as it was. */
    private void rewrite(Predicate<String> which, Consumer<byte[]> change) throws IOException {
        Path changed = dir.resolve("changed.zip");
        int matched = 0;
        try (ZipFile zip = new ZipFile(backup.toFile());
             OutputStream out = Files.newOutputStream(changed);
             ZipOutputStream rewritten = new ZipOutputStream(out)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (which.test(entry.getName())) {
                    change.accept(content);
                    matched++;
                }
                rewritten.putNextEntry(new ZipEntry(entry.getName()));
                rewritten.write(content);
                rewritten.closeEntry();
            }
        }
        assertThat(matched).as("entries changed").isEqualTo(1);
        Files.move(changed, backup, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int indexOf(byte[] content, String text) {
        String asText = new String(content, StandardCharsets.ISO_8859_1);
        int at = asText.indexOf(text);
        assertThat(at).as("%s in the entry", text).isNotNegative();
        return at;
    }
}
