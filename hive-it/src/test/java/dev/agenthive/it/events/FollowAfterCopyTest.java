package dev.agenthive.it.events;

import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventFeed;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.api.transfer.ValueRules;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.transfer.CopyOptions;
import dev.agenthive.core.transfer.CopyProgress;
import dev.agenthive.core.transfer.CopyReport;
import dev.agenthive.core.transfer.CopyTarget;
import dev.agenthive.core.transfer.RejectFile;
import dev.agenthive.core.transfer.StoreSource;
import dev.agenthive.core.transfer.TableCopy;
import dev.agenthive.core.transfer.TableValidation;
import dev.agenthive.it.postgres.PostgresTestServer;
import dev.agenthive.it.process.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy moves each event's position (seq) as it is, so its proof holds, and the target puts its own
 * later events after the copied ones: SQLite to PostgreSQL (where the copying transactions' ids are
 * below every later one, and the sequence is raised above the copied seq), then that PostgreSQL
 * store, with events of its own, to a second SQLite file (whose AUTOINCREMENT moves past the copied
 * numbers). In each target a follower from the start sees the copied events in the source's order,
 * then the target's own, each once.
 */
class FollowAfterCopyTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void sqliteToPostgresqlToSqliteKeepsEveryEventInOrderOnce() {
        PostgresTestServer server = PostgresTestServer.get();
        String postgres = server.freshDatabase();
        try (HiveStore first = Stores.open("sqlite:" + dir.resolve("first.db"));
             HiveStore middle = Stores.open(postgres);
             HiveStore last = Stores.open("sqlite:" + dir.resolve("last.db"))) {
            List<String> order = new ArrayList<>();
            append(first, order, "s", 23);
            // The newest events deleted: the next number is still above them, in the source and in a copy.
            first.events().purge(Severity.DEBUG, T0.plusSeconds(1_000_000));
            order.removeIf(id -> id.startsWith("s-debug"));
            append(first, order, "t", 5);
            assertThat(ids(first)).containsExactlyElementsOf(order);

            copy(first, middle, "postgresql");
            assertThat(ids(middle)).as("PostgreSQL after the copy").containsExactlyElementsOf(order);
            String copiedEnd = middle.events().endCursor();
            append(middle, order, "p", 9);
            assertThat(ids(middle)).as("PostgreSQL with its own events").containsExactlyElementsOf(order);
            assertThat(idsFrom(middle, copiedEnd)).as("PostgreSQL from the end of the copy")
                    .containsExactlyElementsOf(order.subList(order.size() - 9, order.size()));

            copy(middle, last, "sqlite");
            append(last, order, "l", 4);
            assertThat(ids(last)).as("the second SQLite store").containsExactlyElementsOf(order);
            append(middle, new ArrayList<>(), "q", 2);
            assertThat(ids(middle)).as("PostgreSQL's events after a copy out of it").hasSize(order.size() - 4 + 2);
        } finally {
            server.drop(postgres);
        }
    }

    /** Appends {@code count} events, one, two or three per call, at times going backwards; records their order. */
    private static void append(HiveStore store, List<String> order, String prefix, int count) {
        int appended = 0;
        while (appended < count) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 1 + appended % 3 && appended < count; i++, appended++) {
                Severity severity = prefix.equals("s") && appended >= count - 4 ? Severity.DEBUG : Severity.INFO;
                String id = prefix + "-" + severity.dbValue() + "-" + (1000 - appended);
                batch.add(new Event(id, "it.copy", severity, null, null, Json.EMPTY_OBJECT,
                        T0.minusSeconds(appended * 3_600L)));
                order.add(id);
            }
            store.events().append(batch);
        }
    }

    private void copy(HiveStore source, HiveStore target, String name) {
        try (RejectFile rejects = RejectFile.at(dir.resolve(name + "-rejects.jsonl"))) {
            CopyReport report = new TableCopy(new JsonCodec(64, 1 << 20)).copy(new StoreSource(source, Optional.empty()),
                    new CopyTarget(target.location(), target.tableAccess(), Optional.empty(), ValueRules.NONE),
                    new CopyOptions(4, false, false, Optional.of(Set.of("events"))), rejects, CopyProgress.NONE);
            assertThat(report.rejected()).isZero();
        }
        // The proof: the target's events, positions included, hash as the source's do.
        List<TableSpec> events = source.tableAccess().orElseThrow().tables().stream()
                .filter(table -> table.name().equals("events")).toList();
        assertThat(TableValidation.summarize(TableValidation.of(new StoreSource(target, Optional.empty())), events, List.of()))
                .as("checksum of the copied events")
                .isEqualTo(TableValidation.summarize(TableValidation.of(new StoreSource(source, Optional.empty())), events,
                        List.of()));
    }

    private static List<String> ids(HiveStore store) {
        return idsFrom(store, null);
    }

    private static List<String> idsFrom(HiveStore store, String cursor) {
        List<String> ids = new ArrayList<>();
        String at = cursor;
        while (true) {
            EventFeed feed = store.events().follow(at, 3);
            if (feed.events().isEmpty()) {
                return ids;
            }
            feed.events().forEach(event -> ids.add(event.id()));
            at = feed.cursor();
        }
    }
}
