package dev.agenthive.core;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.error.ConflictException;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.InvalidStateTransitionException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.pullrequest.NewPullRequest;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pull requests and git state through the hive's services: every PR change is logged with it, atomically. */
class HivePullRequestTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    @Test
    void everyChangeOfAPullRequestRecordsOneEvent() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));

            hive.pullRequests().open(new NewPullRequest(5, "alice", "Add hive", "feature/hive", "main",
                    "https://git.example.com/pr/5"));
            hive.pullRequests().close(5);
            hive.pullRequests().reopen(5);
            PullRequest merged = hive.pullRequests().merge(5);

            assertThat(merged.status()).isEqualTo(PullRequestStatus.MERGED);
            List<Event> logged = hive.events().query(new EventQuery(null, null, null, "pull-request:5", null, null, null, 100)).events();
            assertThat(logged).extracting(Event::type).containsExactly("pull_request.opened", "pull_request.closed",
                    "pull_request.reopened", "pull_request.merged");
            assertThat(logged).allSatisfy(event -> {
                assertThat(event.agentId()).isEqualTo("alice");
                assertThat(event.details().text()).isEqualTo("{\"number\":5,\"title\":\"Add hive\","
                        + "\"sourceBranch\":\"feature/hive\",\"targetBranch\":\"main\",\"url\":\"https://git.example.com/pr/5\"}");
            });
        }
    }

    @Test
    void aRefusedChangeRecordsNoEventAndChangesNothing() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            PullRequest merged = hive.pullRequests().open(new NewPullRequest(1, "alice", "t", "x", "main", null));
            merged = hive.pullRequests().merge(merged.number());
            long eventsBefore = hive.events().query(EventQuery.all(100)).events().size();

            assertThatThrownBy(() -> hive.pullRequests().reopen(1)).isInstanceOf(InvalidStateTransitionException.class);
            assertThatThrownBy(() -> hive.pullRequests().close(1)).isInstanceOf(InvalidStateTransitionException.class);
            assertThatThrownBy(() -> hive.pullRequests().open(new NewPullRequest(1, "alice", "again", "y", "main", null)))
                    .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE));
            assertThatThrownBy(() -> hive.pullRequests().get(2)).isInstanceOf(NotFoundException.class);

            assertThat(hive.pullRequests().get(1)).isEqualTo(merged);
            assertThat(hive.events().query(EventQuery.all(100)).events()).hasSize((int) eventsBefore);
            assertThat(hive.pullRequests().list(PullRequestQuery.byStatus(PullRequestStatus.OPEN))).isEmpty();
        }
    }

    @Test
    void gitStateIsReportedPerWorktreeAndFoundByBranch() {
        try (Hive hive = Hive.open(TestHives.config(dir).build())) {
            hive.agents().register(AgentRegistration.of("alice", "coder", Set.of()));
            hive.git().report(new GitStateUpdate("alice", "/w/1", "main", COMMIT, false, 0, 0));
            GitState second = hive.git().report(new GitStateUpdate("alice", "/w/2", "feature", COMMIT, true, 2, 0));

            assertThat(hive.git().forAgent("alice")).extracting(GitState::worktreePath).containsExactly("/w/1", "/w/2");
            assertThat(hive.git().onBranch("feature")).containsExactly(second);
            assertThat(hive.git().find("alice", "/w/2")).contains(second);
            assertThat(hive.git().remove("alice", "/w/1")).isTrue();
            assertThat(hive.git().forAgent("alice")).containsExactly(second);
            assertThatThrownBy(() -> hive.git().report(new GitStateUpdate("ghost", "/w", "main", COMMIT, false, 0, 0)))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
