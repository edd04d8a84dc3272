package dev.agenthive.api.pullrequest;

import java.time.Instant;
import java.util.Objects;

/**
 * A pull request as stored.
 *
 * @param number       the number at its host, unique
 * @param authorAgent  the agent that opened it
 * @param title        its title
 * @param sourceBranch the branch to merge
 * @param targetBranch the branch to merge into
 * @param status       its state
 * @param url          its web address, or {@code null}
 * @param createdAt    when it was recorded as opened
 * @param updatedAt    last change
 * @param mergedAt     when it was merged, or {@code null} unless {@link PullRequestStatus#MERGED}
 * @param closedAt     when it was closed without merging, or {@code null} unless {@link PullRequestStatus#CLOSED}
 */
public record PullRequest(
        int number,
        String authorAgent,
        String title,
        String sourceBranch,
        String targetBranch,
        PullRequestStatus status,
        String url,
        Instant createdAt,
        Instant updatedAt,
        Instant mergedAt,
        Instant closedAt) {

    public PullRequest {
        Objects.requireNonNull(authorAgent, "authorAgent is null");
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(sourceBranch, "sourceBranch is null");
        Objects.requireNonNull(targetBranch, "targetBranch is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }
}
