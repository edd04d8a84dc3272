package dev.agenthive.api.git;

import java.time.Instant;
import java.util.Objects;

/**
 * The last recorded git state of one worktree of an agent.
 *
 * @param agentId      the agent owning the worktree
 * @param worktreePath the worktree
 * @param branch       the checked-out branch, or {@code null} for a detached HEAD
 * @param headCommit   the commit at HEAD, lower-case hexadecimal
 * @param dirty        the worktree had uncommitted changes
 * @param ahead        commits on the branch not on its upstream
 * @param behind       commits on the upstream not on the branch
 * @param updatedAt    when this state was recorded, by the store's clock
 */
public record GitState(
        String agentId,
        String worktreePath,
        String branch,
        String headCommit,
        boolean dirty,
        int ahead,
        int behind,
        Instant updatedAt) {

    public GitState {
        Objects.requireNonNull(agentId, "agentId is null");
        Objects.requireNonNull(worktreePath, "worktreePath is null");
        Objects.requireNonNull(headCommit, "headCommit is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
