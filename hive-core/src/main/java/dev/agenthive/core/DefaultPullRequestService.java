package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.core.json.JsonCodec;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PullRequestService} over a {@link HiveStore}. Each change and the event recording it are
 * written in one transaction, so the log never shows a change that did not happen, nor misses one.
 */
final class DefaultPullRequestService implements PullRequestService {
    private final HiveStore store;
    private final SystemEvents events;

    /** Wires the service; event ids and times come from {@code ids} and {@code clock}. */
    DefaultPullRequestService(HiveStore store, JsonCodec codec, IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.events = new SystemEvents(Objects.requireNonNull(ids, "ids is null"),
                Objects.requireNonNull(clock, "clock is null"), Objects.requireNonNull(codec, "codec is null"));
    }

    @Override
    public PullRequest open(NewPullRequest pullRequest) {
        Checks.notNull(pullRequest, "pullRequest");
        return store.inTransaction(tx -> record(tx, tx.pullRequests().open(pullRequest), SystemEvents.PULL_REQUEST_OPENED));
    }

    @Override
    public Optional<PullRequest> find(int number) {
        return store.pullRequests().find(Checks.positive(number, "pullRequest.number"));
    }

    @Override
    public PullRequest get(int number) {
        return find(number).orElseThrow(() -> new NotFoundException("pull request", String.valueOf(number)));
    }

    @Override
    public PullRequest merge(int number) {
        return change(number, PullRequestStatus.MERGED, SystemEvents.PULL_REQUEST_MERGED);
    }

    @Override
    public PullRequest close(int number) {
        return change(number, PullRequestStatus.CLOSED, SystemEvents.PULL_REQUEST_CLOSED);
    }

    @Override
    public PullRequest reopen(int number) {
        return change(number, PullRequestStatus.OPEN, SystemEvents.PULL_REQUEST_REOPENED);
    }

    @Override
    public List<PullRequest> list(PullRequestQuery query) {
        return store.pullRequests().list(Checks.notNull(query, "pullRequestQuery"));
    }

    private PullRequest change(int number, PullRequestStatus status, String eventType) {
        Checks.positive(number, "pullRequest.number");
        return store.inTransaction(tx -> record(tx, tx.pullRequests().updateStatus(number, status), eventType));
    }

    private PullRequest record(HiveStore tx, PullRequest pullRequest, String eventType) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", pullRequest.number());
        details.put("title", pullRequest.title());
        details.put("sourceBranch", pullRequest.sourceBranch());
        details.put("targetBranch", pullRequest.targetBranch());
        details.put("url", pullRequest.url());
        tx.events().append(List.of(events.create(eventType, Severity.INFO, pullRequest.authorAgent(),
                "pull-request:" + pullRequest.number(), details)));
        return pullRequest;
    }
}
