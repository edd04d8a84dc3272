package dev.agenthive.core;

import dev.agenthive.api.Checks;
import dev.agenthive.api.git.GitState;
import dev.agenthive.api.git.GitStateUpdate;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.store.HiveStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link GitService} over a {@link HiveStore}. */
final class DefaultGitService implements GitService {
    private final HiveStore store;

    DefaultGitService(HiveStore store) {
        this.store = Objects.requireNonNull(store, "store is null");
    }

    @Override
    public GitState report(GitStateUpdate update) {
        return store.gitStates().upsert(Checks.notNull(update, "gitState"));
    }

    @Override
    public Optional<GitState> find(String agentId, String worktreePath) {
        return store.gitStates().find(Checks.id(agentId, "gitState.agentId"),
                Checks.notBlank(worktreePath, "gitState.worktreePath"));
    }

    @Override
    public List<GitState> forAgent(String agentId) {
        return store.gitStates().listByAgent(Checks.id(agentId, "gitState.agentId"));
    }

    @Override
    public List<GitState> onBranch(String branch) {
        return store.gitStates().listByBranch(Checks.id(branch, "gitState.branch"));
    }

    @Override
    public boolean remove(String agentId, String worktreePath) {
        return store.gitStates().delete(Checks.id(agentId, "gitState.agentId"),
                Checks.notBlank(worktreePath, "gitState.worktreePath"));
    }
}
