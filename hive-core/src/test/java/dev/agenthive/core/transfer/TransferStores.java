package dev.agenthive.core.transfer;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.blob.BlobId;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.project.NewProject;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** SQLite stores on real files for the copy and backup tests, and a hive's worth of rows to fill them with. */
final class TransferStores {
    /** Larger than {@code hive.blob.inline-max-bytes} (64 KiB), so that it goes to the blob store. */
    static final String LARGE_SNAPSHOT = "{\"notes\":\"" + "n".repeat(70_000) + "\"}";
    static final String LARGE_PAYLOAD = "{\"data\":\"" + "p".repeat(70_000) + "\"}";

    private TransferStores() {
    }

    /** A hive on {@code dir/hive.db} with its blobs in {@code dir/blobs}, without maintenance. */
    static HiveConfig config(Path dir) {
        return HiveConfig.builder().isolated()
                .storageUrl("sqlite:" + dir.resolve("hive.db"))
                .blobUrl("file:" + dir.resolve("blobs"))
                .maintenanceInterval(Duration.ZERO)
                .build();
    }

    /** The JDBC URL of the SQLite file of {@link #config}, for tests that write past the store. */
    static String jdbcUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("hive.db");
    }

    /**
     * Fills a hive through its services with a row or more of the tables a copy must get right: a task
     * hierarchy, an epic under a project, content large enough for the blob store, and a system
     * configuration entry, whose agent_id is NULL and part of the key.
     */
    static void fill(HiveConfig config) {
        try (Hive hive = Hive.open(config)) {
            hive.agents().register(AgentRegistration.of("ada", "coder", Set.of("java", "sql")));
            hive.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
            Task parent = hive.tasks().enqueue(NewTask.builder("parent").payload(Json.of("{\"step\":1}")).build());
            Task child = hive.tasks().enqueue(NewTask.builder("child").parentId(parent.id()).build());
            hive.tasks().enqueue(NewTask.builder("grandchild").parentId(child.id())
                    .description("ü and \"quotes\"").build());
            Task large = hive.tasks().enqueue(NewTask.builder("large").payload(Json.of(LARGE_PAYLOAD)).build());
            hive.messages().send(NewMessage.direct("ada", "bob", "review", Json.of("{\"pr\": 7, \"why\": \"é\"}")));
            hive.messages().broadcast(NewMessage.broadcast("bob", "hello", Json.of("[1, 2.50]")));
            hive.sharedMemory().put("team", "plan", Json.of("{\"b\":1, \"a\":[true,null]}"));
            hive.memory().store(NewSnapshot.of("ada", "episodic", 0.5, Json.of(LARGE_SNAPSHOT)));
            hive.memory().store(NewSnapshot.of("bob", "working", 0.25, Json.of("{\"small\":true}")));
            hive.configurations().setSystem("hive", "limits", Json.of("{\"max\":10}"));
            hive.configurations().setForAgent("ada", "hive", "limits", Json.of("{\"max\":3}"));
            Project project = hive.projects().create(NewProject.project("apollo"));
            hive.projects().create(NewProject.epic(project.id(), "landing"));
            hive.projects().addTask(project.id(), large.id());
        }
    }

    /** Copies {@code source} into {@code target} under the default JSON rules of a hive. */
    static CopyReport copy(OpenedStore source, OpenedStore target, CopyOptions options, ValueRules rules,
                           Path rejectFile) {
        try (RejectFile rejects = RejectFile.at(rejectFile)) {
            HiveConfig limits = config(Path.of("unused"));
            return new TableCopy(new JsonCodec(limits.jsonMaxDepth(), limits.jsonMaxBytes())).copy(new StoreSource(source.store(), source.blobs()),
                    new CopyTarget(target.store().location(), target.store().tableAccess(), target.blobs(), rules),
                    options, rejects, CopyProgress.NONE);
        }
    }

    /** Proves the target against what the copy read, leaving out the rows it rejected. */
    static ValidationReport validate(CopyReport report, OpenedStore source, OpenedStore target, List<Reject> rejected) {
        Map<String, TableSummary> expected = report.tables().stream()
                .collect(Collectors.toMap(TableResult::table, TableResult::expected));
        StoreSource rows = new StoreSource(source.store(), source.blobs());
        return TableValidation.compare(expected, TableValidation.of(rows),
                TableValidation.of(new StoreSource(target.store(), target.blobs())), rows.tables(), rejected);
    }

    /** Every table's row count. */
    static Map<String, Long> counts(OpenedStore store) {
        List<TableSpec> tables = store.store().tableAccess().orElseThrow().tables();
        return store.store().tableAccess().orElseThrow().snapshot(snapshot -> tables.stream()
                .collect(Collectors.toMap(TableSpec::name, snapshot::count)));
    }

    /** The blobs the rows of {@code store} need. */
    static Set<BlobId> blobsNeeded(OpenedStore store) {
        return store.store().tableAccess().orElseThrow().snapshot(snapshot -> {
            Set<BlobId> ids = new LinkedHashSet<>();
            snapshot.blobReferences(reference -> ids.add(reference.blob()));
            return ids;
        });
    }
}
