package dev.agenthive.api.pullrequest;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: the pull requests. Every status change is one conditional update whose condition
 * is the set of {@link PullRequestStatus#allowedSources allowed source states}, so two concurrent
 * changes can never both succeed from the same state. Time ("now") is the store's clock.
 */
public interface PullRequestRepository {

    /**
     * Records a pull request as {@link PullRequestStatus#OPEN}.
     *
     * @throws dev.agenthive.api.error.ConflictException      {@code DUPLICATE}: the number is already recorded
     * @throws dev.agenthive.api.error.NotFoundException      the author agent is not registered
     * @throws dev.agenthive.api.error.InvalidInputException {@code pullRequest} is {@code null}
     */
    PullRequest open(NewPullRequest pullRequest);

    Optional<PullRequest> find(int number);

    /**
     * Moves the pull request to {@code status} if its current state is one of
     * {@link PullRequestStatus#allowedSources(PullRequestStatus)}: merging sets
     * {@link PullRequest#mergedAt()}, closing sets {@link PullRequest#closedAt()}, reopening clears it.
     *
     * @throws dev.agenthive.api.error.NotFoundException                 no such pull request
     * @throws dev.agenthive.api.error.InvalidStateTransitionException the current state does not allow it; nothing changed
     */
    PullRequest updateStatus(int number, PullRequestStatus status);

    List<PullRequest> list(PullRequestQuery query);
}
