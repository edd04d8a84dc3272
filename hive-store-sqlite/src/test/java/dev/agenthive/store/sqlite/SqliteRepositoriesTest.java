package dev.agenthive.store.sqlite;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryWrite;
import dev.agenthive.api.message.Message;
import dev.agenthive.api.message.NewMessage;
import dev.agenthive.api.task.ClaimRequest;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.api.task.Task;
import dev.agenthive.api.task.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repositories on a real SQLite file, with a clock the test moves: the SQL-specific behaviour
 * (conditional updates, constraint names mapped to fields, key ranges, keyset paging). The full
 * port contract is the hive-tck's job.
 */
class SqliteRepositoriesTest {
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SqliteHiveStore store;

    @BeforeEach
    void open() {
        store = Stores.open(dir.resolve("hive.db"), Map.of(), clock);
        store.agents().register(AgentRegistration.of("a1", "coder", Set.of("java", "git")));
        store.agents().register(AgentRegistration.of("a2", "reviewer", Set.of()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void claimFollowsPriorityThenAgeAndCapabilities() {
        enqueue("t1", NewTask.builder("low").priority(1));
        clock.advance(Duration.ofMillis(1));
        enqueue("t2", NewTask.builder("high").priority(5));
        clock.advance(Duration.ofMillis(1));
        enqueue("t3", NewTask.builder("high but later").priority(5));
        enqueue("t4", NewTask.builder("needs rust").priority(9).requiredCapabilities(Set.of("rust")));
        enqueue("t5", NewTask.builder("needs java").priority(0).requiredCapabilities(Set.of("java")));

        List<Task> claimed = store.tasks().claim(new ClaimRequest("a1", Set.of("java", "git"), Duration.ofSeconds(30), 10));

        assertThat(claimed).extracting(Task::id).containsExactly("t2", "t3", "t1", "t5");
        assertThat(claimed).allSatisfy(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.CLAIMED);
            assertThat(task.assignedAgent()).isEqualTo("a1");
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(task.leaseToken()).isEqualTo(1);
            assertThat(task.leaseUntil()).isEqualTo(clock.instant().plusSeconds(30));
        });
        assertThat(store.tasks().find("t4").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void fencingTokenRisesAndStaleHolderIsRefused() {
        enqueue("t1", NewTask.builder("work"));
        Task first = claimOne("a1");
        clock.advance(Duration.ofSeconds(31));
        Task second = claimOne("a2");

        assertThat(second.id()).isEqualTo("t1");
        assertThat(second.leaseToken()).isGreaterThan(first.leaseToken());
        assertThat(second.attempts()).isEqualTo(2);
        assertThatThrownBy(() -> store.tasks().complete("t1", first.leaseToken(), Json.of("{}")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LEASE_LOST));

        Task done = store.tasks().complete("t1", second.leaseToken(), Json.of("{\"ok\":true}"));
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(Json.of("{\"ok\":true}"));
        assertThat(done.finishedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> store.tasks().complete("t1", second.leaseToken(), Json.of("{}")))
                .isInstanceOf(InvalidStateTransitionException.class);
    }

    @Test
    void completingADependencyQueuesItsDependents() {
        enqueue("a", NewTask.builder("first"));
        enqueue("b", NewTask.builder("second"));
        Task c = enqueue("c", NewTask.builder("after both").dependencies(List.of("b", "a")));
        assertThat(c.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(c.dependencies()).containsExactly("b", "a");

        List<Task> claimed = store.tasks().claim(new ClaimRequest("a1", Set.of(), Duration.ofMinutes(1), 10));
        assertThat(claimed).extracting(Task::id).containsExactlyInAnyOrder("a", "b");
        store.tasks().complete("a", claimed.get(0).leaseToken(), Json.EMPTY_OBJECT);
        assertThat(store.tasks().find("c").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        store.tasks().complete("b", claimed.get(1).leaseToken(), Json.EMPTY_OBJECT);
        assertThat(store.tasks().find("c").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);

        assertThatThrownBy(() -> enqueue("d", NewTask.builder("x").dependencies(List.of("missing"))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("missing"));
        assertThatThrownBy(() -> enqueue("e", NewTask.builder("x").parentId("nope")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo("nope"));
        assertThat(store.tasks().find("d")).isEmpty();
    }

    @Test
    void failRetriesWithBackoffThenDies() {
        enqueue("t", NewTask.builder("flaky").maxAttempts(2));
        Task lease1 = claimOne("a1");
        Task retried = store.tasks().fail("t", lease1.leaseToken(), Json.of("{\"e\":1}"), true, BACKOFF);
        assertThat(retried.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(retried.availableAt()).isEqualTo(clock.instant().plusSeconds(10));
        assertThat(retried.leaseUntil()).isNull();
        assertThat(store.tasks().claim(new ClaimRequest("a1", Set.of(), Duration.ofMinutes(1), 1))).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        Task lease2 = claimOne("a1");
        Task dead = store.tasks().fail("t", lease2.leaseToken(), Json.of("{\"e\":2}"), true, BACKOFF);
        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(dead.error()).isEqualTo(Json.of("{\"e\":2}"));
    }

    @Test
    void expiredLeasesGoBackOrDie() {
        enqueue("once", NewTask.builder("one attempt").maxAttempts(1));
        enqueue("twice", NewTask.builder("two attempts").maxAttempts(2));
        store.tasks().claim(new ClaimRequest("a1", Set.of(), Duration.ofSeconds(5), 10));
        assertThat(store.tasks().requeueExpired(BACKOFF)).isZero();
        clock.advance(Duration.ofSeconds(5));

        assertThat(store.tasks().requeueExpired(BACKOFF)).isEqualTo(2);
        assertThat(store.tasks().find("once").orElseThrow().status()).isEqualTo(TaskStatus.DEAD);
        Task twice = store.tasks().find("twice").orElseThrow();
        assertThat(twice.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(twice.availableAt()).isEqualTo(clock.instant().plusSeconds(10));
    }

    @Test
    void cancelCoversTheSubtreeAndRefusesATerminalRoot() {
        enqueue("root", NewTask.builder("root"));
        enqueue("child", NewTask.builder("child").parentId("root"));
        enqueue("grandchild", NewTask.builder("grandchild").parentId("child"));
        enqueue("other", NewTask.builder("other"));

        assertThat(store.tasks().subtree("root")).extracting(Task::id).containsExactly("root", "child", "grandchild");
        assertThat(store.tasks().cancel("root")).isEqualTo(3);
        assertThat(store.tasks().find("other").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        assertThatThrownBy(() -> store.tasks().cancel("child")).isInstanceOf(InvalidStateTransitionException.class);
    }

    @Test
    void idempotencyKeyReturnsTheFirstTask() {
        Task first = enqueue("t1", NewTask.builder("first").idempotencyKey("k"));
        Task second = enqueue("t2", NewTask.builder("second").idempotencyKey("k"));
        assertThat(second).isEqualTo(first);
        assertThat(store.tasks().find("t2")).isEmpty();
    }

    @Test
    void invalidJsonIsRefusedByTheSchemaNamingTheField() {
        assertThatThrownBy(() -> enqueue("t", NewTask.builder("bad").payload(Json.of("{not json"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("task.payload"));
        assertThatThrownBy(() -> store.sharedMemory().put(new MemoryWrite("ns", "k", Json.of("[1,"), JsonType.ARRAY,
                null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("memory.value"));
        assertThatThrownBy(() -> store.events().append(List.of(
                new Event("e1", "ok", Severity.INFO, null, null, Json.EMPTY_OBJECT, clock.instant()),
                new Event("e2", "bad", Severity.INFO, null, null, Json.of("nope"), clock.instant()))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("event.details"));

        assertThat(store.tasks().find("t")).isEmpty();
        assertThat(store.sharedMemory().get("ns", "k")).isEmpty();
        assertThat(store.events().countBySeverity().get(Severity.INFO)).isZero();
    }

    @Test
    void duplicateIdsAreConflicts() {
        enqueue("t", NewTask.builder("one"));
        assertThatThrownBy(() -> enqueue("t", NewTask.builder("two")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
        assertThat(store.tasks().find("t").orElseThrow().title()).isEqualTo("one");
    }

    @Test
    void inboxDeliversByPriorityHidesAndRedelivers() {
        store.messages().send("m1", new NewMessage("a2", "a1", "note", 0, Json.EMPTY_OBJECT, null, null, null));
        clock.advance(Duration.ofMillis(5));
        store.messages().send("m2", new NewMessage("a2", "a1", "urgent", 7, Json.EMPTY_OBJECT, null, null, null));
        store.messages().send("m3", new NewMessage(null, "a1", "expiring", 9, Json.EMPTY_OBJECT, null, null,
                Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));

        List<Message> first = store.messages().inbox("a1", 10, Duration.ofSeconds(30));
        assertThat(first).extracting(Message::id).containsExactly("m2", "m1");
        assertThat(first).allSatisfy(m -> assertThat(m.deliveryCount()).isEqualTo(1));
        assertThat(store.messages().inbox("a1", 10, Duration.ofSeconds(30))).isEmpty();

        assertThat(store.messages().ack("a1", "m2")).isTrue();
        assertThat(store.messages().ack("a1", "m2")).isFalse();
        assertThatThrownBy(() -> store.messages().ack("a2", "m2")).isInstanceOf(NotFoundException.class);

        clock.advance(Duration.ofSeconds(30));
        List<Message> again = store.messages().inbox("a1", 10, Duration.ofSeconds(30));
        assertThat(again).extracting(Message::id).containsExactly("m1");
        assertThat(again.get(0).deliveryCount()).isEqualTo(2);
        assertThat(again.get(0).deliveredAt()).isEqualTo(first.get(1).deliveredAt());
        assertThat(store.messages().purgeExpired()).isEqualTo(1);

        assertThatThrownBy(() -> store.messages().send("m4", NewMessage.direct("a1", "ghost", "x", Json.EMPTY_OBJECT)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void broadcastReachesEveryLiveAgentButTheSender() {
        store.agents().register(AgentRegistration.of("a3", "coder", Set.of()));
        store.agents().updateStatus("a3", AgentStatus.TERMINATED);
        store.agents().register(AgentRegistration.of("a4", "coder", Set.of()));

        List<Message> copies = store.messages().broadcast("b1", NewMessage.broadcast("a1", "hello", Json.EMPTY_OBJECT));

        assertThat(copies).extracting(Message::toAgent).containsExactly("a2", "a4");
        assertThat(copies).extracting(Message::id).containsExactly("b1:a2", "b1:a4");
        assertThat(copies).allSatisfy(m -> assertThat(m.broadcastId()).isEqualTo("b1"));
        assertThatThrownBy(() -> store.messages().broadcast("b1", NewMessage.broadcast("a1", "hello", Json.EMPTY_OBJECT)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
    }

    @Test
    void eventsPageByKeysetWithoutGapsOrDuplicates() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            events.add(new Event(String.format("e%03d", i), i % 2 == 0 ? "even" : "odd",
                    i % 5 == 0 ? Severity.ERROR : Severity.DEBUG, "a1", null, Json.EMPTY_OBJECT,
                    clock.instant().plusMillis(i / 3)));
        }
        store.events().append(events);

        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        EventQuery query = EventQuery.all(10);
        EventPage page;
        do {
            page = store.events().query(query);
            page.events().forEach(e -> {
                assertThat(seen.add(e.id())).isTrue();
                order.add(e.id());
            });
            query = query.withAfter(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(order).hasSize(95).isSorted();

        EventPage errors = store.events().query(new EventQuery(null, "even", Severity.ERROR, null, null, null, null, 100));
        assertThat(errors.events()).extracting(Event::id).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(1)) % 10).isZero());
        assertThat(store.events().purge(Severity.DEBUG, clock.instant().plusMillis(10))).isEqualTo(24);
    }

    @Test
    void sharedMemoryCompareAndSetTtlAndPrefixRanges() {
        MemoryEntry created = put("ns", "a%b", "1", null, 0L);
        assertThat(created.version()).isEqualTo(1);
        assertThatThrownBy(() -> put("ns", "a%b", "2", null, 0L))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH));
        assertThat(put("ns", "a%b", "2", null, 1L).version()).isEqualTo(2);
        put("ns", "a_c", "3", null, null);
        put("ns", "ab", "4", null, null);
        put("ns", "a\uD83D\uDE00", "5", null, null);
        put("ns", "b", "6", null, null);
        put("ns", "temp", "7", Duration.ofSeconds(1), null);

        assertThat(store.sharedMemory().list("ns", "a", null, 100)).extracting(MemoryEntry::key)
                .containsExactly("a%b", "a_c", "ab", "a\uD83D\uDE00");
        assertThat(store.sharedMemory().list("ns", "a%", null, 100)).extracting(MemoryEntry::key).containsExactly("a%b");
        assertThat(store.sharedMemory().list("ns", "a", "a_c", 1)).extracting(MemoryEntry::key).containsExactly("ab");

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.sharedMemory().get("ns", "temp")).isEmpty();
        MemoryEntry reborn = put("ns", "temp", "8", null, 0L);
        assertThat(reborn.version()).isEqualTo(1);
        assertThat(reborn.createdAt()).isEqualTo(clock.instant());

        assertThatThrownBy(() -> store.sharedMemory().delete("ns", "b", 5L)).isInstanceOf(ConflictException.class);
        assertThat(store.sharedMemory().delete("ns", "b", 1L)).isTrue();
        assertThat(store.sharedMemory().delete("ns", "b", null)).isFalse();
    }

    @Test
    void markCrashedJudgesHeartbeatsByTheStoreClock() {
        clock.advance(Duration.ofSeconds(50));
        store.agents().heartbeat("a2");
        clock.advance(Duration.ofSeconds(20));

        assertThat(store.agents().markCrashed(Duration.ofSeconds(60))).containsExactly("a1");
        assertThat(store.agents().find("a1").orElseThrow().status()).isEqualTo(AgentStatus.CRASHED);
        assertThatThrownBy(() -> store.agents().heartbeat("a1")).isInstanceOf(InvalidStateTransitionException.class);
        assertThat(store.agents().register(AgentRegistration.of("a1", "coder", Set.of())).status()).isEqualTo(AgentStatus.ACTIVE);
    }

    @Test
    void returnedRecordsEqualWhatLaterReadsSeeWithAFineGrainedClock() {
        try (SqliteHiveStore live = Stores.open(dir.resolve("live.db"), Map.of(), Clock.systemUTC())) {
            assertThat(live.agents().register(AgentRegistration.of("x", "coder", Set.of("a")))).isEqualTo(live.agents().find("x").orElseThrow());
            Task task = live.tasks().enqueue("t", NewTask.builder("t").delay(Duration.ofNanos(1_500_001)).build());
            assertThat(task).isEqualTo(live.tasks().find("t").orElseThrow());
            MemoryEntry entry = live.sharedMemory().put(new MemoryWrite("ns", "k", Json.of("1"), JsonType.NUMBER, null,
                    Duration.ofNanos(60_000_000_001L), null));
            assertThat(entry).isEqualTo(live.sharedMemory().get("ns", "k").orElseThrow());
            assertThat(live.messages().send("m", NewMessage.direct(null, "x", "t", Json.EMPTY_OBJECT)))
                    .isEqualTo(live.messages().find("m").orElseThrow());
        }
    }

    private Task enqueue(String id, NewTask.Builder builder) {
        return store.tasks().enqueue(id, builder.build());
    }

    private Task claimOne(String agent) {
        List<Task> claimed = store.tasks().claim(new ClaimRequest(agent, Set.of(), Duration.ofSeconds(30), 1));
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private MemoryEntry put(String namespace, String key, String value, Duration ttl, Long expected) {
        return store.sharedMemory().put(new MemoryWrite(namespace, key, Json.of(value), JsonType.NUMBER, null, ttl, expected));
    }

    /** A clock the test moves by hand, so lease and TTL decisions need no sleeping. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a fixed-zone test clock");
        }
    }
}
