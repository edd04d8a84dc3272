package dev.agenthive.store.jdbc.agent;

import dev.agenthive.store.jdbc.ContainmentFilter;
import dev.agenthive.store.jdbc.JsonValidator;
import dev.agenthive.api.Checks;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.store.jdbc.KeyCount;
import dev.agenthive.store.jdbc.SqlExecutor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.Optional;

/** {@link AgentRepository} over SQL; "now" is always the store's clock, passed into each statement. */
public final class JdbcAgentRepository implements AgentRepository {
    private final SqlExecutor executor;
    private final JsonValidator jsonValidator;
    private final Clock clock;
    private final ContainmentFilter containment;

    public JdbcAgentRepository(SqlExecutor executor, Clock clock, ContainmentFilter containment, JsonValidator jsonValidator) {
        this.jsonValidator = Objects.requireNonNull(jsonValidator, "jsonValidator is null");
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.containment = Objects.requireNonNull(containment, "containment is null");
    }

    @Override
    public Agent register(AgentRegistration registration) {
        Checks.notNull(registration, "registration");
        jsonValidator.requireValid(registration.configuration(), "agents_configuration_json");
        return executor.write(session -> {
            AgentMapper mapper = session.getMapper(AgentMapper.class);
            mapper.upsert(registration, clock.instant());
            return mapper.find(registration.id());
        });
    }

    @Override
    public Optional<Agent> find(String id) {
        Checks.id(id, "agent.id");
        return executor.readStatement(session -> Optional.ofNullable(session.getMapper(AgentMapper.class).find(id)));
    }

    @Override
    public Agent heartbeat(String id) {
        Checks.id(id, "agent.id");
        return executor.write(session -> {
            AgentMapper mapper = session.getMapper(AgentMapper.class);
            if (mapper.heartbeat(id, clock.instant()) == 0) {
                Agent current = mapper.find(id);
                if (current == null) {
                    throw new NotFoundException("agent", id);
                }
                throw new InvalidStateTransitionException("agent", id, current.status().dbValue(), "heartbeat");
            }
            return mapper.find(id);
        });
    }

    @Override
    public Agent updateStatus(String id, AgentStatus status) {
        Checks.id(id, "agent.id");
        Checks.notNull(status, "agent.status");
        return executor.write(session -> {
            AgentMapper mapper = session.getMapper(AgentMapper.class);
            if (mapper.updateStatus(id, status, AgentStatus.allowedSources(status), clock.instant()) == 0) {
                Agent current = mapper.find(id);
                if (current == null) {
                    throw new NotFoundException("agent", id);
                }
                throw new InvalidStateTransitionException("agent", id, current.status().dbValue(), status.dbValue());
            }
            return mapper.find(id);
        });
    }

    @Override
    public List<Agent> list(AgentQuery query) {
        Checks.notNull(query, "agentQuery");
        jsonValidator.requireValidArgument(query.configurationContains(), "agentQuery.configurationContains");
        Predicate<Json> configuration = containment.containing(query.configurationContains());
        return executor.read(session -> {
            AgentMapper mapper = session.getMapper(AgentMapper.class);
            return List.copyOf(ContainmentFilter.read(query.limit(), null,
                    (afterId, limit) -> mapper.list(query.status(), query.type(), query.capability(),
                            query.configurationContains(), afterId, limit),
                    Agent::id, agent -> configuration.test(agent.configuration())));
        });
    }

    @Override
    public Map<AgentStatus, Long> countByStatus() {
        List<KeyCount> rows = executor.read(session -> session.getMapper(AgentMapper.class).countByStatus());
        Map<AgentStatus, Long> counts = new EnumMap<>(AgentStatus.class);
        for (AgentStatus status : AgentStatus.values()) {
            counts.put(status, 0L);
        }
        rows.forEach(row -> counts.put(AgentStatus.parse(row.key()), row.count()));
        return Map.copyOf(counts);
    }

    @Override
    public List<String> markCrashed(Duration heartbeatTimeout) {
        Checks.notNegative(heartbeatTimeout, "heartbeatTimeout");
        return executor.write(session -> {
            AgentMapper mapper = session.getMapper(AgentMapper.class);
            Instant now = clock.instant();
            Instant cutoff = now.minus(heartbeatTimeout);
            List<String> stale = mapper.findStale(cutoff);
            if (stale.isEmpty()) {
                return List.<String>of();
            }
            // Same predicate in the same transaction: exactly the rows just listed.
            mapper.markCrashed(cutoff, now);
            return List.copyOf(stale);
        });
    }
}
