package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.core.config.HiveConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HiveSessionTest {
    @TempDir
    Path dir;

    private static List<Event> events(Hive hive, String type) {
        return hive.events().query(new EventQuery(null, type, null, null, null, null, null, 1000)).events();
    }

    private static List<Event> usageEvents(Hive hive) {
        List<Event> all = new ArrayList<>();
        for (String type : List.of(SessionService.USAGE_CONSOLIDATE, SessionService.USAGE_CRITICAL, SessionService.USAGE_SLEEP)) {
            all.addAll(events(hive, type));
        }
        return all;
    }

    private static void register(Hive hive, String agentId) {
        hive.agents().register(AgentRegistration.of(agentId, "coder", Set.of()));
    }

    @Test
    void eachLevelIsReportedOnceWhenItIsFirstReached() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");
            ContextSession session = hive.sessions().start("alice", 1000);

            assertThat(hive.sessions().recordTokens("alice", 500).usageLevel()).isEqualTo(UsageLevel.NORMAL);
            assertThat(usageEvents(hive)).isEmpty();

            ContextSession consolidate = hive.sessions().recordTokens("alice", 750);
            assertThat(consolidate.usageLevel()).isEqualTo(UsageLevel.CONSOLIDATE);
            List<Event> first = events(hive, SessionService.USAGE_CONSOLIDATE);
            assertThat(first).singleElement().satisfies(event -> {
                assertThat(event.severity()).isEqualTo(Severity.INFO);
                assertThat(event.agentId()).isEqualTo("alice");
                assertThat(event.correlationId()).isEqualTo(session.id());
                assertThat(event.details().text()).contains("\"sessionId\":\"" + session.id() + "\"")
                        .contains("\"level\":\"consolidate\"").contains("\"tokenCount\":750")
                        .contains("\"maxTokens\":1000").contains("\"threshold\":0.75");
            });

            hive.sessions().recordTokens("alice", 800);
            ContextSession dropped = hive.sessions().recordTokens("alice", 100);
            assertThat(dropped.usageLevel()).as("the level never drops").isEqualTo(UsageLevel.CONSOLIDATE);
            hive.sessions().recordTokens("alice", 760);
            assertThat(usageEvents(hive)).hasSize(1);

            ContextSession sleep = hive.sessions().recordTokens("alice", 990);
            assertThat(sleep.usageLevel()).isEqualTo(UsageLevel.SLEEP);
            assertThat(events(hive, SessionService.USAGE_CRITICAL)).as("a jump reports only the level reached").isEmpty();
            assertThat(events(hive, SessionService.USAGE_SLEEP)).singleElement()
                    .satisfies(event -> assertThat(event.severity()).isEqualTo(Severity.WARNING));
            hive.sessions().recordTokens("alice", 2000);
            assertThat(usageEvents(hive)).hasSize(2);
            assertThat(hive.sessions().active("alice").orElseThrow().usagePercent()).isEqualTo(200.0);
        }
    }

    @Test
    void aNewSessionReportsItsLevelsAgain() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");
            hive.sessions().start("alice", 100);
            hive.sessions().recordTokens("alice", 86);

            ContextSession next = hive.sessions().rollover("alice", 100);
            assertThat(next.usageLevel()).isEqualTo(UsageLevel.NORMAL);
            hive.sessions().recordTokens("alice", 86);

            assertThat(events(hive, SessionService.USAGE_CRITICAL)).hasSize(2)
                    .extracting(Event::correlationId).doesNotHaveDuplicates().contains(next.id());
            assertThat(hive.sessions().history("alice", 10)).hasSize(2).first().isEqualTo(hive.sessions().active("alice").orElseThrow());
        }
    }

    @Test
    void configuredThresholdsApply() {
        HiveConfig config = TestHives.config(dir)
                .set(HiveConfig.SESSION_THRESHOLD_CONSOLIDATE, "0.5")
                .set(HiveConfig.SESSION_THRESHOLD_CRITICAL, "0.6")
                .set(HiveConfig.SESSION_THRESHOLD_SLEEP, "1")
                .build();
        try (Hive hive = Hive.open(config)) {
            register(hive, "alice");
            hive.sessions().start("alice", 1000);

            assertThat(hive.sessions().recordTokens("alice", 499).usageLevel()).isEqualTo(UsageLevel.NORMAL);
            assertThat(hive.sessions().recordTokens("alice", 500).usageLevel()).isEqualTo(UsageLevel.CONSOLIDATE);
            assertThat(hive.sessions().recordTokens("alice", 999).usageLevel()).isEqualTo(UsageLevel.CRITICAL);
            assertThat(hive.sessions().recordTokens("alice", 1000).usageLevel()).isEqualTo(UsageLevel.SLEEP);
            assertThat(usageEvents(hive)).hasSize(3);
        }
    }

    @Test
    void tokensWithoutAnActiveSessionAreRefused() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");

            assertThatThrownBy(() -> hive.sessions().recordTokens("alice", 10)).isInstanceOf(NotFoundException.class);
            hive.sessions().start("alice", 100);
            assertThat(hive.sessions().end("alice")).get().extracting(ContextSession::active).isEqualTo(false);
            assertThat(hive.sessions().end("alice")).isEmpty();
            assertThatThrownBy(() -> hive.sessions().recordTokens("alice", 10)).isInstanceOf(NotFoundException.class);
            hive.sessions().start("alice", 100);
            assertThatThrownBy(() -> hive.sessions().recordTokens("alice", -1))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("session.tokenCount"));
            assertThatThrownBy(() -> hive.sessions().start("alice", 100))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
            assertThat(hive.sessions().active("alice").orElseThrow().tokenCount()).isZero();
            assertThat(usageEvents(hive)).isEmpty();
        }
    }

    @Test
    void concurrentTokenUpdatesReportEachLevelAtMostOnce() throws InterruptedException {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");
            hive.sessions().start("alice", 1000);
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Thread worker = new Thread(() -> {
                    try {
                        go.await();
                        for (int tokens = 700 + offset; tokens <= 1000; tokens += threads) {
                            hive.sessions().recordTokens("alice", tokens);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "tokens-" + t);
                workers.add(worker);
                worker.start();
            }
            go.countDown();
            for (Thread worker : workers) {
                worker.join();
            }

            assertThat(failure.get()).isNull();
            assertThat(hive.sessions().active("alice").orElseThrow().usageLevel()).isEqualTo(UsageLevel.SLEEP);
            assertThat(events(hive, SessionService.USAGE_SLEEP)).hasSize(1);
            assertThat(events(hive, SessionService.USAGE_CRITICAL)).hasSizeLessThanOrEqualTo(1);
            assertThat(events(hive, SessionService.USAGE_CONSOLIDATE)).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void sleepSnapshotsWorkingMemoryEndsTheSessionAndWakeReturnsIt() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");
            ContextSession first = hive.sessions().start("alice", 64_000);

            MemorySnapshot slept = hive.sessions().sleep("alice", Json.of("{ \"todo\" : [ \"review\" ] }"));

            assertThat(slept.memoryType()).isEqualTo(SessionService.WORKING_MEMORY);
            assertThat(slept.sessionId()).isEqualTo(first.id());
            assertThat(slept.content().text()).isEqualTo("{\"todo\":[\"review\"]}");
            assertThat(hive.agents().get("alice").status()).isEqualTo(AgentStatus.SLEEPING);
            assertThat(hive.sessions().active("alice")).isEmpty();
            assertThat(hive.sessions().find(first.id()).orElseThrow().active()).isFalse();
            assertThat(events(hive, SessionService.AGENT_SLEPT)).singleElement()
                    .satisfies(event -> assertThat(event.details().text()).contains(slept.id()));

            Optional<MemorySnapshot> woke = hive.sessions().wake("alice");

            assertThat(woke).contains(slept);
            assertThat(hive.agents().get("alice").status()).isEqualTo(AgentStatus.ACTIVE);
            ContextSession second = hive.sessions().active("alice").orElseThrow();
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.maxTokens()).as("the last session's window").isEqualTo(64_000);
            assertThat(events(hive, SessionService.AGENT_WOKE)).singleElement()
                    .satisfies(event -> assertThat(event.correlationId()).isEqualTo(second.id()));

            MemorySnapshot later = hive.sessions().sleep("alice", Json.of("{\"todo\":[]}"));
            assertThat(hive.sessions().wake("alice")).contains(later);
        }
    }

    @Test
    void wakeWithoutEarlierSessionOrSnapshotUsesTheConfiguredWindow() {
        try (Hive hive = Hive.open(TestHives.config(dir).set(HiveConfig.SESSION_MAX_TOKENS, "4096").build())) {
            register(hive, "alice");
            hive.agents().setStatus("alice", AgentStatus.SLEEPING);

            assertThat(hive.sessions().wake("alice")).isEmpty();

            assertThat(hive.sessions().active("alice").orElseThrow().maxTokens()).isEqualTo(4096);
            assertThat(hive.agents().get("alice").status()).isEqualTo(AgentStatus.ACTIVE);
        }
    }

    @Test
    void sleepWithoutASessionStillSnapshotsAndWakeOfAnAwakeAgentRollsItsSessionOver() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");

            MemorySnapshot slept = hive.sessions().sleep("alice", Json.of("[1]"));
            assertThat(slept.sessionId()).isNull();
            hive.sessions().wake("alice");
            ContextSession first = hive.sessions().active("alice").orElseThrow();

            assertThat(hive.sessions().wake("alice")).contains(slept);

            assertThat(hive.sessions().find(first.id()).orElseThrow().active()).isFalse();
            assertThat(hive.sessions().history("alice", 10)).hasSize(2);
        }
    }

    @Test
    void refusedSleepOrWakeChangesNothing() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            register(hive, "alice");
            ContextSession active = hive.sessions().start("alice", 100);

            assertThatThrownBy(() -> hive.sessions().sleep("alice", Json.of("{broken")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("workingMemory"));
            assertThatThrownBy(() -> hive.sessions().sleep("nobody", Json.of("{}"))).isInstanceOf(NotFoundException.class);
            assertThat(hive.agents().get("alice").status()).isEqualTo(AgentStatus.ACTIVE);
            assertThat(hive.sessions().active("alice")).contains(active);

            hive.agents().setStatus("alice", AgentStatus.TERMINATED);
            assertThatThrownBy(() -> hive.sessions().sleep("alice", Json.of("{}")))
                    .isInstanceOf(InvalidStateTransitionException.class);
            assertThatThrownBy(() -> hive.sessions().wake("alice")).isInstanceOf(InvalidStateTransitionException.class);

            assertThat(hive.sessions().active("alice")).contains(active);
            assertThat(hive.sessions().history("alice", 10)).containsExactly(active);
            assertThat(hive.memory().stats().snapshots()).isZero();
            assertThat(events(hive, SessionService.AGENT_SLEPT)).isEmpty();
            assertThat(events(hive, SessionService.AGENT_WOKE)).isEmpty();
        }
    }
}
