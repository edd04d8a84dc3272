package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.session.TokenUpdate;
import dev.agenthive.api.session.UsageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link ContextSessionRepository}: one active session per agent (also under
 * concurrent starts), end, atomic rollover, token updates with a compare-and-set on the usage level,
 * history; bad input refused without a change, injection payloads stored verbatim.
 */
@RequiresCapability(Capability.CONTEXT_SESSIONS)
public abstract sealed class ContextSessionRepositoryContract extends AbstractStoreContract permits HiveStoreTck.ContextSessions {

    private ContextSessionRepository sessions() {
        return store().sessions();
    }

    private ContextSession start(String id, String agentId) {
        return sessions().start(id, new NewSession(agentId, 1000));
    }

    @Test
    void startCreatesAnActiveSessionWithEveryField() {
        registerAgent("alice");
        Instant before = nowMillis();
        ContextSession session = sessions().start("s-1", new NewSession("alice", 128_000));
        Instant after = nowMillisCeiling();

        assertThat(session.id()).isEqualTo("s-1");
        assertThat(session.agentId()).isEqualTo("alice");
        assertThat(session.tokenCount()).isZero();
        assertThat(session.maxTokens()).isEqualTo(128_000);
        assertThat(session.usagePercent()).isZero();
        assertThat(session.usageLevel()).isEqualTo(UsageLevel.NORMAL);
        assertThat(session.active()).isTrue();
        assertThat(session.startedAt()).isBetween(before, after);
        assertThat(session.endedAt()).isNull();
        assertThat(session.updatedAt()).isEqualTo(session.startedAt());
        assertThat(sessions().find("s-1")).contains(session);
        assertThat(sessions().findActive("alice")).contains(session);
    }

    @Test
    void aSecondActiveSessionOfTheSameAgentIsADuplicateAndChangesNothing() {
        registerAgent("alice");
        ContextSession first = start("s-1", "alice");

        ConflictException e = assertThrows(ConflictException.class, () -> start("s-2", "alice"));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(sessions().find("s-2")).isEmpty();
        assertThat(sessions().findActive("alice")).contains(first);
        assertThat(sessions().history("alice", 10)).containsExactly(first);
    }

    @Test
    void aTakenIdIsADuplicate() {
        registerAgent("alice");
        registerAgent("bob");
        ContextSession first = start("s-1", "alice");

        ConflictException e = assertThrows(ConflictException.class, () -> start("s-1", "bob"));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(sessions().find("s-1")).contains(first);
        assertThat(sessions().findActive("bob")).isEmpty();
    }

    @Test
    void startForAnUnknownAgentIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> start("s-1", "nobody"));

        assertThat(e.entity()).isEqualTo("agent");
        assertThat(e.id()).isEqualTo("nobody");
        assertThat(sessions().find("s-1")).isEmpty();
        assertThat(sessions().listActive(10)).isEmpty();
    }

    @Test
    void agentsHaveTheirOwnActiveSessions() {
        registerAgent("bob");
        registerAgent("alice");
        ContextSession bobs = start("s-1", "bob");
        ContextSession alices = start("s-2", "alice");

        assertThat(sessions().listActive(10)).containsExactly(alices, bobs);
        assertThat(sessions().listActive(1)).containsExactly(alices);
        assertThat(sessions().findActive("bob")).contains(bobs);
        assertThat(sessions().findActive("carol")).isEmpty();
        assertThat(sessions().find("missing")).isEmpty();
    }

    @Test
    void endEndsTheSessionOnceAndFreesTheAgentForANewOne() {
        registerAgent("alice");
        ContextSession started = start("s-1", "alice");
        Instant before = nowMillis();

        ContextSession ended = sessions().end("s-1");

        assertThat(ended.active()).isFalse();
        assertThat(ended.endedAt()).isBetween(before, nowMillisCeiling());
        assertThat(ended.updatedAt()).isEqualTo(ended.endedAt());
        assertThat(ended.startedAt()).isEqualTo(started.startedAt());
        assertThat(sessions().findActive("alice")).isEmpty();
        assertThat(sessions().listActive(10)).isEmpty();

        InvalidStateTransitionException again = assertThrows(InvalidStateTransitionException.class,
                () -> sessions().end("s-1"));
        assertThat(again.id()).isEqualTo("s-1");
        assertThat(sessions().find("s-1")).contains(ended);
        assertThat(start("s-2", "alice").active()).isTrue();
    }

    @Test
    void endOfAMissingSessionIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> sessions().end("missing"));

        assertThat(e.entity()).isEqualTo("session");
        assertThat(e.id()).isEqualTo("missing");
    }

    @Test
    void rolloverEndsTheActiveSessionAndStartsANewOne() {
        registerAgent("alice");
        ContextSession old = start("s-1", "alice");

        ContextSession fresh = sessions().rollover("s-2", new NewSession("alice", 2000));

        assertThat(fresh.id()).isEqualTo("s-2");
        assertThat(fresh.active()).isTrue();
        assertThat(fresh.maxTokens()).isEqualTo(2000);
        ContextSession ended = sessions().find("s-1").orElseThrow();
        assertThat(ended.active()).isFalse();
        assertThat(ended.endedAt()).isNotNull().isBeforeOrEqualTo(fresh.startedAt());
        assertThat(ended.startedAt()).isEqualTo(old.startedAt());
        assertThat(sessions().findActive("alice")).contains(fresh);
    }

    @Test
    void rolloverWithoutAnActiveSessionStartsOne() {
        registerAgent("alice");

        ContextSession fresh = sessions().rollover("s-1", new NewSession("alice", 1000));

        assertThat(sessions().findActive("alice")).contains(fresh);
        assertThat(sessions().history("alice", 10)).containsExactly(fresh);
    }

    @Test
    void aFailedRolloverLeavesTheActiveSessionActive() {
        registerAgent("alice");
        registerAgent("bob");
        ContextSession alices = start("s-1", "alice");
        ContextSession bobs = start("s-2", "bob");

        ConflictException taken = assertThrows(ConflictException.class,
                () -> sessions().rollover("s-2", new NewSession("alice", 1000)));
        assertThat(taken.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThrows(NotFoundException.class, () -> sessions().rollover("s-3", new NewSession("nobody", 1000)));

        assertThat(sessions().findActive("alice")).contains(alices);
        assertThat(sessions().findActive("bob")).contains(bobs);
        assertThat(sessions().find("s-3")).isEmpty();
    }

    @Test
    void aRolloverInsideAFailedTransactionIsUndone() {
        registerAgent("alice");
        ContextSession old = start("s-1", "alice");

        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.sessions().rollover("s-2", new NewSession("alice", 1000));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(sessions().findActive("alice")).contains(old);
        assertThat(sessions().find("s-2")).isEmpty();
    }

    @Test
    void updateTokensSetsTheCountAndRaisesTheLevel() {
        registerAgent("alice");
        ContextSession started = start("s-1", "alice");

        ContextSession normal = sessions().updateTokens(new TokenUpdate("s-1", 500, UsageLevel.NORMAL, UsageLevel.NORMAL));
        ContextSession raised = sessions().updateTokens(
                new TokenUpdate("s-1", 900, UsageLevel.NORMAL, UsageLevel.CRITICAL));
        ContextSession lower = sessions().updateTokens(
                new TokenUpdate("s-1", 100, UsageLevel.CRITICAL, UsageLevel.CRITICAL));

        assertThat(normal.tokenCount()).isEqualTo(500);
        assertThat(normal.usagePercent()).isEqualTo(50.0);
        assertThat(normal.usageLevel()).isEqualTo(UsageLevel.NORMAL);
        assertThat(normal.updatedAt()).isAfterOrEqualTo(started.updatedAt());
        assertThat(raised.tokenCount()).isEqualTo(900);
        assertThat(raised.usageLevel()).isEqualTo(UsageLevel.CRITICAL);
        assertThat(lower.tokenCount()).as("tokens may drop, e.g. after consolidation").isEqualTo(100);
        assertThat(lower.usageLevel()).as("the level never drops").isEqualTo(UsageLevel.CRITICAL);
        assertThat(sessions().find("s-1")).contains(lower);
    }

    @Test
    void updateTokensWithAStaleLevelIsAVersionMismatchAndChangesNothing() {
        registerAgent("alice");
        start("s-1", "alice");
        ContextSession consolidate = sessions().updateTokens(
                new TokenUpdate("s-1", 800, UsageLevel.NORMAL, UsageLevel.CONSOLIDATE));

        ConflictException e = assertThrows(ConflictException.class, () -> sessions().updateTokens(
                new TokenUpdate("s-1", 990, UsageLevel.NORMAL, UsageLevel.SLEEP)));

        assertThat(e.code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(sessions().find("s-1")).contains(consolidate);
    }

    @Test
    void updateTokensOfAnEndedOrMissingSessionIsRefused() {
        registerAgent("alice");
        start("s-1", "alice");
        ContextSession ended = sessions().end("s-1");

        assertThrows(InvalidStateTransitionException.class,
                () -> sessions().updateTokens(new TokenUpdate("s-1", 1, UsageLevel.NORMAL, UsageLevel.NORMAL)));
        assertThrows(NotFoundException.class,
                () -> sessions().updateTokens(new TokenUpdate("missing", 1, UsageLevel.NORMAL, UsageLevel.NORMAL)));

        assertThat(sessions().find("s-1")).contains(ended);
    }

    @Test
    void historyIsNewestFirstAndOnlyTheAgents() {
        registerAgent("alice");
        registerAgent("bob");
        List<ContextSession> started = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            started.add(sessions().rollover(String.format("s-%02d", i), new NewSession("alice", 1000 * i)));
        }
        start("b-1", "bob");

        List<ContextSession> history = sessions().history("alice", 10);

        assertThat(history).extracting(ContextSession::id).containsExactly("s-05", "s-04", "s-03", "s-02", "s-01");
        assertThat(history).filteredOn(ContextSession::active).extracting(ContextSession::id).containsExactly("s-05");
        assertThat(sessions().history("alice", 2)).extracting(ContextSession::id).containsExactly("s-05", "s-04");
        assertThat(sessions().history("nobody", 10)).isEmpty();
    }

    @Test
    void concurrentStartsForOneAgentLeaveExactlyOneActiveSession() {
        registerAgent("alice");
        int threads = 8;

        List<String> outcomes = ConcurrencyContract.runConcurrently(threads, index -> {
            try {
                return start("s-" + index, "alice").id();
            } catch (ConflictException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                return null;
            }
        });

        List<String> winners = outcomes.stream().filter(id -> id != null).toList();
        assertThat(winners).hasSize(1);
        assertThat(sessions().findActive("alice")).get().extracting(ContextSession::id).isEqualTo(winners.get(0));
        assertThat(sessions().history("alice", 100)).hasSize(1);
    }

    @Test
    void concurrentRolloversLeaveExactlyOneActiveSession() {
        registerAgent("alice");
        int threads = 8;

        ConcurrencyContract.runConcurrently(threads,
                index -> sessions().rollover("s-" + index, new NewSession("alice", 1000)));

        List<ContextSession> history = sessions().history("alice", 100);
        assertThat(history).hasSize(threads);
        assertThat(history).filteredOn(ContextSession::active).hasSize(1);
        assertThat(history).filteredOn(session -> !session.active())
                .allSatisfy(session -> assertThat(session.endedAt()).isNotNull());
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
        return Stream.of(
                Arguments.of("session.agentId", (Executable) () -> new NewSession(null, 1)),
                Arguments.of("session.agentId", (Executable) () -> new NewSession(" ", 1)),
                Arguments.of("session.agentId", (Executable) () -> new NewSession("x".repeat(256), 1)),
                Arguments.of("session.maxTokens", (Executable) () -> new NewSession("a", 0)),
                Arguments.of("session.maxTokens", (Executable) () -> new NewSession("a", NewSession.MAX_TOKENS_LIMIT + 1)),
                Arguments.of("session.id", (Executable) () -> new TokenUpdate("", 1, UsageLevel.NORMAL, UsageLevel.NORMAL)),
                Arguments.of("session.tokenCount", (Executable) () -> new TokenUpdate("s", -1, UsageLevel.NORMAL, UsageLevel.NORMAL)),
                Arguments.of("session.expectedLevel", (Executable) () -> new TokenUpdate("s", 1, null, UsageLevel.NORMAL)),
                Arguments.of("session.usageLevel", (Executable) () -> new TokenUpdate("s", 1, UsageLevel.NORMAL, null)),
                Arguments.of("session.usageLevel", (Executable) () -> new TokenUpdate("s", 1, UsageLevel.SLEEP, UsageLevel.CRITICAL)),
                Arguments.of("session.usageLevel", (Executable) () -> UsageLevel.parse("overflowing")));
    }

    @Test
    void nullOrBlankArgumentsAreRefusedAndChangeNothing() {
        registerAgent("alice");
        ContextSession active = start("s-1", "alice");
        for (String id : Arrays.asList(null, "", "   ", "line\nbreak")) {
            List<Executable> calls = List.of(
                    () -> sessions().start(id, new NewSession("alice", 10)),
                    () -> sessions().rollover(id, new NewSession("alice", 10)),
                    () -> sessions().find(id),
                    () -> sessions().findActive(id),
                    () -> sessions().end(id),
                    () -> sessions().history(id, 10));
            for (Executable call : calls) {
                InvalidInputException e = assertThrows(InvalidInputException.class, call);
                assertThat(e.field()).startsWith("session.");
            }
        }
        List<Executable> others = List.of(
                () -> sessions().start("s-2", null),
                () -> sessions().rollover("s-2", null),
                () -> sessions().updateTokens(null),
                () -> sessions().history("alice", 0),
                () -> sessions().history("alice", ContextSessionRepository.MAX_LIMIT + 1),
                () -> sessions().listActive(0));
        for (Executable call : others) {
            assertThrows(InvalidInputException.class, call);
        }

        assertThat(sessions().findActive("alice")).contains(active);
        assertThat(sessions().history("alice", 10)).containsExactly(active);
    }

    // ---- injection ---------------------------------------------------------------------------

    @Test
    void injectionPayloadsAreStoredVerbatim() {
        for (String p : InjectionContract.PAYLOADS) {
            registerAgent(p);
            sessions().start(p, new NewSession(p, 100));
        }

        for (String p : InjectionContract.PAYLOADS) {
            ContextSession session = sessions().find(p).orElseThrow(() -> new AssertionError("session " + p));
            assertThat(session.id()).isEqualTo(p);
            assertThat(session.agentId()).isEqualTo(p);
            assertThat(sessions().findActive(p)).contains(session);
            assertThat(sessions().history(p, 10)).containsExactly(session);
            assertThat(sessions().updateTokens(new TokenUpdate(p, 80, UsageLevel.NORMAL, UsageLevel.CONSOLIDATE))
                    .usageLevel()).isEqualTo(UsageLevel.CONSOLIDATE);
            ContextSession next = sessions().rollover(p + "/next", new NewSession(p, 100));
            assertThat(next.agentId()).isEqualTo(p);
            assertThat(sessions().end(p + "/next").active()).isFalse();
        }
        assertThat(sessions().listActive(1000)).isEmpty();
        assertThat(TaskRepositoryContract.total(store().agents().countByStatus()))
                .isEqualTo(InjectionContract.PAYLOADS.size());
    }

    /** Every refusal above is a {@link HiveException}: nothing escapes as a driver exception. */
    @Test
    void refusalsCarryTheirErrorCodes() {
        registerAgent("alice");
        start("s-1", "alice");

        assertThat(assertThrows(HiveException.class, () -> start("s-2", "alice")).code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(assertThrows(HiveException.class, () -> start("s-3", "nobody")).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(assertThrows(HiveException.class, () -> sessions().history("alice", -1)).code())
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }
}
