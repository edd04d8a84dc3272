package dev.agenthive.store.jdbc;

import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.checkpoint.CheckpointRepository;
import dev.agenthive.api.configuration.ConfigurationRepository;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.git.GitStateRepository;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.metric.MetricRepository;
import dev.agenthive.api.project.ProjectRepository;
import dev.agenthive.api.pullrequest.PullRequestRepository;
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.store.HiveStore;
import dev.agenthive.api.task.TaskRepository;

/**
 * The repository accessors of {@link HiveStore}, shared by the store itself and by the view a
 * transaction's work gets, so that both always expose the same aggregates.
 */
abstract class RepositoryView implements HiveStore {
    private final Repositories repositories;

    RepositoryView(Repositories repositories) {
        this.repositories = repositories;
    }

    final Repositories repositories() {
        return repositories;
    }

    @Override
    public final AgentRepository agents() {
        return repositories.agents();
    }

    @Override
    public final TaskRepository tasks() {
        return repositories.tasks();
    }

    @Override
    public final MessageRepository messages() {
        return repositories.messages();
    }

    @Override
    public final EventRepository events() {
        return repositories.events();
    }

    @Override
    public final SharedMemoryRepository sharedMemory() {
        return repositories.sharedMemory();
    }

    @Override
    public final ProjectRepository projects() {
        return repositories.projects();
    }

    @Override
    public final MetricRepository metrics() {
        return repositories.metrics();
    }

    @Override
    public final CheckpointRepository checkpoints() {
        return repositories.checkpoints();
    }

    @Override
    public final GitStateRepository gitStates() {
        return repositories.gitStates();
    }

    @Override
    public final PullRequestRepository pullRequests() {
        return repositories.pullRequests();
    }

    @Override
    public final ConfigurationRepository configurations() {
        return repositories.configurations();
    }

    @Override
    public final ContextSessionRepository sessions() {
        return repositories.sessions();
    }

    @Override
    public final MemorySnapshotRepository snapshots() {
        return repositories.snapshots();
    }
}
