package dev.agenthive.tck;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of {@link AgentRepository}: registration, heartbeats, status changes, listing, crash detection. */
public abstract sealed class AgentRepositoryContract extends AbstractStoreContract permits HiveStoreTck.Agents {

    private AgentRepository agents() {
        return store().agents();
    }

    @Test
    void registerStoresEveryFieldAndStartsActive() {
        Instant before = nowMillis();
        Agent agent = agents().register(new AgentRegistration("agent-1", "coder", Set.of("java", "git"),
                "/work/trees/agent-1", "feature/x", json("{\"model\":\"m1\",\"depth\":3}")));
        Instant after = nowMillisCeiling();

        assertThat(agent.id()).isEqualTo("agent-1");
        assertThat(agent.type()).isEqualTo("coder");
        assertThat(agent.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agent.capabilities()).containsExactlyInAnyOrder("java", "git");
        assertThat(agent.worktreePath()).isEqualTo("/work/trees/agent-1");
        assertThat(agent.branch()).isEqualTo("feature/x");
        assertSameJson(agent.configuration(), json("{\"depth\":3,\"model\":\"m1\"}"));
        assertThat(agent.createdAt()).isBetween(before, after);
        assertThat(agent.lastHeartbeatAt()).isBetween(before, after);
        assertThat(agent.updatedAt()).isBetween(before, after);
        assertThat(agents().find("agent-1")).contains(agent);
    }

    @Test
    void registerWithoutOptionalFieldsStoresDefaults() {
        Agent agent = agents().register(AgentRegistration.of("agent-1", "reviewer", null));

        assertThat(agent.capabilities()).isEmpty();
        assertThat(agent.worktreePath()).isNull();
        assertThat(agent.branch()).isNull();
        assertSameJson(agent.configuration(), json("{}"));
        assertThat(agents().find("agent-1")).contains(agent);
    }

    @Test
    void findOfUnknownAgentIsEmpty() {
        assertThat(agents().find("nobody")).isEmpty();
    }

    @Test
    void registerAgainIsIdempotentAndUpdatesDescriptiveFields() {
        Agent first = agents().register(new AgentRegistration("agent-1", "coder", Set.of("java"),
                "/a", "main", json("{\"v\":1}")));
        passTime(Duration.ofMillis(20));

        Agent second = agents().register(new AgentRegistration("agent-1", "reviewer", Set.of("python", "docs"),
                "/b", "dev", json("{\"v\":2}")));

        assertThat(second.id()).isEqualTo("agent-1");
        assertThat(second.type()).isEqualTo("reviewer");
        assertThat(second.capabilities()).containsExactlyInAnyOrder("python", "docs");
        assertThat(second.worktreePath()).isEqualTo("/b");
        assertThat(second.branch()).isEqualTo("dev");
        assertSameJson(second.configuration(), json("{\"v\":2}"));
        assertThat(second.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.lastHeartbeatAt()).isAfter(first.lastHeartbeatAt());
        assertThat(agents().list(AgentQuery.all())).containsExactly(second);
        assertThat(agents().countByStatus().get(AgentStatus.ACTIVE)).isEqualTo(1L);
    }

    @ParameterizedTest
    @MethodSource("statusesLeftByRegistration")
    void registerRevivesAgentInAnyStatus(AgentStatus status) {
        registerAgent("agent-1");
        agents().updateStatus("agent-1", status);

        Agent revived = agents().register(AgentRegistration.of("agent-1", "coder", null));

        assertThat(revived.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents().find("agent-1").orElseThrow().status()).isEqualTo(AgentStatus.ACTIVE);
    }

    static Stream<AgentStatus> statusesLeftByRegistration() {
        return Stream.of(AgentStatus.IDLE, AgentStatus.SLEEPING, AgentStatus.CRASHED, AgentStatus.TERMINATED);
    }

    @Test
    void heartbeatRefreshesLastHeartbeat() {
        Agent registered = registerAgent("agent-1");
        passTime(Duration.ofMillis(20));

        Agent beaten = agents().heartbeat("agent-1");

        assertThat(beaten.lastHeartbeatAt()).isAfter(registered.lastHeartbeatAt());
        assertThat(beaten.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents().find("agent-1").orElseThrow().lastHeartbeatAt()).isEqualTo(beaten.lastHeartbeatAt());
    }

    @ParameterizedTest
    @MethodSource("liveStatuses")
    void heartbeatIsAcceptedFromEveryLiveStatus(AgentStatus status) {
        registerAgent("agent-1");
        agents().updateStatus("agent-1", status);

        Agent beaten = agents().heartbeat("agent-1");

        assertThat(beaten.status().isLive()).isTrue();
    }

    static Stream<AgentStatus> liveStatuses() {
        return Stream.of(AgentStatus.ACTIVE, AgentStatus.IDLE, AgentStatus.SLEEPING);
    }

    @ParameterizedTest
    @MethodSource("deadStatuses")
    void heartbeatOfCrashedOrTerminatedAgentIsRefusedAndChangesNothing(AgentStatus status) {
        registerAgent("agent-1");
        Agent dead = agents().updateStatus("agent-1", status);

        assertThatThrownBy(() -> agents().heartbeat("agent-1"))
                .isInstanceOf(InvalidStateTransitionException.class);

        assertThat(agents().find("agent-1")).contains(dead);
    }

    static Stream<AgentStatus> deadStatuses() {
        return Stream.of(AgentStatus.CRASHED, AgentStatus.TERMINATED);
    }

    @Test
    void heartbeatOfUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> agents().heartbeat("nobody")).isInstanceOf(NotFoundException.class);
        assertThat(agents().find("nobody")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyTransition")
    void updateStatusFollowsAllowedSources(AgentStatus from, AgentStatus to) {
        registerAgent("agent-1");
        if (from != AgentStatus.ACTIVE) {
            agents().updateStatus("agent-1", from);
        }
        Agent before = agents().find("agent-1").orElseThrow();
        assertThat(before.status()).isEqualTo(from);

        if (AgentStatus.allowedSources(to).contains(from)) {
            Agent after = agents().updateStatus("agent-1", to);
            assertThat(after.status()).isEqualTo(to);
            assertThat(agents().find("agent-1").orElseThrow().status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> agents().updateStatus("agent-1", to))
                    .isInstanceOf(InvalidStateTransitionException.class);
            assertThat(agents().find("agent-1")).contains(before);
        }
    }

    static Stream<Arguments> everyTransition() {
        return Arrays.stream(AgentStatus.values())
                .flatMap(from -> Arrays.stream(AgentStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @Test
    void updateStatusOfUnknownAgentIsNotFound() {
        assertThatThrownBy(() -> agents().updateStatus("nobody", AgentStatus.IDLE))
                .isInstanceOf(NotFoundException.class);
        assertThat(agents().list(AgentQuery.all())).isEmpty();
    }

    @Test
    void listFiltersByStatusTypeAndCapabilityInIdOrder() {
        agents().register(AgentRegistration.of("c", "coder", Set.of("java", "git")));
        agents().register(AgentRegistration.of("a", "coder", Set.of("java")));
        agents().register(AgentRegistration.of("b", "reviewer", Set.of("git")));
        agents().register(AgentRegistration.of("d", "reviewer", Set.of()));
        agents().updateStatus("d", AgentStatus.IDLE);

        assertThat(ids(agents().list(AgentQuery.all()))).containsExactly("a", "b", "c", "d");
        assertThat(ids(agents().list(AgentQuery.byStatus(AgentStatus.ACTIVE)))).containsExactly("a", "b", "c");
        assertThat(ids(agents().list(AgentQuery.byStatus(AgentStatus.IDLE)))).containsExactly("d");
        assertThat(agents().list(AgentQuery.byStatus(AgentStatus.CRASHED))).isEmpty();
        assertThat(ids(agents().list(AgentQuery.byType("reviewer")))).containsExactly("b", "d");
        assertThat(ids(agents().list(new AgentQuery(null, null, "git", 100)))).containsExactly("b", "c");
        assertThat(ids(agents().list(new AgentQuery(null, null, "java", 100)))).containsExactly("a", "c");
        assertThat(ids(agents().list(new AgentQuery(AgentStatus.ACTIVE, "coder", "git", 100)))).containsExactly("c");
        assertThat(ids(agents().list(new AgentQuery(null, null, null, 2)))).containsExactly("a", "b");
        assertThat(agents().list(new AgentQuery(null, "nobody", null, 100))).isEmpty();
    }

    @Test
    void capabilityFilterMatchesWholeCapabilitiesOnly() {
        agents().register(AgentRegistration.of("a", "coder", Set.of("java-17")));
        agents().register(AgentRegistration.of("b", "coder", Set.of("java")));

        assertThat(ids(agents().list(new AgentQuery(null, null, "java", 100)))).containsExactly("b");
        assertThat(agents().list(new AgentQuery(null, null, "jav", 100))).isEmpty();
    }

    @Test
    void countByStatusHasEveryStatus() {
        assertThat(agents().countByStatus())
                .containsOnlyKeys(AgentStatus.values())
                .allSatisfy((status, count) -> assertThat(count).isZero());

        registerAgent("a");
        registerAgent("b");
        registerAgent("c");
        agents().updateStatus("b", AgentStatus.SLEEPING);
        agents().updateStatus("c", AgentStatus.TERMINATED);

        Map<AgentStatus, Long> counts = agents().countByStatus();
        assertThat(counts).containsOnlyKeys(AgentStatus.values());
        assertThat(counts).containsEntry(AgentStatus.ACTIVE, 1L)
                .containsEntry(AgentStatus.IDLE, 0L)
                .containsEntry(AgentStatus.SLEEPING, 1L)
                .containsEntry(AgentStatus.CRASHED, 0L)
                .containsEntry(AgentStatus.TERMINATED, 1L);
    }

    @Test
    void markCrashedTakesOnlyActiveAndIdleAgentsWithStaleHeartbeats() {
        registerAgent("a-active");
        registerAgent("b-idle");
        registerAgent("c-sleeping");
        registerAgent("d-terminated");
        registerAgent("e-crashed");
        agents().updateStatus("b-idle", AgentStatus.IDLE);
        agents().updateStatus("c-sleeping", AgentStatus.SLEEPING);
        agents().updateStatus("d-terminated", AgentStatus.TERMINATED);
        agents().updateStatus("e-crashed", AgentStatus.CRASHED);

        assertThat(agents().markCrashed(Duration.ofHours(1))).isEmpty();

        passTime(PAST_SHORT_TTL);
        List<String> marked = agents().markCrashed(SHORT_TTL);

        assertThat(marked).containsExactly("a-active", "b-idle");
        assertThat(agents().find("a-active").orElseThrow().status()).isEqualTo(AgentStatus.CRASHED);
        assertThat(agents().find("b-idle").orElseThrow().status()).isEqualTo(AgentStatus.CRASHED);
        assertThat(agents().find("c-sleeping").orElseThrow().status()).isEqualTo(AgentStatus.SLEEPING);
        assertThat(agents().find("d-terminated").orElseThrow().status()).isEqualTo(AgentStatus.TERMINATED);
        assertThat(agents().find("e-crashed").orElseThrow().status()).isEqualTo(AgentStatus.CRASHED);
        assertThat(agents().markCrashed(SHORT_TTL)).isEmpty();
    }

    @Test
    void crashedAgentComesBackOnlyThroughRegistration() {
        registerAgent("agent-1");
        passTime(PAST_SHORT_TTL);
        assertThat(agents().markCrashed(SHORT_TTL)).containsExactly("agent-1");

        assertThatThrownBy(() -> agents().heartbeat("agent-1")).isInstanceOf(InvalidStateTransitionException.class);
        assertThatThrownBy(() -> agents().updateStatus("agent-1", AgentStatus.ACTIVE))
                .isInstanceOf(InvalidStateTransitionException.class);

        Agent revived = registerAgent("agent-1");
        assertThat(revived.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents().heartbeat("agent-1").status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agents().markCrashed(Duration.ofHours(1))).isEmpty();
    }

    private static List<String> ids(List<Agent> agents) {
        return agents.stream().map(Agent::id).toList();
    }
}
