package dev.agenthive.api.pullrequest;

import dev.agenthive.api.Checks;

/**
 * Filter for listing pull requests; {@code null} fields do not filter. Ordered by number.
 *
 * @param status      only pull requests in this state
 * @param authorAgent only pull requests opened by this agent
 * @param limit       1..10,000
 */
public record PullRequestQuery(PullRequestStatus status, String authorAgent, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public PullRequestQuery {
        Checks.optionalId(authorAgent, "pullRequestQuery.authorAgent");
        Checks.between(limit, 1, MAX_LIMIT, "pullRequestQuery.limit");
    }

    /** Every pull request in this state, up to {@link #MAX_LIMIT}. */
    public static PullRequestQuery byStatus(PullRequestStatus status) {
        return new PullRequestQuery(status, null, MAX_LIMIT);
    }

    /** Every pull request of this author, up to {@link #MAX_LIMIT}. */
    public static PullRequestQuery byAuthor(String authorAgent) {
        return new PullRequestQuery(null, authorAgent, MAX_LIMIT);
    }
}
