package dev.agenthive.tck;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.error.NotFoundException;
import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateRepository;
import dev.agenthive.api.git.GitStateUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of {@link GitStateRepository}: one state per (agent, worktree), replaced as a whole by
 * every upsert, found by key, by agent and by branch, and deleted.
 */
@RequiresCapability(Capability.GIT_STATES)
public abstract sealed class GitStateRepositoryContract extends AbstractStoreContract permits HiveStoreTck.GitStates {

    /** A SHA-1 commit id made of one repeated hex digit. */
    protected static final String SHA1 = "a".repeat(40);
    /** A SHA-256 commit id. */
    protected static final String SHA256 = "0123456789abcdef".repeat(4);

    private GitStateRepository gitStates() {
        return store().gitStates();
    }

    private GitState upsert(String agentId, String worktree, String branch) {
        return gitStates().upsert(new GitStateUpdate(agentId, worktree, branch, SHA1, false, 0, 0));
    }

    @Test
    void upsertInsertsEveryField() {
        registerAgent("alice");
        Instant before = nowMillis();

        GitState state = gitStates().upsert(new GitStateUpdate("alice", "/work/alice", "feature/x", SHA256, true, 3, 2));
        Instant after = nowMillisCeiling();

        assertThat(state.agentId()).isEqualTo("alice");
        assertThat(state.worktreePath()).isEqualTo("/work/alice");
        assertThat(state.branch()).isEqualTo("feature/x");
        assertThat(state.headCommit()).isEqualTo(SHA256);
        assertThat(state.dirty()).isTrue();
        assertThat(state.ahead()).isEqualTo(3);
        assertThat(state.behind()).isEqualTo(2);
        assertThat(state.updatedAt()).isBetween(before, after);
        assertThat(gitStates().find("alice", "/work/alice")).contains(state);
    }

    @Test
    void upsertReplacesEveryFieldOfTheSameWorktree() {
        registerAgent("alice");
        GitState first = gitStates().upsert(new GitStateUpdate("alice", "/w", "main", SHA1, true, 5, 1));
        passTime(Duration.ofMillis(20));

        GitState second = gitStates().upsert(new GitStateUpdate("alice", "/w", null, SHA256, false, 0, 0));

        assertThat(second.branch()).as("detached HEAD").isNull();
        assertThat(second.headCommit()).isEqualTo(SHA256);
        assertThat(second.dirty()).isFalse();
        assertThat(second.ahead()).isZero();
        assertThat(second.behind()).isZero();
        assertThat(second.updatedAt()).isAfter(first.updatedAt());
        assertThat(gitStates().listByAgent("alice")).containsExactly(second);
    }

    @Test
    void upperCaseCommitIsKeptLowerCase() {
        registerAgent("alice");

        GitState state = gitStates().upsert(new GitStateUpdate("alice", "/w", "main", SHA256.toUpperCase(), false, 0, 0));

        assertThat(state.headCommit()).isEqualTo(SHA256);
    }

    @Test
    void findOfUnknownWorktreeIsEmpty() {
        registerAgent("alice");
        upsert("alice", "/w", "main");

        assertThat(gitStates().find("alice", "/other")).isEmpty();
        assertThat(gitStates().find("bob", "/w")).isEmpty();
    }

    @Test
    void upsertForAnUnregisteredAgentIsNotFoundAndStoresNothing() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> upsert("ghost", "/w", "main"));

        assertThat(e.entity()).isEqualTo("agent");
        assertThat(e.id()).isEqualTo("ghost");
        assertThat(gitStates().listByAgent("ghost")).isEmpty();
    }

    @Test
    void listByAgentIsOrderedByWorktreeAndOnlyThatAgents() {
        registerAgent("alice");
        registerAgent("bob");
        upsert("alice", "/w/c", "main");
        upsert("alice", "/w/a", "dev");
        upsert("bob", "/w/b", "main");
        upsert("alice", "/w/b", "main");

        assertThat(gitStates().listByAgent("alice")).extracting(GitState::worktreePath)
                .containsExactly("/w/a", "/w/b", "/w/c");
        assertThat(gitStates().listByAgent("bob")).extracting(GitState::worktreePath).containsExactly("/w/b");
        assertThat(gitStates().listByAgent("nobody")).isEmpty();
    }

    @Test
    void listByBranchIsOrderedByAgentThenWorktree() {
        registerAgent("alice");
        registerAgent("bob");
        upsert("bob", "/b/1", "main");
        upsert("alice", "/a/2", "main");
        upsert("alice", "/a/1", "main");
        upsert("alice", "/a/3", "feature");
        upsert("bob", "/b/2", null);

        assertThat(gitStates().listByBranch("main"))
                .extracting(state -> state.agentId() + ":" + state.worktreePath())
                .containsExactly("alice:/a/1", "alice:/a/2", "bob:/b/1");
        assertThat(gitStates().listByBranch("feature")).extracting(GitState::worktreePath).containsExactly("/a/3");
        assertThat(gitStates().listByBranch("Main")).as("branch names are case-sensitive").isEmpty();
    }

    @Test
    void movingAWorktreeToAnotherBranchMovesItBetweenBranchLists() {
        registerAgent("alice");
        upsert("alice", "/w", "main");

        upsert("alice", "/w", "feature");

        assertThat(gitStates().listByBranch("main")).isEmpty();
        assertThat(gitStates().listByBranch("feature")).extracting(GitState::worktreePath).containsExactly("/w");
    }

    @Test
    void deleteForgetsOnlyThatWorktree() {
        registerAgent("alice");
        upsert("alice", "/w/1", "main");
        GitState kept = upsert("alice", "/w/2", "main");

        assertThat(gitStates().delete("alice", "/w/1")).isTrue();
        assertThat(gitStates().delete("alice", "/w/1")).isFalse();
        assertThat(gitStates().delete("nobody", "/w/2")).isFalse();

        assertThat(gitStates().find("alice", "/w/1")).isEmpty();
        assertThat(gitStates().listByAgent("alice")).containsExactly(kept);
    }

    @Test
    void badArgumentsNameTheFieldAndChangeNothing() {
        registerAgent("alice");
        GitState existing = upsert("alice", "/w", "main");

        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().upsert(null)).field()).isEqualTo("gitState");
        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().find(" ", "/w")).field())
                .isEqualTo("gitState.agentId");
        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().find("alice", "")).field())
                .isEqualTo("gitState.worktreePath");
        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().listByAgent(null)).field())
                .isEqualTo("gitState.agentId");
        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().listByBranch("")).field())
                .isEqualTo("gitState.branch");
        assertThat(assertThrows(InvalidInputException.class, () -> gitStates().delete("alice", null)).field())
                .isEqualTo("gitState.worktreePath");

        assertThat(gitStates().listByAgent("alice")).containsExactly(existing);
    }
}
