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
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.store.jdbc.agent.JdbcAgentRepository;
import dev.agenthive.store.jdbc.checkpoint.JdbcCheckpointRepository;
import dev.agenthive.api.pullrequest.PullRequestRepository;
import dev.agenthive.store.jdbc.configuration.JdbcConfigurationRepository;
import dev.agenthive.store.jdbc.content.LargeContents;
import dev.agenthive.store.jdbc.event.EventPositions;
import dev.agenthive.store.jdbc.event.JdbcEventRepository;
import dev.agenthive.store.jdbc.git.JdbcGitStateRepository;
import dev.agenthive.store.jdbc.memory.JdbcSharedMemoryRepository;
import dev.agenthive.store.jdbc.message.JdbcMessageRepository;
import dev.agenthive.store.jdbc.metric.JdbcMetricRepository;
import dev.agenthive.store.jdbc.project.JdbcProjectRepository;
import dev.agenthive.store.jdbc.pullrequest.JdbcPullRequestRepository;
import dev.agenthive.store.jdbc.session.JdbcContextSessionRepository;
import dev.agenthive.store.jdbc.snapshot.JdbcMemorySnapshotRepository;
import dev.agenthive.store.jdbc.task.JdbcTaskRepository;

import java.time.Clock;

/**
 * Every repository of a store, over one executor: the store's own (each call its own transaction)
 * or a transaction's (each call a savepoint of it). A new aggregate is one more component here and
 * one more accessor in {@link RepositoryView}.
 */
record Repositories(
        Clock clock,
        ContainmentFilter containment,
        EventPositions eventPositions,
        LargeContents largeContents,
        JsonValidator jsonValidator,
        AgentRepository agents,
        TaskRepository tasks,
        MessageRepository messages,
        EventRepository events,
        SharedMemoryRepository sharedMemory,
        ProjectRepository projects,
        MetricRepository metrics,
        CheckpointRepository checkpoints,
        GitStateRepository gitStates,
        PullRequestRepository pullRequests,
        ConfigurationRepository configurations,
        ContextSessionRepository sessions,
        MemorySnapshotRepository snapshots) {

    Repositories(SqlExecutor executor, Clock clock, ContainmentFilter containment, EventPositions eventPositions,
                 LargeContents largeContents, JsonValidator json) {
        this(clock, containment, eventPositions, largeContents, json,
                new JdbcAgentRepository(executor, clock, containment, json),
                new JdbcTaskRepository(executor, clock, largeContents, json),
                new JdbcMessageRepository(executor, clock, largeContents, json),
                new JdbcEventRepository(executor, containment, eventPositions, json),
                new JdbcSharedMemoryRepository(executor, clock, containment, json),
                new JdbcProjectRepository(executor, clock, json),
                new JdbcMetricRepository(executor, json),
                new JdbcCheckpointRepository(executor, clock, json),
                new JdbcGitStateRepository(executor, clock),
                new JdbcPullRequestRepository(executor, clock),
                new JdbcConfigurationRepository(executor, clock, json),
                new JdbcContextSessionRepository(executor, clock),
                new JdbcMemorySnapshotRepository(executor, clock, largeContents, json));
    }
}
