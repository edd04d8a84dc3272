package dev.agenthive.tck;

import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestRepository;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link PullRequestRepository}: unique numbers, the author must be registered, the
 * transitions OPEN to MERGED, OPEN to CLOSED and CLOSED to OPEN with their times, everything else
 * refused without a change, and lists by status and author.
 */
@RequiresCapability(Capability.PULL_REQUESTS)
public abstract sealed class PullRequestRepositoryContract extends AbstractStoreContract permits HiveStoreTck.PullRequests {

    private PullRequestRepository pullRequests() {
        return store().pullRequests();
    }

    private PullRequest open(int number, String author) {
        return pullRequests().open(new NewPullRequest(number, author, "PR " + number, "feature/" + number, "main", null));
    }

    @Test
    void openRecordsEveryField() {
        registerAgent("alice");
        Instant before = nowMillis();

        PullRequest pr = pullRequests().open(new NewPullRequest(42, "alice", "Add the hive 🐝", "feature/hive", "main",
                "https://git.example.com/org/repo/pull/42"));
        Instant after = nowMillisCeiling();

        assertThat(pr.number()).isEqualTo(42);
        assertThat(pr.authorAgent()).isEqualTo("alice");
        assertThat(pr.title()).isEqualTo("Add the hive 🐝");
        assertThat(pr.sourceBranch()).isEqualTo("feature/hive");
        assertThat(pr.targetBranch()).isEqualTo("main");
        assertThat(pr.status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(pr.url()).isEqualTo("https://git.example.com/org/repo/pull/42");
        assertThat(pr.createdAt()).isBetween(before, after);
        assertThat(pr.updatedAt()).isEqualTo(pr.createdAt());
        assertThat(pr.mergedAt()).isNull();
        assertThat(pr.closedAt()).isNull();
        assertThat(pullRequests().find(42)).contains(pr);
    }

    @Test
    void findOfUnknownNumberIsEmpty() {
        assertThat(pullRequests().find(7)).isEmpty();
    }

    @Test
    void openingAnExistingNumberIsDuplicateAndKeepsTheFirst() {
        registerAgent("alice");
        registerAgent("bob");
        PullRequest first = open(1, "alice");

        ConflictException e = assertThrows(ConflictException.class, () -> pullRequests().open(
                new NewPullRequest(1, "bob", "other", "x", "y", null)));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(pullRequests().find(1)).contains(first);
    }

    @Test
    void openingByAnUnregisteredAuthorIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> open(1, "ghost"));

        assertThat(e.entity()).isEqualTo("agent");
        assertThat(e.id()).isEqualTo("ghost");
        assertThat(pullRequests().find(1)).isEmpty();
    }

    @Test
    void mergeSetsMergedAtAndIsFinal() {
        registerAgent("alice");
        PullRequest opened = open(1, "alice");
        passTime(Duration.ofMillis(20));

        PullRequest merged = pullRequests().updateStatus(1, PullRequestStatus.MERGED);

        assertThat(merged.status()).isEqualTo(PullRequestStatus.MERGED);
        assertThat(merged.mergedAt()).isAfter(opened.createdAt());
        assertThat(merged.updatedAt()).isEqualTo(merged.mergedAt());
        assertThat(merged.closedAt()).isNull();
        assertThat(merged.createdAt()).isEqualTo(opened.createdAt());
        for (PullRequestStatus target : PullRequestStatus.values()) {
            InvalidStateTransitionException e = assertThrows(InvalidStateTransitionException.class,
                    () -> pullRequests().updateStatus(1, target));
            assertThat(e.from()).isEqualTo("merged");
            assertThat(e.to()).isEqualTo(target.dbValue());
        }
        assertThat(pullRequests().find(1)).contains(merged);
    }

    @Test
    void closeThenReopenThenMerge() {
        registerAgent("alice");
        open(1, "alice");

        PullRequest closed = pullRequests().updateStatus(1, PullRequestStatus.CLOSED);
        assertThat(closed.status()).isEqualTo(PullRequestStatus.CLOSED);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.mergedAt()).isNull();

        PullRequest reopened = pullRequests().updateStatus(1, PullRequestStatus.OPEN);
        assertThat(reopened.status()).isEqualTo(PullRequestStatus.OPEN);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.mergedAt()).isNull();

        PullRequest merged = pullRequests().updateStatus(1, PullRequestStatus.MERGED);
        assertThat(merged.status()).isEqualTo(PullRequestStatus.MERGED);
        assertThat(merged.mergedAt()).isNotNull();
        assertThat(merged.closedAt()).isNull();
    }

    @Test
    void refusedTransitionsChangeNothing() {
        registerAgent("alice");
        PullRequest opened = open(1, "alice");
        open(2, "alice");
        PullRequest closed = pullRequests().updateStatus(2, PullRequestStatus.CLOSED);

        InvalidStateTransitionException openToOpen = assertThrows(InvalidStateTransitionException.class,
                () -> pullRequests().updateStatus(1, PullRequestStatus.OPEN));
        InvalidStateTransitionException closedToMerged = assertThrows(InvalidStateTransitionException.class,
                () -> pullRequests().updateStatus(2, PullRequestStatus.MERGED));
        InvalidStateTransitionException closedToClosed = assertThrows(InvalidStateTransitionException.class,
                () -> pullRequests().updateStatus(2, PullRequestStatus.CLOSED));

        assertThat(openToOpen.entity()).isEqualTo("pull request");
        assertThat(openToOpen.id()).isEqualTo("1");
        assertThat(openToOpen.code()).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION);
        assertThat(closedToMerged.from()).isEqualTo("closed");
        assertThat(closedToMerged.to()).isEqualTo("merged");
        assertThat(closedToClosed.from()).isEqualTo("closed");
        assertThat(pullRequests().find(1)).contains(opened);
        assertThat(pullRequests().find(2)).contains(closed);
    }

    @Test
    void transitionOfUnknownNumberIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> pullRequests().updateStatus(99, PullRequestStatus.MERGED));

        assertThat(e.entity()).isEqualTo("pull request");
        assertThat(e.id()).isEqualTo("99");
    }

    @Test
    void concurrentMergeAndCloseLetExactlyOneWin() throws Exception {
        registerAgent("alice");
        int rounds = 20;
        for (int number = 1; number <= rounds; number++) {
            open(number, "alice");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int number = 1; number <= rounds; number++) {
                int pr = number;
                CountDownLatch start = new CountDownLatch(1);
                Callable<PullRequestStatus> merge = () -> attempt(start, pr, PullRequestStatus.MERGED);
                Callable<PullRequestStatus> close = () -> attempt(start, pr, PullRequestStatus.CLOSED);
                Future<PullRequestStatus> merged = pool.submit(merge);
                Future<PullRequestStatus> closed = pool.submit(close);
                start.countDown();
                List<PullRequestStatus> winners = new ArrayList<>();
                for (Future<PullRequestStatus> outcome : List.of(merged, closed)) {
                    PullRequestStatus won = outcome.get(1, TimeUnit.MINUTES);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).as("winners of PR %d", pr).hasSize(1);
                assertThat(pullRequests().find(pr).orElseThrow().status()).isEqualTo(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private PullRequestStatus attempt(CountDownLatch start, int number, PullRequestStatus target) throws InterruptedException {
        start.await();
        try {
            return pullRequests().updateStatus(number, target).status();
        } catch (InvalidStateTransitionException refused) {
            return null;
        }
    }

    @Test
    void listFiltersByStatusAndAuthorInNumberOrder() {
        registerAgent("alice");
        registerAgent("bob");
        open(30, "alice");
        open(10, "bob");
        open(20, "alice");
        open(40, "bob");
        pullRequests().updateStatus(20, PullRequestStatus.MERGED);
        pullRequests().updateStatus(40, PullRequestStatus.CLOSED);

        assertThat(numbers(pullRequests().list(PullRequestQuery.byStatus(PullRequestStatus.OPEN)))).containsExactly(10, 30);
        assertThat(numbers(pullRequests().list(PullRequestQuery.byStatus(PullRequestStatus.MERGED)))).containsExactly(20);
        assertThat(numbers(pullRequests().list(PullRequestQuery.byStatus(PullRequestStatus.CLOSED)))).containsExactly(40);
        assertThat(numbers(pullRequests().list(PullRequestQuery.byAuthor("alice")))).containsExactly(20, 30);
        assertThat(numbers(pullRequests().list(new PullRequestQuery(PullRequestStatus.OPEN, "bob", 100)))).containsExactly(10);
        assertThat(numbers(pullRequests().list(new PullRequestQuery(null, null, 3)))).containsExactly(10, 20, 30);
        assertThat(pullRequests().list(PullRequestQuery.byAuthor("nobody"))).isEmpty();
    }

    @Test
    void badArgumentsNameTheField() {
        registerAgent("alice");
        PullRequest opened = open(1, "alice");

        assertThat(assertThrows(InvalidInputException.class, () -> pullRequests().open(null)).field()).isEqualTo("pullRequest");
        assertThat(assertThrows(InvalidInputException.class, () -> pullRequests().find(0)).field()).isEqualTo("pullRequest.number");
        assertThat(assertThrows(InvalidInputException.class, () -> pullRequests().updateStatus(-1, PullRequestStatus.MERGED))
                .field()).isEqualTo("pullRequest.number");
        assertThat(assertThrows(InvalidInputException.class, () -> pullRequests().updateStatus(1, null)).field())
                .isEqualTo("pullRequest.status");
        assertThat(assertThrows(InvalidInputException.class, () -> pullRequests().list(null)).field())
                .isEqualTo("pullRequestQuery");

        assertThat(pullRequests().find(1)).contains(opened);
    }

    private static List<Integer> numbers(List<PullRequest> pullRequests) {
        return pullRequests.stream().map(PullRequest::number).toList();
    }
}
