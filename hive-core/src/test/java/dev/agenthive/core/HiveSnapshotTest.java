package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.snapshot.SnapshotStats;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveSnapshotTest {
    @TempDir
    Path dir;

    private static List<Event> events(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, 1000)).events();
    }

    private static MemorySnapshot store(Hive hive, String agentId, double importance, String content) {
        return hive.memory().store(NewSnapshot.of(agentId, "episodic", importance, Json.of(content)));
    }

    private static Hive openWithAgents(HiveConfig config, String... agentIds) {
        Hive hive = Hive.open(config);
        for (String agentId : agentIds) {
            hive.agents().register(AgentRegistration.of(agentId, "coder", Set.of()));
        }
        return hive;
    }

    @Test
    void equalJsonWrittenDifferentlyIsHashedCanonicallyAndStoredOnce() throws Exception {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice")) {
            MemorySnapshot spaced = store(hive, "alice", 0.5, "{ \"a\" : [ 1 , 2.50 ] }");
            MemorySnapshot compact = store(hive, "alice", 0.9, "{\"a\":[1,2.50]}");

            String canonical = "{\"a\":[1,2.50]}";
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
            assertThat(spaced.contentHash()).isEqualTo(expected).isEqualTo(compact.contentHash());
            assertThat(spaced.content().text()).isEqualTo(canonical);
            assertThat(hive.memory().stats()).isEqualTo(new SnapshotStats(2, 1, 2L * canonical.length(), canonical.length()));
        }
    }

    @Test
    void contentBeyondTheJsonLimitsIsRefused() {
        try (Hive hive = openWithAgents(TestHives.config(dir).set(HiveConfig.JSON_MAX_BYTES, "32").build(), "alice")) {
            assertThatThrownBy(() -> store(hive, "alice", 0.5, "\"" + "x".repeat(40) + "\""))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("snapshot.content"));
            assertThat(hive.memory().stats().snapshots()).isZero();
        }
    }

    @Test
    void pruningRecordsOneAuditEventPerRemovedSnapshot() {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice", "bob")) {
            List<MemorySnapshot> taken = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                taken.add(store(hive, "alice", i / 10.0, "{\"n\":" + i + "}"));
            }
            store(hive, "bob", 0.0, "{\"n\":0}");

            List<MemorySnapshot> removed = hive.memory().prune("alice", PrunePolicy.keepMostImportant(2));

            assertThat(removed).containsExactly(taken.get(2), taken.get(1), taken.get(0));
            List<Event> audit = events(hive, MemoryService.SNAPSHOT_PRUNED);
            assertThat(audit).hasSize(3).allSatisfy(event -> assertThat(event.agentId()).isEqualTo("alice"));
            assertThat(audit.stream().map(Event::correlationId).collect(Collectors.toSet())).hasSize(1);
            for (MemorySnapshot snapshot : removed) {
                assertThat(audit).anySatisfy(event -> assertThat(event.details().text())
                        .contains("\"id\":\"" + snapshot.id() + "\"")
                        .contains("\"memoryType\":\"episodic\"")
                        .contains("\"importance\":" + snapshot.importance())
                        .contains("\"sizeBytes\":" + snapshot.sizeBytes())
                        .contains("\"contentHash\":\"" + snapshot.contentHash() + "\""));
            }
            assertThat(hive.memory().list("alice", null, 10)).containsExactlyInAnyOrder(taken.get(3), taken.get(4));
            assertThat(hive.memory().stats().contents()).as("bob still shares {\"n\":0}").isEqualTo(3);

            assertThat(hive.memory().prune("alice", PrunePolicy.maxBytes(1_000_000))).isEmpty();
            assertThat(events(hive, MemoryService.SNAPSHOT_PRUNED)).hasSize(3);
        }
    }

    @Test
    void consolidationReplacesTheSnapshotsByTheFunctionsResult() {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice")) {
            MemorySnapshot a = store(hive, "alice", 0.2, "\"a\"");
            MemorySnapshot b = store(hive, "alice", 0.4, "\"b\"");
            MemorySnapshot kept = store(hive, "alice", 0.3, "\"c\"");
            List<List<MemorySnapshot>> seen = new ArrayList<>();

            MemorySnapshot merged = hive.memory().consolidate("alice", List.of(b.id(), a.id()), inputs -> {
                seen.add(inputs);
                String joined = inputs.stream().map(s -> s.content().text()).collect(Collectors.joining(" , ", "[ ", " ]"));
                return NewSnapshot.of("alice", "semantic", 0.9, Json.of(joined));
            });

            assertThat(seen).containsExactly(List.of(b, a));
            assertThat(merged.content().text()).isEqualTo("[\"b\",\"a\"]");
            assertThat(merged.memoryType()).isEqualTo("semantic");
            assertThat(hive.memory().list("alice", null, 10)).containsExactlyInAnyOrder(merged, kept);
            assertThat(events(hive, MemoryService.SNAPSHOT_CONSOLIDATED)).singleElement()
                    .satisfies(event -> assertThat(event.details().text())
                            .contains("\"replaced\":[\"" + b.id() + "\",\"" + a.id() + "\"]"));
        }
    }

    @Test
    void consolidationOfMissingOrForeignSnapshotsNeverCallsTheFunctionAndChangesNothing() {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice", "bob")) {
            MemorySnapshot a = store(hive, "alice", 0.2, "\"a\"");
            MemorySnapshot foreign = store(hive, "bob", 0.2, "\"b\"");
            AtomicInteger calls = new AtomicInteger();

            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id(), "missing"), inputs -> {
                calls.incrementAndGet();
                return NewSnapshot.of("alice", "semantic", 0.9, Json.of("1"));
            })).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("missing"));
            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id(), foreign.id()), inputs -> {
                calls.incrementAndGet();
                return NewSnapshot.of("alice", "semantic", 0.9, Json.of("1"));
            })).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(foreign.id()));

            assertThat(calls).hasValue(0);
            assertThat(hive.memory().stats()).extracting(SnapshotStats::snapshots).isEqualTo(2L);
            assertThat(events(hive, MemoryService.SNAPSHOT_CONSOLIDATED)).isEmpty();
        }
    }

    @Test
    void aBadConsolidationResultChangesNothing() {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice", "bob")) {
            MemorySnapshot a = store(hive, "alice", 0.2, "\"a\"");

            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id()), inputs -> null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("consolidation"));
            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id()),
                    inputs -> NewSnapshot.of("bob", "semantic", 0.9, Json.of("1"))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("snapshot.agentId"));
            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id()),
                    inputs -> NewSnapshot.of("alice", "semantic", 0.9, Json.of("{nope"))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("snapshot.content"));
            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(), inputs -> null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("snapshot.ids"));

            assertThat(hive.memory().list("alice", null, 10)).containsExactly(a);
        }
    }

    @Test
    void aSnapshotRemovedWhileTheFunctionRunsAbortsTheWholeConsolidation() {
        try (Hive hive = openWithAgents(TestHives.config(dir).build(), "alice")) {
            MemorySnapshot a = store(hive, "alice", 0.2, "\"a\"");
            MemorySnapshot b = store(hive, "alice", 0.4, "\"b\"");

            assertThatThrownBy(() -> hive.memory().consolidate("alice", List.of(a.id(), b.id()), inputs -> {
                hive.memory().delete(b.id());
                return NewSnapshot.of("alice", "semantic", 0.9, Json.of("\"ab\""));
            })).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(b.id()));

            assertThat(hive.memory().list("alice", null, 10)).containsExactly(a);
            assertThat(hive.memory().stats()).isEqualTo(new SnapshotStats(1, 1, 3, 3));
        }
    }
}
