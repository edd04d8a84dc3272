package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.PrunePolicy;
import dev.agenthive.api.snapshot.SnapshotStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link MemorySnapshotRepository}: every field kept, SHA-256 content hash, one stored
 * copy per content (deleted with its last snapshot), listing, pruning by count and by bytes,
 * atomic replacement; bad input refused without a change, injection payloads stored verbatim.
 */
@RequiresCapability(Capability.MEMORY_SNAPSHOTS)
public abstract sealed class MemorySnapshotRepositoryContract extends AbstractStoreContract permits HiveStoreTck.MemorySnapshots {

    private MemorySnapshotRepository snapshots() {
        return store().snapshots();
    }

    private MemorySnapshot take(String id, String agentId, double importance, String content) {
        return snapshots().store(id, NewSnapshot.of(agentId, "episodic", importance, json(content)));
    }

    /** SHA-256 of the UTF-8 text, lower-case hex. */
    protected static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> ids(List<MemorySnapshot> snapshots) {
        return snapshots.stream().map(MemorySnapshot::id).toList();
    }

    @Test
    @RequiresCapability(Capability.CONTEXT_SESSIONS)
    void storeKeepsEveryFieldAndHashesTheContent() {
        registerAgent("alice");
        store().sessions().start("session-1", new NewSession("alice", 1000));
        String content = "{\"goal\":\"ship it\",\"notes\":[\"héllo 🐝\",1,null]}";
        Instant before = nowMillis();

        MemorySnapshot snapshot = snapshots().store("m-1",
                new NewSnapshot("alice", "session-1", "working", 0.625, json(content)));

        assertThat(snapshot.id()).isEqualTo("m-1");
        assertThat(snapshot.agentId()).isEqualTo("alice");
        assertThat(snapshot.sessionId()).isEqualTo("session-1");
        assertThat(snapshot.memoryType()).isEqualTo("working");
        assertThat(snapshot.importance()).isEqualTo(0.625);
        assertThat(snapshot.contentHash()).isEqualTo(sha256(content)).hasSize(64);
        assertSameJson(snapshot.content(), json(content));
        assertThat(snapshot.sizeBytes()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
        assertThat(snapshot.compressedSize()).as("inline content is not compressed").isNull();
        assertThat(snapshot.createdAt()).isBetween(before, nowMillisCeiling());
        assertThat(snapshots().find("m-1")).contains(snapshot);
        assertThat(snapshots().find("missing")).isEmpty();
    }

    @Test
    void importanceBoundsAreStoredExactly() {
        registerAgent("alice");

        assertThat(take("low", "alice", 0.0, "1").importance()).isEqualTo(0.0);
        assertThat(take("high", "alice", 1.0, "2").importance()).isEqualTo(1.0);
        assertThat(snapshots().find("low").orElseThrow().importance()).isEqualTo(0.0);
        assertThat(snapshots().find("high").orElseThrow().importance()).isEqualTo(1.0);
    }

    @Test
    void equalContentIsStoredOnceAndDeletedWithItsLastSnapshot() {
        registerAgent("alice");
        registerAgent("bob");
        String shared = "{\"facts\":[1,2,3]}";

        MemorySnapshot first = take("m-1", "alice", 0.5, shared);
        MemorySnapshot second = take("m-2", "bob", 0.9, shared);
        take("m-3", "alice", 0.1, "\"other\"");

        long size = shared.getBytes(StandardCharsets.UTF_8).length;
        long other = "\"other\"".getBytes(StandardCharsets.UTF_8).length;
        assertThat(second.contentHash()).isEqualTo(first.contentHash());
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(3, 2, 2 * size + other, size + other));

        assertThat(snapshots().delete("m-1")).isTrue();
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(2, 2, size + other, size + other));
        assertSameJson(snapshots().find("m-2").orElseThrow().content(), json(shared));

        assertThat(snapshots().delete("m-2")).isTrue();
        assertThat(snapshots().delete("m-2")).isFalse();
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(1, 1, other, other));
    }

    @Test
    @RequiresCapability(Capability.CONTEXT_SESSIONS)
    void storeRefusesUnknownAgentsAndForeignSessionsAndStoresNothing() {
        registerAgent("alice");
        registerAgent("bob");
        store().sessions().start("bobs-session", new NewSession("bob", 1000));

        NotFoundException agent = assertThrows(NotFoundException.class, () -> take("m-1", "nobody", 0.5, "1"));
        assertThat(agent.entity()).isEqualTo("agent");
        NotFoundException session = assertThrows(NotFoundException.class, () -> snapshots().store("m-1",
                new NewSnapshot("alice", "no-session", "working", 0.5, json("1"))));
        assertThat(session.entity()).isEqualTo("session");
        InvalidInputException foreign = assertThrows(InvalidInputException.class, () -> snapshots().store("m-1",
                new NewSnapshot("alice", "bobs-session", "working", 0.5, json("1"))));
        assertThat(foreign.field()).isEqualTo("snapshot.sessionId");

        assertThat(snapshots().find("m-1")).isEmpty();
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(0, 0, 0, 0));
    }

    @Test
    void aTakenIdIsADuplicateAndKeepsTheFirst() {
        registerAgent("alice");
        MemorySnapshot first = take("m-1", "alice", 0.5, "1");

        ConflictException e = assertThrows(ConflictException.class, () -> take("m-1", "alice", 0.7, "\"new content\""));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(snapshots().find("m-1")).contains(first);
        assertThat(snapshots().stats().contents()).as("the refused content is not kept").isEqualTo(1);
    }

    @Test
    void listIsNewestFirstByAgentAndTypeAndLatestIsTheNewestOfAType() {
        registerAgent("alice");
        registerAgent("bob");
        for (int i = 1; i <= 6; i++) {
            snapshots().store("m-" + i, NewSnapshot.of("alice", i % 2 == 0 ? "working" : "episodic", 0.5, json(String.valueOf(i))));
        }
        take("b-1", "bob", 0.5, "1");

        assertThat(ids(snapshots().list("alice", null, 100))).containsExactly("m-6", "m-5", "m-4", "m-3", "m-2", "m-1");
        assertThat(ids(snapshots().list("alice", "working", 100))).containsExactly("m-6", "m-4", "m-2");
        assertThat(ids(snapshots().list("alice", null, 2))).containsExactly("m-6", "m-5");
        assertThat(snapshots().list("alice", "none", 100)).isEmpty();
        assertThat(snapshots().list("carol", null, 100)).isEmpty();
        assertThat(snapshots().latest("alice", "working")).get().extracting(MemorySnapshot::id).isEqualTo("m-6");
        assertThat(snapshots().latest("alice", "episodic")).get().extracting(MemorySnapshot::id).isEqualTo("m-5");
        assertThat(snapshots().latest("bob", "working")).isEmpty();
    }

    @Test
    void pruneKeepsTheMostImportantTiesNewerFirst() {
        registerAgent("alice");
        registerAgent("bob");
        take("m-1", "alice", 0.9, "1");
        take("m-2", "alice", 0.2, "2");
        take("m-3", "alice", 0.5, "3");
        take("m-4", "alice", 0.5, "4");
        take("m-5", "alice", 0.1, "5");
        take("b-1", "bob", 0.0, "6");

        List<MemorySnapshot> removed = snapshots().prune("alice", PrunePolicy.keepMostImportant(2));

        assertThat(ids(removed)).containsExactly("m-3", "m-2", "m-5");
        assertThat(ids(snapshots().list("alice", null, 100))).containsExactlyInAnyOrder("m-1", "m-4");
        assertThat(snapshots().find("b-1")).as("other agents are untouched").isPresent();
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(3L, 3L);
        assertThat(snapshots().prune("alice", PrunePolicy.keepMostImportant(2))).isEmpty();
        assertThat(ids(snapshots().prune("alice", PrunePolicy.keepMostImportant(0)))).containsExactly("m-1", "m-4");
        assertThat(snapshots().list("alice", null, 100)).isEmpty();
    }

    @Test
    void pruneStaysUnderAByteBudget() {
        registerAgent("alice");
        take("m-1", "alice", 0.9, "\"" + "a".repeat(98) + "\"");
        take("m-2", "alice", 0.8, "\"" + "b".repeat(48) + "\"");
        take("m-3", "alice", 0.7, "\"" + "c".repeat(8) + "\"");
        take("m-4", "alice", 0.6, "\"" + "d".repeat(8) + "\"");

        List<MemorySnapshot> removed = snapshots().prune("alice", PrunePolicy.maxBytes(160));

        assertThat(ids(removed)).containsExactly("m-4");
        assertThat(snapshots().stats().snapshotBytes()).isEqualTo(160);
        assertThat(ids(snapshots().prune("alice", new PrunePolicy(2, 1000L)))).containsExactly("m-3");
        assertThat(ids(snapshots().prune("alice", PrunePolicy.maxBytes(99)))).as("a too large top snapshot goes too")
                .containsExactly("m-1", "m-2");
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(0, 0, 0, 0));
    }

    @Test
    void pruneKeepsContentThatAKeptSnapshotShares() {
        registerAgent("alice");
        registerAgent("bob");
        take("m-1", "alice", 0.1, "{\"shared\":true}");
        take("b-1", "bob", 0.9, "{\"shared\":true}");

        assertThat(ids(snapshots().prune("alice", PrunePolicy.keepMostImportant(0)))).containsExactly("m-1");

        assertSameJson(snapshots().find("b-1").orElseThrow().content(), json("{\"shared\":true}"));
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(1L, 1L);
    }

    @Test
    void aPruneInsideAFailedTransactionIsUndone() {
        registerAgent("alice");
        MemorySnapshot kept = take("m-1", "alice", 0.1, "1");

        assertThatThrownBy(() -> store().inTransaction(tx -> {
            assertThat(tx.snapshots().prune("alice", PrunePolicy.keepMostImportant(0))).hasSize(1);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(snapshots().find("m-1")).contains(kept);
        assertThat(snapshots().stats().contents()).isEqualTo(1);
    }

    @Test
    void replaceSwapsTheSnapshotsForOneAtomically() {
        registerAgent("alice");
        take("m-1", "alice", 0.2, "{\"a\":1}");
        take("m-2", "alice", 0.3, "{\"b\":2}");
        MemorySnapshot untouched = take("m-3", "alice", 0.4, "{\"c\":3}");

        MemorySnapshot merged = snapshots().replace("alice", List.of("m-1", "m-2"), "m-12",
                NewSnapshot.of("alice", "semantic", 0.8, json("{\"a\":1,\"b\":2}")));

        assertThat(merged.id()).isEqualTo("m-12");
        assertThat(merged.memoryType()).isEqualTo("semantic");
        assertThat(snapshots().find("m-12")).contains(merged);
        assertThat(snapshots().find("m-1")).isEmpty();
        assertThat(snapshots().find("m-2")).isEmpty();
        assertThat(snapshots().find("m-3")).contains(untouched);
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(2L, 2L);
    }

    @Test
    void replaceKeepsAContentTheReplacementShares() {
        registerAgent("alice");
        take("m-1", "alice", 0.2, "{\"same\":1}");
        take("m-2", "alice", 0.3, "{\"other\":2}");

        MemorySnapshot merged = snapshots().replace("alice", List.of("m-1", "m-2"), "m-12",
                NewSnapshot.of("alice", "semantic", 0.8, json("{\"same\":1}")));

        assertSameJson(snapshots().find("m-12").orElseThrow().content(), json("{\"same\":1}"));
        assertThat(merged.contentHash()).isEqualTo(sha256("{\"same\":1}"));
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(1L, 1L);
    }

    @Test
    void replaceWithAMissingOrForeignSnapshotChangesNothing() {
        registerAgent("alice");
        registerAgent("bob");
        MemorySnapshot a1 = take("m-1", "alice", 0.2, "1");
        MemorySnapshot a2 = take("m-2", "alice", 0.3, "2");
        MemorySnapshot b1 = take("b-1", "bob", 0.3, "3");
        SnapshotStats before = snapshots().stats();
        NewSnapshot merged = NewSnapshot.of("alice", "semantic", 0.8, json("[1,2]"));

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> snapshots().replace("alice", List.of("m-1", "nope", "m-2"), "m-new", merged));
        assertThat(missing.id()).isEqualTo("nope");
        NotFoundException foreign = assertThrows(NotFoundException.class,
                () -> snapshots().replace("alice", List.of("m-1", "b-1"), "m-new", merged));
        assertThat(foreign.id()).isEqualTo("b-1");
        assertThrows(InvalidInputException.class, () -> snapshots().replace("alice", List.of("m-1"), "m-new",
                NewSnapshot.of("bob", "semantic", 0.8, json("[1]"))));
        assertThrows(InvalidInputException.class, () -> snapshots().replace("alice", List.of(), "m-new", merged));
        ConflictException taken = assertThrows(ConflictException.class,
                () -> snapshots().replace("alice", List.of("m-1"), "m-2", merged));
        assertThat(taken.code()).isEqualTo(ErrorCode.DUPLICATE);

        assertThat(snapshots().find("m-new")).isEmpty();
        assertThat(snapshots().find("m-1")).contains(a1);
        assertThat(snapshots().find("m-2")).contains(a2);
        assertThat(snapshots().find("b-1")).contains(b1);
        assertThat(snapshots().stats()).isEqualTo(before);
    }

    // ---- bad input ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCommands")
    void malformedCommandNamesTheField(String field, Executable construction) {
        InvalidInputException e = assertThrows(InvalidInputException.class, construction);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(field + ": ");
    }

    static Stream<Arguments> malformedCommands() {
        Json ok = Json.EMPTY_OBJECT;
        return Stream.of(
                Arguments.of("snapshot.agentId", (Executable) () -> NewSnapshot.of(null, "t", 0.5, ok)),
                Arguments.of("snapshot.agentId", (Executable) () -> NewSnapshot.of(" ", "t", 0.5, ok)),
                Arguments.of("snapshot.sessionId", (Executable) () -> new NewSnapshot("a", "", "t", 0.5, ok)),
                Arguments.of("snapshot.memoryType", (Executable) () -> NewSnapshot.of("a", "", 0.5, ok)),
                Arguments.of("snapshot.memoryType", (Executable) () -> NewSnapshot.of("a", "x".repeat(256), 0.5, ok)),
                Arguments.of("snapshot.importance", (Executable) () -> NewSnapshot.of("a", "t", -0.01, ok)),
                Arguments.of("snapshot.importance", (Executable) () -> NewSnapshot.of("a", "t", 1.01, ok)),
                Arguments.of("snapshot.importance", (Executable) () -> NewSnapshot.of("a", "t", Double.NaN, ok)),
                Arguments.of("snapshot.content", (Executable) () -> NewSnapshot.of("a", "t", 0.5, null)),
                Arguments.of("prune.keep", (Executable) () -> new PrunePolicy(null, null)),
                Arguments.of("prune.keep", (Executable) () -> PrunePolicy.keepMostImportant(-1)),
                Arguments.of("prune.maxBytes", (Executable) () -> PrunePolicy.maxBytes(-1)));
    }

    @ParameterizedTest
    @MethodSource("dev.agenthive.tck.BadInputContract#invalidJson")
    void invalidContentIsRefusedAndChangesNothing(String text) {
        registerAgent("alice");
        MemorySnapshot existing = take("m-1", "alice", 0.5, "{\"kept\":true}");

        InvalidInputException stored = assertThrows(InvalidInputException.class, () -> take("m-2", "alice", 0.5, text));
        assertThat(stored.field()).containsIgnoringCase("content");
        InvalidInputException replaced = assertThrows(InvalidInputException.class, () -> snapshots().replace("alice",
                List.of("m-1"), "m-3", NewSnapshot.of("alice", "t", 0.5, json(text))));
        assertThat(replaced.field()).containsIgnoringCase("content");

        assertThat(snapshots().find("m-2")).isEmpty();
        assertThat(snapshots().find("m-3")).isEmpty();
        assertThat(snapshots().find("m-1")).contains(existing);
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(1L, 1L);
    }

    @Test
    void nullOrBlankArgumentsAreRefusedAndChangeNothing() {
        registerAgent("alice");
        MemorySnapshot existing = take("m-1", "alice", 0.5, "1");
        NewSnapshot ok = NewSnapshot.of("alice", "t", 0.5, json("2"));
        for (String id : Arrays.asList(null, "", "   ", "tab\there")) {
            List<Executable> calls = List.of(
                    () -> snapshots().store(id, ok),
                    () -> snapshots().find(id),
                    () -> snapshots().list(id, null, 10),
                    () -> snapshots().latest(id, "t"),
                    () -> snapshots().latest("alice", id),
                    () -> snapshots().prune(id, PrunePolicy.keepMostImportant(0)),
                    () -> snapshots().replace(id, List.of("m-1"), "m-2", ok),
                    () -> snapshots().replace("alice", List.of("m-1"), id, ok),
                    () -> snapshots().replace("alice", Arrays.asList("m-1", id), "m-2", ok),
                    () -> snapshots().delete(id));
            for (Executable call : calls) {
                InvalidInputException e = assertThrows(InvalidInputException.class, call);
                assertThat(e.field()).startsWith("snapshot.");
            }
        }
        List<Executable> others = List.of(
                () -> snapshots().store("m-2", null),
                () -> snapshots().prune("alice", null),
                () -> snapshots().replace("alice", null, "m-2", ok),
                () -> snapshots().replace("alice", List.of("m-1"), "m-2", null),
                () -> snapshots().list("alice", null, 0),
                () -> snapshots().list("alice", null, MemorySnapshotRepository.MAX_LIMIT + 1));
        for (Executable call : others) {
            assertThrows(InvalidInputException.class, call);
        }

        assertThat(snapshots().list("alice", null, 10)).containsExactly(existing);
        assertThat(snapshots().stats()).extracting(SnapshotStats::snapshots, SnapshotStats::contents).containsExactly(1L, 1L);
    }

    // ---- injection ---------------------------------------------------------------------------

    @Test
    @RequiresCapability(Capability.CONTEXT_SESSIONS)
    void injectionPayloadsAreStoredVerbatim() {
        for (String p : InjectionContract.PAYLOADS) {
            registerAgent(p);
            store().sessions().start(p, new NewSession(p, 100));
            snapshots().store(p, new NewSnapshot(p, p, p, 0.5, jsonObject("memory", p)));
        }

        for (String p : InjectionContract.PAYLOADS) {
            MemorySnapshot snapshot = snapshots().find(p).orElseThrow(() -> new AssertionError("snapshot " + p));
            assertThat(snapshot.id()).isEqualTo(p);
            assertThat(snapshot.agentId()).isEqualTo(p);
            assertThat(snapshot.sessionId()).isEqualTo(p);
            assertThat(snapshot.memoryType()).isEqualTo(p);
            assertSameJson(snapshot.content(), jsonObject("memory", p));
            assertThat(snapshots().list(p, p, 10)).containsExactly(snapshot);
            assertThat(snapshots().latest(p, p)).contains(snapshot);
            MemorySnapshot merged = snapshots().replace(p, List.of(p), p + "/merged",
                    new NewSnapshot(p, p, p, 0.7, jsonString(p)));
            assertSameJson(merged.content(), jsonString(p));
            assertThat(ids(snapshots().prune(p, PrunePolicy.keepMostImportant(0)))).containsExactly(p + "/merged");
        }
        assertThat(snapshots().stats()).isEqualTo(new SnapshotStats(0, 0, 0, 0));
        assertThat(TaskRepositoryContract.total(store().agents().countByStatus()))
                .isEqualTo(InjectionContract.PAYLOADS.size());
    }
}
