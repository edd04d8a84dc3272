package dev.agenthive.api.service;

import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;

import java.util.List;
import java.util.Optional;

/**
 * Use cases of pull requests. Every change of state records an event ({@code pull_request.opened},
 * {@code .merged}, {@code .closed}, {@code .reopened}) in the same transaction.
 */
public interface PullRequestService {

    /**
     * Records a newly opened pull request.
     *
     * @throws dev.agenthive.api.error.ConflictException {@code DUPLICATE}: the number is already recorded
     * @throws dev.agenthive.api.error.NotFoundException the author agent is not registered
     */
    PullRequest open(NewPullRequest pullRequest);

    Optional<PullRequest> find(int number);

    /** @throws dev.agenthive.api.error.NotFoundException no such pull request */
    PullRequest get(int number);

    /**
     * OPEN to MERGED, for good.
     *
     * @throws dev.agenthive.api.error.InvalidStateTransitionException it is not open
     */
    PullRequest merge(int number);

    /**
     * OPEN to CLOSED.
     *
     * @throws dev.agenthive.api.error.InvalidStateTransitionException it is not open
     */
    PullRequest close(int number);

    /**
     * CLOSED to OPEN.
     *
     * @throws dev.agenthive.api.error.InvalidStateTransitionException it is not closed
     */
    PullRequest reopen(int number);

    List<PullRequest> list(PullRequestQuery query);
}
