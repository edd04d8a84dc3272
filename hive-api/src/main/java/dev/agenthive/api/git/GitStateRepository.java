package dev.agenthive.api.git;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: the git state of the agents' worktrees, one row per {@code (agentId, worktreePath)}.
 * Time ("now") is the store's clock.
 */
public interface GitStateRepository {

    /**
     * Inserts the state of the worktree, or replaces every field of the one recorded before; either
     * way {@link GitState#updatedAt()} becomes now.
     *
     * @throws dev.agenthive.api.error.NotFoundException     the agent is not registered
     * @throws dev.agenthive.api.error.InvalidInputException {@code update} is {@code null}
     */
    GitState upsert(GitStateUpdate update);

    /** The recorded state of the agent's worktree, if any. */
    Optional<GitState> find(String agentId, String worktreePath);

    /** Every worktree state of the agent, ordered by worktree path; empty for an unknown agent. */
    List<GitState> listByAgent(String agentId);

    /** Every worktree state on the branch, ordered by agent, then worktree path. */
    List<GitState> listByBranch(String branch);

    /**
     * Forgets the state of a worktree, e.g. after it was removed.
     *
     * @return {@code true} if a state was deleted
     */
    boolean delete(String agentId, String worktreePath);
}
