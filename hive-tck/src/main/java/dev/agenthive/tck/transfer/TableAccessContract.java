package dev.agenthive.tck.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.configuration.ConfigKey;
import dev.agenthive.api.configuration.ConfigWrite;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.TableAccess;
import dev.agenthive.api.transfer.TableSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of a store that hands out its rows ({@link HiveStore#tableAccess()}): rows read carry
 * the Java types {@link ColumnType} names, rows read from one store write unchanged into another of
 * the same layout and read back equal, a write is all or nothing, {@link TableAccess#presentKeys}
 * matches a key with an empty part, and a snapshot is one point in time while writers go on. The
 * tests fill stores through their repositories and find rows by the table and column names the
 * hive's layout uses ({@code agents}, {@code configurations}). A provider passes it by extending
 * this class:
 *
 * <pre>{@code
 * class MyStoreTableAccessTest extends TableAccessContract {
 *     protected HiveStore openStore() {
 *         return new MyStorageProvider().open(new StorageSettings(url, true, Map.of(), Clock.systemUTC()));
 *     }
 * }
 * }</pre>
 */
public abstract class TableAccessContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HiveStore> opened = new ArrayList<>();
    private HiveStore store;

    /**
     * A fresh, migrated, empty store, each call a different one; every test opens one or two, of the
     * same kind. Each is closed with {@link #closeStore(HiveStore)} after the test.
     */
    protected abstract HiveStore openStore();

    /** Releases a store opened by {@link #openStore()}. */
    protected void closeStore(HiveStore store) {
        store.close();
    }

    @BeforeEach
    final void openFirstStore() {
        store = open();
    }

    @AfterEach
    final void closeStores() {
        for (HiveStore each : opened) {
            closeStore(each);
        }
        opened.clear();
    }

    private HiveStore open() {
        HiveStore fresh = openStore();
        assertThat(fresh).as("openStore() result").isNotNull();
        opened.add(fresh);
        return fresh;
    }

    private static TableAccess access(HiveStore store) {
        return store.tableAccess().orElseThrow(() -> new AssertionError(store.location() + " offers no TableAccess"));
    }

    private static TableSpec table(TableAccess access, String name) {
        return access.table(name).orElseThrow(() -> new AssertionError("the layout has no table " + name));
    }

    /** Writes a row or more through the repositories into the tables of every column type. */
    private static void fill(HiveStore store) {
        store.agents().register(AgentRegistration.of("ada", "coder", Set.of("java")));
        store.agents().register(AgentRegistration.of("bob", "reviewer", Set.of()));
        store.tasks().enqueue("t-parent", NewTask.builder("parent").payload(Json.of("{\"b\":1, \"a\":[1.5, \"é\"]}")).build());
        store.tasks().enqueue("t-child", NewTask.builder("child").parentId("t-parent").description("d").build());
        store.messages().send("m-1", NewMessage.direct("ada", "bob", "note", Json.of("{\"n\":1}")));
        store.sharedMemory().put(new MemoryWrite("ns", "k", Json.of("[1,2]"), JsonType.ARRAY, Json.EMPTY_OBJECT,
                null, null));
        store.metrics().record(List.of(new Metric("metric-1", "ada", "t-parent", "build.time", 12.5, "s",
                Json.EMPTY_OBJECT, Instant.parse("2024-05-01T10:15:30.123Z"))));
        store.configurations().put(ConfigWrite.of(ConfigKey.system("hive", "limits"), Json.of("{\"max\":10}")));
        store.configurations().put(ConfigWrite.of(ConfigKey.agent("ada", "hive", "limits"), Json.of("{\"max\":3}")));
        store.snapshots().store("s-1", NewSnapshot.of("ada", "episodic", 0.75, Json.of("{\"seen\":true}")));
    }

    private static List<List<Object>> scan(TableAccess access, TableSpec table) {
        return access.snapshot(snapshot -> {
            List<List<Object>> rows = new ArrayList<>();
            snapshot.scan(table, rows::add);
            return rows;
        });
    }

    @Test
    void theLayoutIsNumberedAndNamesItsTablesAndKeys() {
        TableAccess access = access(store);

        assertThat(access.layout()).as("layout()").isPositive();
        assertThat(access.tables()).as("tables()").isNotEmpty()
                .extracting(TableSpec::name).doesNotHaveDuplicates();
        for (TableSpec table : access.tables()) {
            assertThat(access.table(table.name())).contains(table);
            assertThat(table.columns()).extracting(Column::name).as("columns of %s", table.name())
                    .doesNotHaveDuplicates().containsAll(table.key());
            table.parentColumn().ifPresent(parent -> assertThat(table.columns().get(table.index(parent)).type())
                    .as("%s.%s names a row by its key", table.name(), parent)
                    .isEqualTo(table.columns().get(table.index(table.key().get(0))).type()));
        }
        assertThat(access.table("no_such_table")).isEmpty();
    }

    @Test
    void scannedRowsCarryTheJavaTypesOfTheirColumnTypes() {
        fill(store);
        TableAccess access = access(store);
        Set<ColumnType> seen = EnumSet.noneOf(ColumnType.class);

        for (TableSpec table : access.tables()) {
            for (List<Object> row : scan(access, table)) {
                assertThat(row).as("a row of %s", table.name()).hasSize(table.columns().size());
                for (int i = 0; i < row.size(); i++) {
                    Column column = table.columns().get(i);
                    Object value = row.get(i);
                    if (value == null) {
                        assertThat(column.nullable()).as("%s.%s is empty but required", table.name(), column.name())
                                .isTrue();
                        continue;
                    }
                    assertThat(value).as("%s.%s (%s)", table.name(), column.name(), column.type())
                            .isInstanceOf(carrier(column.type()));
                    if (column.type() == ColumnType.JSON) {
                        assertThat(parses((String) value)).as("%s.%s holds JSON: %s", table.name(), column.name(), value)
                                .isTrue();
                    }
                    seen.add(column.type());
                }
            }
        }
        assertThat(seen).as("column types among the rows written").containsExactlyInAnyOrder(ColumnType.values());
        assertThat(scan(access, table(access, "agents"))).hasSize(2);
        assertThat(scan(access, table(access, "configurations"))).hasSize(2);
    }

    @Test
    void rowsInsertedIntoAnotherStoreReadBackEqual() {
        fill(store);
        TableAccess from = access(store);
        TableAccess into = access(open());
        assertThat(into.layout()).isEqualTo(from.layout());

        for (TableSpec table : from.tables()) {
            into.insert(table, parentsFirst(table, scan(from, table)));
        }

        for (TableSpec table : from.tables()) {
            assertThat(byValue(table, scan(into, table))).as("rows of %s read back from the second store", table.name())
                    .containsExactlyInAnyOrderElementsOf(byValue(table, scan(from, table)));
        }
        assertThat(scan(into, table(into, "tasks"))).as("tasks copied").hasSize(2);
    }

    @Test
    void anInsertIsAllOrNothing() {
        store.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
        TableAccess from = access(store);
        TableSpec agents = table(from, "agents");
        List<Object> ada = scan(from, agents).get(0);
        TableAccess into = access(open());

        List<Object> fine = with(agents, ada, "id", "fine");
        List<Object> breaksACheck = with(agents, with(agents, ada, "id", "broken"), "status", "no-such-status");
        assertThatThrownBy(() -> into.insert(agents, List.of(fine, breaksACheck)))
                .as("a row whose status breaks the table's CHECK")
                .isInstanceOf(InvalidInputException.class);
        assertThat(scan(into, agents)).as("rows left by a refused batch").isEmpty();

        assertThatThrownBy(() -> into.insert(agents, List.of(fine, with(agents, ada, "id", "other"), fine)))
                .as("a batch that holds a key twice")
                .isInstanceOf(ConflictException.class);
        assertThat(scan(into, agents)).as("rows left by a refused batch").isEmpty();

        into.insert(agents, List.of(fine));
        assertThat(scan(into, agents)).containsExactly(fine);
    }

    @Test
    void anInsertOfAParentAndAChildThatBreaksACheckLeavesNeither() {
        store.tasks().enqueue("t-parent", NewTask.builder("parent").build());
        TableAccess from = access(store);
        TableSpec tasks = table(from, "tasks");
        List<Object> parent = scan(from, tasks).get(0);
        List<Object> child = with(tasks, with(tasks, with(tasks, parent, "id", "t-child"), "parent_id", "t-parent"),
                "status", "no-such-status");
        TableAccess into = access(open());

        // A store may write a parent and its child in separate statements; the batch is still one transaction.
        assertThatThrownBy(() -> into.insert(tasks, List.of(parent, child))).isInstanceOf(InvalidInputException.class);
        assertThat(scan(into, tasks)).as("rows left by a refused batch").isEmpty();
    }

    @Test
    void presentKeysFindsExactlyTheKeysHeldIncludingOneWithAnEmptyPart() {
        fill(store);
        TableAccess access = access(store);
        TableSpec configurations = table(access, "configurations");
        List<List<Object>> held = scan(access, configurations).stream().map(configurations::keyOf).toList();
        List<Object> system = held.stream().filter(key -> key.contains(null)).findFirst()
                .orElseThrow(() -> new AssertionError("no key with an empty part among " + held));
        List<Object> ofAda = held.stream().filter(key -> !key.contains(null)).findFirst().orElseThrow();
        int agentId = configurations.key().indexOf("agent_id");
        int configKey = configurations.key().indexOf("config_key");

        List<List<Object>> asked = List.of(system, ofAda,
                replaced(system, configKey, "other"),
                replaced(system, agentId, "ada"),
                replaced(ofAda, agentId, null),
                replaced(ofAda, agentId, "bob"));

        assertThat(access.presentKeys(configurations, asked)).containsExactlyInAnyOrder(system, ofAda);
        assertThat(access.presentKeys(configurations, List.of(replaced(system, configKey, "other")))).isEmpty();
        assertThat(access.presentKeys(configurations, List.of())).isEmpty();
        TableSpec agents = table(access, "agents");
        assertThat(access.presentKeys(agents, List.of(List.of("ada"), List.of("nobody"), List.of("bob"))))
                .containsExactlyInAnyOrder(List.of("ada"), List.of("bob"));
    }

    @Test
    void aSnapshotIsOnePointInTime() throws Exception {
        store.agents().register(AgentRegistration.of("ada", "coder", Set.of()));
        TableAccess access = access(store);
        TableSpec agents = table(access, "agents");
        AtomicBoolean written = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            List<Long> counts = access.snapshot(snapshot -> {
                long before = snapshot.count(agents);
                if (written.compareAndSet(false, true)) {
                    // Committed by another thread while this snapshot is open; a retried snapshot finds it done.
                    try {
                        writer.submit(() -> store.agents().register(AgentRegistration.of("bob", "coder", Set.of())))
                                .get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new AssertionError("the write during the snapshot did not finish", e);
                    }
                }
                List<Object> keys = new ArrayList<>();
                snapshot.scan(agents, row -> keys.add(agents.keyOf(row).get(0)));
                return List.of(before, snapshot.count(agents), (long) keys.size());
            });

            assertThat(counts).as("count, count and rows scanned after a write committed meanwhile")
                    .containsExactly(1L, 1L, 1L);
        } finally {
            writer.shutdownNow();
        }
        long later = access.snapshot(snapshot -> snapshot.count(agents));
        assertThat(later).as("a later snapshot").isEqualTo(2);
    }

    /**
     * The rows with every parent before its children, as {@link TableSpec} asks of a writer: a scan
     * hands them out in any order (InnoDB's is the key's), and MariaDB checks a foreign key row by
     * row, even within one statement.
     */
    private static List<List<Object>> parentsFirst(TableSpec table, List<List<Object>> rows) {
        if (table.parentColumn().isEmpty()) {
            return rows;
        }
        int parent = table.index(table.parentColumn().get());
        int key = table.index(table.key().get(0));
        List<List<Object>> ordered = new ArrayList<>(rows.size());
        Set<Object> written = new HashSet<>();
        List<List<Object>> waiting = new ArrayList<>(rows);
        while (!waiting.isEmpty()) {
            List<List<Object>> ready = waiting.stream()
                    .filter(row -> row.get(parent) == null || written.contains(row.get(parent))).toList();
            assertThat(ready).as("rows of %s whose parent is in the table", table.name()).isNotEmpty();
            ready.forEach(row -> written.add(row.get(key)));
            ordered.addAll(ready);
            waiting.removeAll(ready);
        }
        return ordered;
    }

    private static Class<?> carrier(ColumnType type) {
        return switch (type) {
            case TEXT, JSON -> String.class;
            case INTEGER -> Long.class;
            case REAL -> Double.class;
            case INSTANT -> Instant.class;
        };
    }

    private static boolean parses(String json) {
        try {
            JSON.readTree(json);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The rows with each JSON value parsed, so that stores which respell JSON (jsonb) still compare equal. */
    private static List<List<Object>> byValue(TableSpec table, List<List<Object>> rows) {
        List<List<Object>> parsed = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> values = new ArrayList<>(row);
            for (int i = 0; i < values.size(); i++) {
                if (table.columns().get(i).type() == ColumnType.JSON && values.get(i) != null) {
                    try {
                        values.set(i, JSON.readTree((String) values.get(i)));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError(table.name() + " holds text that is not JSON: " + values.get(i), e);
                    }
                }
            }
            parsed.add(values);
        }
        return parsed;
    }

    private static List<Object> with(TableSpec table, List<Object> row, String column, Object value) {
        return replaced(row, table.index(column), value);
    }

    private static List<Object> replaced(List<Object> values, int index, Object value) {
        List<Object> copy = Arrays.asList(values.toArray());
        copy.set(index, value);
        return copy;
    }
}
