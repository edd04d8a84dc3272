package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.RetryBackoff;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AgentService} over a {@link HiveStore}. An agent that stops being live (crashed or
 * terminated) gives its leased tasks back to the queue in the same transaction.
 */
final class DefaultAgentService implements AgentService {
    private final HiveStore store;
    private final Notifier notifier;
    private final JsonCodec codec;
    private final RetryBackoff backoff;
    private final SystemEvents events;
    private final HotReads hot;

    /** Wires the service; lease, backoff, limits and intervals come from {@code config}. */
    DefaultAgentService(HiveStore store, Notifier notifier, JsonCodec codec, IdGenerator ids, Clock clock,
                               HiveConfig config, HotReads hot) {
        this.hot = Objects.requireNonNull(hot, "hot is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.notifier = Objects.requireNonNull(notifier, "notifier is null");
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.backoff = config.taskBackoff();
        this.events = new SystemEvents(ids, clock, codec);
    }

    @Override
    public Agent register(AgentRegistration registration) {
        Checks.notNull(registration, "agent");
        AgentRegistration normalised = new AgentRegistration(registration.id(), registration.type(),
                registration.capabilities(), registration.worktreePath(), registration.branch(),
                codec.normalize(registration.configuration(), "agent.configuration"));
        return HotReads.afterWrite(() -> store.agents().register(normalised), () -> hot.agentChanged(normalised.id()));
    }

    @Override
    public Agent heartbeat(String agentId) {
        Checks.id(agentId, "agent.id");
        return HotReads.afterWrite(() -> store.agents().heartbeat(agentId), () -> hot.agentChanged(agentId));
    }

    @Override
    public Agent setStatus(String agentId, AgentStatus status) {
        Checks.id(agentId, "agent.id");
        Checks.notNull(status, "agent.status");
        if (status.isLive()) {
            return HotReads.afterWrite(() -> store.agents().updateStatus(agentId, status),
                    () -> hot.agentChanged(agentId));
        }
        Released result = HotReads.afterWrite(() -> store.inTransaction(tx -> {
            Agent agent = tx.agents().updateStatus(agentId, status);
            return new Released(agent, tx.tasks().releaseAgentTasks(agentId, backoff));
        }), () -> {
            hot.agentChanged(agentId);
            hot.tasksChanged();
        });
        notifier.signal(Notifier.TASKS, result.tasks());
        return result.agent();
    }

    @Override
    public Optional<Agent> find(String agentId) {
        Checks.id(agentId, "agent.id");
        return Optional.ofNullable(hot.agents().read(agentId, () -> store.agents().find(agentId).orElse(null)));
    }

    @Override
    public Agent get(String agentId) {
        return find(agentId).orElseThrow(() -> new NotFoundException("agent", agentId));
    }

    @Override
    public List<Agent> list(AgentQuery query) {
        Checks.notNull(query, "agentQuery");
        if (query.type() != null || query.capability() != null || query.configurationContains() != null) {
            return store.agents().list(query);
        }
        String status = query.status() == null ? null : query.status().dbValue();
        return hot.agentLists().read(HotReads.agentListKey(status, query.limit()),
                () -> List.copyOf(store.agents().list(query)));
    }

    @Override
    public Map<AgentStatus, Long> countByStatus() {
        return store.agents().countByStatus();
    }

    @Override
    public List<String> detectCrashed(Duration heartbeatTimeout) {
        Checks.positive(heartbeatTimeout, "heartbeatTimeout");
        Detection detection;
        try {
            detection = store.inTransaction(tx -> {
                List<String> crashed = tx.agents().markCrashed(heartbeatTimeout);
                int released = 0;
                List<Event> recorded = new ArrayList<>(crashed.size());
                for (String agentId : crashed) {
                    int tasks = tx.tasks().releaseAgentTasks(agentId, backoff);
                    released += tasks;
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("heartbeatTimeoutMillis", heartbeatTimeout.toMillis());
                    details.put("releasedTasks", tasks);
                    recorded.add(events.create(SystemEvents.AGENT_CRASHED, Severity.WARNING, agentId, null, details));
                }
                if (!recorded.isEmpty()) {
                    tx.events().append(recorded);
                }
                return new Detection(crashed, released);
            });
        } catch (RuntimeException e) {
            // Which agents the failed round marked is unknown; none of their cached state may be served.
            hot.agents().invalidateAll();
            hot.agentLists().invalidateAll();
            hot.tasksChanged();
            throw e;
        }
        if (!detection.crashed().isEmpty()) {
            hot.agents().invalidate(detection.crashed());
            hot.agentLists().invalidateAll();
        }
        if (detection.releasedTasks() > 0) {
            hot.tasksChanged();
        }
        notifier.signal(Notifier.TASKS, detection.releasedTasks());
        return detection.crashed();
    }

    private record Released(Agent agent, int tasks) {
    }

    private record Detection(List<String> crashed, int releasedTasks) {
    }
}
