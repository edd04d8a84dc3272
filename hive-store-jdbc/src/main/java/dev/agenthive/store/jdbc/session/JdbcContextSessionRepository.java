package dev.agenthive.store.jdbc.session;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.session.NewSession;
import dev.agenthive.api.session.TokenUpdate;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.agent.AgentMapper;
import org.apache.ibatis.session.SqlSession;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ContextSessionRepository} over SQL. The partial unique index over active sessions is what
 * keeps an agent to one active session; the check before the insert only gives the refusal a
 * clearer message.
 */
public final class JdbcContextSessionRepository implements ContextSessionRepository {
    private static final String ENTITY = "session";

    private final SqlExecutor executor;
    private final Clock clock;

    public JdbcContextSessionRepository(SqlExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public ContextSession start(String id, NewSession session) {
        Checks.id(id, "session.id");
        Checks.notNull(session, "session");
        return executor.write(sql -> {
            ContextSessionMapper mapper = sql.getMapper(ContextSessionMapper.class);
            requireAgent(sql, session.agentId());
            ContextSession active = mapper.findActive(session.agentId());
            if (active != null) {
                throw new ConflictException(ErrorCode.DUPLICATE, "session.agentId: agent '" + session.agentId()
                        + "' already has the active session '" + active.id() + "'");
            }
            return insert(mapper, id, session);
        });
    }

    @Override
    public ContextSession rollover(String id, NewSession session) {
        Checks.id(id, "session.id");
        Checks.notNull(session, "session");
        return executor.write(sql -> {
            ContextSessionMapper mapper = sql.getMapper(ContextSessionMapper.class);
            requireAgent(sql, session.agentId());
            ContextSession active = mapper.findActive(session.agentId());
            if (active != null) {
                mapper.end(active.id(), clock.instant());
            }
            return insert(mapper, id, session);
        });
    }

    @Override
    public Optional<ContextSession> find(String id) {
        Checks.id(id, "session.id");
        return executor.read(sql -> Optional.ofNullable(sql.getMapper(ContextSessionMapper.class).find(id)));
    }

    @Override
    public Optional<ContextSession> findActive(String agentId) {
        Checks.id(agentId, "session.agentId");
        return executor.read(sql -> Optional.ofNullable(sql.getMapper(ContextSessionMapper.class).findActive(agentId)));
    }

    @Override
    public ContextSession end(String id) {
        Checks.id(id, "session.id");
        return executor.write(sql -> {
            ContextSessionMapper mapper = sql.getMapper(ContextSessionMapper.class);
            if (mapper.end(id, clock.instant()) == 0) {
                throw refusal(mapper, id, "ended");
            }
            return mapper.find(id);
        });
    }

    @Override
    public ContextSession updateTokens(TokenUpdate update) {
        Checks.notNull(update, "session");
        return executor.write(sql -> {
            ContextSessionMapper mapper = sql.getMapper(ContextSessionMapper.class);
            if (mapper.updateTokens(update, clock.instant()) == 0) {
                ContextSession current = mapper.find(update.sessionId());
                if (current != null && current.active()) {
                    throw new ConflictException(ErrorCode.VERSION_MISMATCH, "session '" + update.sessionId()
                            + "': expected usage level " + update.expectedLevel().dbValue() + ", found "
                            + current.usageLevel().dbValue());
                }
                throw refusal(mapper, update.sessionId(), "updateTokens");
            }
            return mapper.find(update.sessionId());
        });
    }

    @Override
    public List<ContextSession> history(String agentId, int limit) {
        Checks.id(agentId, "session.agentId");
        Checks.between(limit, 1, MAX_LIMIT, "session.limit");
        return executor.read(sql -> List.copyOf(sql.getMapper(ContextSessionMapper.class).history(agentId, limit)));
    }

    @Override
    public List<ContextSession> listActive(int limit) {
        Checks.between(limit, 1, MAX_LIMIT, "session.limit");
        return executor.read(sql -> List.copyOf(sql.getMapper(ContextSessionMapper.class).listActive(limit)));
    }

    private ContextSession insert(ContextSessionMapper mapper, String id, NewSession session) {
        mapper.insert(id, session.agentId(), session.maxTokens(), clock.instant());
        // Read back, so the caller sees exactly what later reads will.
        return mapper.find(id);
    }

    private static void requireAgent(SqlSession sql, String agentId) {
        if (!sql.getMapper(AgentMapper.class).exists(agentId)) {
            throw new NotFoundException("agent", agentId);
        }
    }

    /** Why a conditional update on session {@code id} changed nothing: it is missing or has ended. */
    private static RuntimeException refusal(ContextSessionMapper mapper, String id, String operation) {
        if (mapper.find(id) == null) {
            return new NotFoundException(ENTITY, id);
        }
        return new InvalidStateTransitionException(ENTITY, id, "ended", operation);
    }
}
