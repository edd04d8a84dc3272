package dev.agenthive.api.service;

import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateUpdate;

import java.util.List;
import java.util.Optional;

/** Use cases of the agents' git worktree state. */
public interface GitService {

    /**
     * Records the current git state of an agent's worktree, replacing the previous one.
     *
     * @throws dev.agenthive.api.error.NotFoundException the agent is not registered
     */
    GitState report(GitStateUpdate update);

    Optional<GitState> find(String agentId, String worktreePath);

    /** Every worktree state of the agent, ordered by worktree path. */
    List<GitState> forAgent(String agentId);

    /** Every worktree on the branch, ordered by agent, then worktree path. */
    List<GitState> onBranch(String branch);

    /** Forgets a removed worktree. @return {@code true} if a state was deleted */
    boolean remove(String agentId, String worktreePath);
}
