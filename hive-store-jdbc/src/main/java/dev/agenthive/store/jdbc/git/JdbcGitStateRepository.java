package dev.agenthive.store.jdbc.git;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateRepository;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.store.jdbc.SqlExecutor;
import dev.agenthive.store.jdbc.agent.AgentMapper;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link GitStateRepository} over SQL: one upsert per report, keyed by (agent, worktree). */
public final class JdbcGitStateRepository implements GitStateRepository {
    private final SqlExecutor executor;
    private final Clock clock;

    public JdbcGitStateRepository(SqlExecutor executor, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public GitState upsert(GitStateUpdate update) {
        Checks.notNull(update, "gitState");
        return executor.write(session -> {
            // Checked first so that a missing agent is NOT_FOUND rather than a foreign-key failure.
            if (!session.getMapper(AgentMapper.class).exists(update.agentId())) {
                throw new NotFoundException("agent", update.agentId());
            }
            GitStateMapper mapper = session.getMapper(GitStateMapper.class);
            mapper.upsert(update, clock.instant());
            return mapper.find(update.agentId(), update.worktreePath());
        });
    }

    @Override
    public Optional<GitState> find(String agentId, String worktreePath) {
        checkKey(agentId, worktreePath);
        return executor.read(session -> Optional.ofNullable(
                session.getMapper(GitStateMapper.class).find(agentId, worktreePath)));
    }

    @Override
    public List<GitState> listByAgent(String agentId) {
        Checks.id(agentId, "gitState.agentId");
        return executor.read(session -> List.copyOf(session.getMapper(GitStateMapper.class).listByAgent(agentId)));
    }

    @Override
    public List<GitState> listByBranch(String branch) {
        Checks.id(branch, "gitState.branch");
        return executor.read(session -> List.copyOf(session.getMapper(GitStateMapper.class).listByBranch(branch)));
    }

    @Override
    public boolean delete(String agentId, String worktreePath) {
        checkKey(agentId, worktreePath);
        return executor.write(session -> session.getMapper(GitStateMapper.class).delete(agentId, worktreePath) == 1);
    }

    private static void checkKey(String agentId, String worktreePath) {
        Checks.id(agentId, "gitState.agentId");
        Checks.notBlank(worktreePath, "gitState.worktreePath");
        Checks.maxLength(worktreePath, GitStateUpdate.MAX_PATH_LENGTH, "gitState.worktreePath");
    }
}
