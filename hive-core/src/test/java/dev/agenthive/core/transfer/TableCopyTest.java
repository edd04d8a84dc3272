package dev.agenthive.core.transfer;

import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskQuery;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.agenthive.core.transfer.TransferStores.copy;
import static dev.agenthive.core.transfer.TransferStores.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TableCopy} between two SQLite files, each with its blob folder, filled through the hive's services. */
class TableCopyTest {
    @TempDir
    Path dir;

    private HiveConfig sourceConfig;
    private HiveConfig targetConfig;
    private Path rejectFile;

    @BeforeEach
    void fillSource() {
        sourceConfig = TransferStores.config(dir.resolve("source"));
        targetConfig = TransferStores.config(dir.resolve("target"));
        rejectFile = dir.resolve("rejects.jsonl");
        TransferStores.fill(sourceConfig);
    }

    @Test
    void everyTableAndBlobArrivesAndValidatesEqual() throws Exception {
        CopyReport report;
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            report = copy(source, target, CopyOptions.defaults(), ValueRules.NONE, rejectFile);

            assertThat(report.rejected()).isZero();
            assertThat(report.blobProblems()).isEmpty();
            ValidationReport validation = validate(report, source, target, List.of());
            assertThat(validation.tables()).allSatisfy(table -> assertThat(table.equal()).as(table.table()).isTrue());
            assertThat(validation.equal()).isTrue();
            assertThat(report.tables()).allSatisfy(table ->
                    assertThat(table.copied()).as(table.table()).isEqualTo(table.sourceRows()));
            assertThat(TransferStores.counts(target)).isEqualTo(TransferStores.counts(source))
                    .containsEntry("tasks", 4L).containsEntry("projects", 2L).containsEntry("configurations", 2L)
                    .containsEntry("memory_snapshots", 2L).containsEntry("agent_messages", 2L);

            Set<BlobId> needed = TransferStores.blobsNeeded(source);
            assertThat(needed).as("the large snapshot and the large payload").hasSize(2);
            assertThat(report.blobsCopied()).isEqualTo(2);
            for (BlobId id : needed) {
                try (InputStream copied = target.blobs().orElseThrow().open(id);
                     InputStream original = source.blobs().orElseThrow().open(id)) {
                    assertThat(copied.readAllBytes()).isEqualTo(original.readAllBytes());
                }
            }
        }
        assertThat(rejectFile).as("a clean copy leaves no reject file").doesNotExist();
        try (Hive target = Hive.open(targetConfig)) {
            MemorySnapshot large = target.memory().latest("ada", "episodic").orElseThrow();
            assertThat(large.content().text()).isEqualTo(TransferStores.LARGE_SNAPSHOT);
            Task task = target.tasks().list(new TaskQuery(null, null, null, 100)).stream()
                    .filter(candidate -> candidate.title().equals("large")).findFirst().orElseThrow();
            assertThat(task.payload().text()).isEqualTo(TransferStores.LARGE_PAYLOAD);
            assertThat(target.configurations().effective("bob", "hive", "limits").orElseThrow().value().text())
                    .as("the system entry, whose agent_id is NULL").isEqualTo("{\"max\":10}");
        }
    }

    @Test
    void aSecondCopyIsRefusedUnlessResumedAndAResumedOneCopiesNothing() {
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            copy(source, target, CopyOptions.defaults(), ValueRules.NONE, rejectFile);
            Map<String, Long> counts = TransferStores.counts(target);

            assertThatThrownBy(() -> copy(source, target, CopyOptions.defaults(), ValueRules.NONE, rejectFile))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not empty")
                    .hasMessageContaining("agents (2 rows)");

            CopyReport resumed = copy(source, target, new CopyOptions(2, true, false, Optional.empty()),
                    ValueRules.NONE, rejectFile);
            assertThat(resumed.tables()).allSatisfy(table -> {
                assertThat(table.copied()).as(table.table()).isZero();
                assertThat(table.alreadyPresent()).as(table.table()).isEqualTo(table.sourceRows());
            });
            assertThat(resumed.blobsCopied()).isZero();
            assertThat(resumed.blobsPresent()).isEqualTo(2);
            assertThat(TransferStores.counts(target)).isEqualTo(counts);
            assertThat(validate(resumed, source, target, List.of()).equal()).isTrue();
        }
    }

    @Test
    void aResumedCopyWritesOnlyTheMissingRows() throws SQLException {
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            copy(source, target, CopyOptions.defaults(), ValueRules.NONE, rejectFile);
        }
        // As if the copy had stopped after the first batch of the task hierarchy: the grandchild is missing.
        try (Connection connection = DriverManager.getConnection(TransferStores.jdbcUrl(dir.resolve("target")));
             PreparedStatement delete = connection.prepareStatement("DELETE FROM tasks WHERE title = 'grandchild'")) {
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            CopyReport resumed = copy(source, target, new CopyOptions(500, true, false, Optional.empty()),
                    ValueRules.NONE, rejectFile);

            TableResult tasks = result(resumed, "tasks");
            assertThat(tasks.copied()).isEqualTo(1);
            assertThat(tasks.alreadyPresent()).isEqualTo(3);
            assertThat(validate(resumed, source, target, List.of()).equal()).isTrue();
        }
    }

    @Test
    void childrenScannedBeforeTheirParentsAreWrittenAfterThem() throws SQLException {
        insertRaw(dir.resolve("source"), List.of(
                task("t-child", "child first", "t-parent"),
                task("t-grandchild", "grandchild", "t-child"),
                task("t-parent", "parent last", null)));
        insertRawProjects(dir.resolve("source"));
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            assertThat(scanOrder(source, "tasks")).as("the case under test: the source hands the child out first")
                    .containsSubsequence("t-child", "t-grandchild", "t-parent");
            assertThat(scanOrder(source, "projects")).containsSubsequence("p-epic", "p-project");

            CopyReport report = copy(source, target, new CopyOptions(1, false, false, Optional.empty()),
                    ValueRules.NONE, rejectFile);

            assertThat(report.rejected()).isZero();
            assertThat(result(report, "tasks").copied()).isEqualTo(7);
            assertThat(result(report, "projects").copied()).isEqualTo(4);
            assertThat(validate(report, source, target, List.of()).equal()).isTrue();
        }
    }

    @Test
    void aRefusedParentTakesItsChildrenToTheRejectFile() throws SQLException {
        // One child is scanned before the parent (it waits for it), one after (the parent is known refused by then).
        insertRaw(dir.resolve("source"), List.of(
                task("t-early", "early child", "t-bad"),
                task("t-early-child", "grandchild", "t-early"),
                task("t-bad", "refuse me", null),
                task("t-late", "late child", "t-bad")));
        ValueRules refuseOneTitle = (column, value) -> column.name().equals("title") && value.equals("refuse me")
                ? Optional.of("the test refuses this title") : Optional.empty();
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            CopyReport report = copy(source, target, CopyOptions.defaults(), refuseOneTitle, rejectFile);

            List<TableSpec> tables = new StoreSource(source.store(), source.blobs()).tables();
            List<Reject> rejects = RejectFile.read(rejectFile, tables);
            assertThat(rejects).extracting(reject -> reject.key().get(0) + ": " + reject.reason())
                    .containsExactlyInAnyOrder(
                            "t-bad: title: the test refuses this title",
                            "t-early: its parent t-bad was refused",
                            "t-early-child: its parent t-early was refused",
                            "t-late: its parent t-bad was refused");
            assertThat(report.rejected()).isEqualTo(4);
            assertThat(result(report, "tasks").copied()).isEqualTo(4);
            assertThat(scanOrder(target, "tasks")).doesNotContain("t-bad", "t-early", "t-early-child", "t-late");
            assertThat(validate(report, source, target, rejects).equal())
                    .as("the target holds the source less the rejected rows").isTrue();
        }
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        try (OpenedStore source = Hive.openStore(sourceConfig); OpenedStore target = Hive.openStore(targetConfig)) {
            ValueRules refuseOneTitle = (column, value) -> column.name().equals("title") && value.equals("child")
                    ? Optional.of("refused") : Optional.empty();

            CopyReport report = copy(source, target, new CopyOptions(500, false, true, Optional.empty()),
                    refuseOneTitle, rejectFile);

            assertThat(report.dryRun()).isTrue();
            assertThat(report.rejected()).as("the child and the grandchild under it").isEqualTo(2);
            assertThat(result(report, "tasks").copied()).as("would have been copied").isEqualTo(2);
            assertThat(report.blobsCopied()).as("found in the source").isEqualTo(2);
            assertThat(TransferStores.counts(target).values()).containsOnly(0L);
            for (BlobId id : TransferStores.blobsNeeded(source)) {
                assertThat(target.blobs().orElseThrow().exists(id)).isFalse();
            }
        }
        assertThat(rejectFile).doesNotExist();
        try (var files = Files.list(dir.resolve("target").resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private static TableResult result(CopyReport report, String table) {
        return report.tables().stream().filter(result -> result.table().equals(table)).findFirst().orElseThrow();
    }

    /** The keys of {@code table} in the order the store hands its rows out. */
    private static List<String> scanOrder(OpenedStore store, String table) {
        var access = store.store().tableAccess().orElseThrow();
        TableSpec spec = access.table(table).orElseThrow();
        return access.snapshot(snapshot -> {
            List<String> keys = new ArrayList<>();
            snapshot.scan(spec, row -> keys.add((String) spec.keyOf(row).get(0)));
            return keys;
        });
    }

    private record RawTask(String id, String title, String parentId) {
    }

    private static RawTask task(String id, String title, String parentId) {
        return new RawTask(id, title, parentId);
    }

    /**
     * Inserts tasks in the given order past the store, on a connection without foreign-key checks (SQLite's
     * default), so that a child can sit before its parent in the table, as rows do that were re-parented.
     */
    private static void insertRaw(Path storeDir, List<RawTask> tasks) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TransferStores.jdbcUrl(storeDir));
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tasks (id, title, type, status,"
                     + " priority, parent_id, required_capabilities, payload, attempts, max_attempts, lease_token,"
                     + " available_at, created_at, updated_at) VALUES (?, ?, 'generic', 'queued', 0, ?, '[]', '{}',"
                     + " 0, 3, 0, 1700000000000, 1700000000000, 1700000000000)")) {
            for (RawTask task : tasks) {
                insert.setString(1, task.id());
                insert.setString(2, task.title());
                insert.setString(3, task.parentId());
                insert.executeUpdate();
            }
        }
    }

    /** An epic inserted before its project, the same way. */
    private static void insertRawProjects(Path storeDir) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TransferStores.jdbcUrl(storeDir));
             PreparedStatement insert = connection.prepareStatement("INSERT INTO projects (id, name, kind, parent_id,"
                     + " status, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', '{}', 1700000000000,"
                     + " 1700000000000)")) {
            insert.setString(1, "p-epic");
            insert.setString(2, "epic first");
            insert.setString(3, "epic");
            insert.setString(4, "p-project");
            insert.executeUpdate();
            insert.setString(1, "p-project");
            insert.setString(2, "project last");
            insert.setString(3, "project");
            insert.setString(4, null);
            insert.executeUpdate();
        }
    }
}
