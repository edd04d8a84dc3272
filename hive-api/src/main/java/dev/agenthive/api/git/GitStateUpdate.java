package dev.agenthive.api.git;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.InvalidInputException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Command to record the git state of one worktree of an agent; the state of the same
 * {@code (agentId, worktreePath)} is replaced as a whole.
 *
 * @param agentId      the agent owning the worktree; it must be registered
 * @param worktreePath the worktree, at most 4,096 characters
 * @param branch       the checked-out branch, or {@code null} for a detached HEAD
 * @param headCommit   the commit at HEAD: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits, kept lower-case
 * @param dirty        the worktree has uncommitted changes
 * @param ahead        commits on the branch not on its upstream, at least 0
 * @param behind       commits on the upstream not on the branch, at least 0
 */
public record GitStateUpdate(
        String agentId,
        String worktreePath,
        String branch,
        String headCommit,
        boolean dirty,
        int ahead,
        int behind) {

    /** Longest worktree path accepted, as for an agent's own worktree. */
    public static final int MAX_PATH_LENGTH = 4096;

    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");

    public GitStateUpdate {
        Checks.id(agentId, "gitState.agentId");
        Checks.notBlank(worktreePath, "gitState.worktreePath");
        Checks.text(Checks.maxLength(worktreePath, MAX_PATH_LENGTH, "gitState.worktreePath"), "gitState.worktreePath");
        Checks.optionalId(branch, "gitState.branch");
        Checks.notNull(headCommit, "gitState.headCommit");
        if (!COMMIT.matcher(headCommit).matches()) {
            throw new InvalidInputException("gitState.headCommit",
                    "must be 40 or 64 hexadecimal digits, was '" + headCommit + "'");
        }
        headCommit = headCommit.toLowerCase(Locale.ROOT);
        notNegative(ahead, "gitState.ahead");
        notNegative(behind, "gitState.behind");
    }

    private static void notNegative(int value, String field) {
        if (value < 0) {
            throw new InvalidInputException(field, "must not be negative, was " + value);
        }
    }
}
