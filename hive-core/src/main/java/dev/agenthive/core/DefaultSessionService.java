package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.session.TokenUpdate;
import dev.agenthive.api.session.UsageLevel;
import dev.agenthive.api.session.UsageThresholds;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SessionService} over a {@link HiveStore}. A token count and the usage level it reaches are
 * written with a compare-and-set on the level the service read, together with the level's event, so
 * that each level of a session is reported exactly once. Sleep and wake change the agent, its
 * sessions and its snapshots in one transaction each.
 */
final class DefaultSessionService implements SessionService {
    /** Importance of a working-memory snapshot: pruning removes it last. */
    static final double WORKING_MEMORY_IMPORTANCE = 1.0;

    private final HiveStore store;
    private final JsonCodec codec;
    private final IdGenerator ids;
    private final SystemEvents events;
    private final UsageThresholds thresholds;
    private final long defaultMaxTokens;
    private final HotReads hot;

    /** Wires the service; usage thresholds and the default context window come from {@code config}. */
    DefaultSessionService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock, HiveConfig config,
                          HotReads hot) {
        this.hot = Objects.requireNonNull(hot, "hot is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.ids = Objects.requireNonNull(ids, "ids is null");
        this.events = new SystemEvents(ids, clock, codec);
        this.thresholds = config.sessionThresholds();
        this.defaultMaxTokens = config.sessionMaxTokens();
    }

    @Override
    public ContextSession start(String agentId, long maxTokens) {
        return store.sessions().start(ids.next(), new NewSession(agentId, maxTokens));
    }

    @Override
    public ContextSession rollover(String agentId, long maxTokens) {
        return store.sessions().rollover(ids.next(), new NewSession(agentId, maxTokens));
    }

    @Override
    public Optional<ContextSession> end(String agentId) {
        Checks.id(agentId, "session.agentId");
        return store.inTransaction(tx -> tx.sessions().findActive(agentId).map(active -> tx.sessions().end(active.id())));
    }

    @Override
    public ContextSession recordTokens(String agentId, long tokenCount) {
        Checks.id(agentId, "session.agentId");
        TokenUpdate.checkTokenCount(tokenCount);
        return store.inTransaction(tx -> {
            ContextSession active = tx.sessions().findActive(agentId)
                    .orElseThrow(() -> new NotFoundException("active session of agent", agentId));
            UsageLevel reached = thresholds.levelOf(tokenCount, active.maxTokens());
            UsageLevel stored = active.usageLevel();
            UsageLevel level = reached.isAbove(stored) ? reached : stored;
            ContextSession updated = tx.sessions().updateTokens(new TokenUpdate(active.id(), tokenCount, stored, level));
            if (level.isAbove(stored)) {
                tx.events().append(List.of(usageEvent(updated)));
            }
            return updated;
        });
    }

    @Override
    public Optional<ContextSession> find(String sessionId) {
        return store.sessions().find(Checks.id(sessionId, "session.id"));
    }

    @Override
    public Optional<ContextSession> active(String agentId) {
        return store.sessions().findActive(Checks.id(agentId, "session.agentId"));
    }

    @Override
    public List<ContextSession> history(String agentId, int limit) {
        return store.sessions().history(agentId, limit);
    }

    @Override
    public List<ContextSession> listActive(int limit) {
        return store.sessions().listActive(limit);
    }

    @Override
    public MemorySnapshot sleep(String agentId, Json workingMemory) {
        Checks.id(agentId, "agent.id");
        Json content = codec.normalize(workingMemory, "workingMemory");
        String snapshotId = ids.next();
        return HotReads.afterWrite(() -> store.inTransaction(tx -> {
            // The status change goes first: an agent that may not sleep is refused before anything is written.
            tx.agents().updateStatus(agentId, AgentStatus.SLEEPING);
            Optional<ContextSession> active = tx.sessions().findActive(agentId);
            MemorySnapshot snapshot = tx.snapshots().store(snapshotId, new NewSnapshot(agentId,
                    active.map(ContextSession::id).orElse(null), WORKING_MEMORY, WORKING_MEMORY_IMPORTANCE, content));
            active.ifPresent(session -> tx.sessions().end(session.id()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("snapshotId", snapshot.id());
            details.put("sessionId", snapshot.sessionId());
            details.put("sizeBytes", snapshot.sizeBytes());
            tx.events().append(List.of(events.create(AGENT_SLEPT, Severity.INFO, agentId, snapshot.sessionId(), details)));
            return snapshot;
        }), () -> hot.agentChanged(agentId));
    }

    @Override
    public Optional<MemorySnapshot> wake(String agentId) {
        Checks.id(agentId, "agent.id");
        String sessionId = ids.next();
        return HotReads.afterWrite(() -> store.inTransaction(tx -> {
            tx.agents().updateStatus(agentId, AgentStatus.ACTIVE);
            long maxTokens = tx.sessions().history(agentId, 1).stream().findFirst()
                    .map(ContextSession::maxTokens).orElse(defaultMaxTokens);
            ContextSession session = tx.sessions().rollover(sessionId, new NewSession(agentId, maxTokens));
            Optional<MemorySnapshot> latest = tx.snapshots().latest(agentId, WORKING_MEMORY);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sessionId", session.id());
            details.put("snapshotId", latest.map(MemorySnapshot::id).orElse(null));
            tx.events().append(List.of(events.create(AGENT_WOKE, Severity.INFO, agentId, session.id(), details)));
            return latest;
        }), () -> hot.agentChanged(agentId));
    }

    private Event usageEvent(ContextSession session) {
        UsageLevel level = session.usageLevel();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sessionId", session.id());
        details.put("level", level.dbValue());
        details.put("tokenCount", session.tokenCount());
        details.put("maxTokens", session.maxTokens());
        details.put("usagePercent", session.usagePercent());
        details.put("threshold", thresholds.threshold(level));
        String type = switch (level) {
            case CONSOLIDATE -> USAGE_CONSOLIDATE;
            case CRITICAL -> USAGE_CRITICAL;
            case SLEEP -> USAGE_SLEEP;
            case NORMAL -> throw new IllegalStateException("normal is no threshold");
        };
        Severity severity = level == UsageLevel.CONSOLIDATE ? Severity.INFO : Severity.WARNING;
        return events.create(type, severity, session.agentId(), session.id(), details);
    }
}
