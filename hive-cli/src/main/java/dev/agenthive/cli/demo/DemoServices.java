package dev.agenthive.cli.demo;

import dev.agenthive.api.service.AgentService;
import dev.agenthive.api.service.CheckpointService;
import dev.agenthive.api.service.EventService;
import dev.agenthive.api.service.GitService;
import dev.agenthive.api.service.MemoryService;
import dev.agenthive.api.service.MessageService;
import dev.agenthive.api.service.MetricService;
import dev.agenthive.api.service.ProjectService;
import dev.agenthive.api.service.PullRequestService;
import dev.agenthive.api.service.SessionService;
import dev.agenthive.api.service.SharedMemoryService;
import dev.agenthive.api.service.TaskService;

import java.util.Objects;

/**
 * The platform services the demo drives. Taking the api interfaces rather than the core facade
 * keeps the demo a plain client of the public API.
 */
public record DemoServices(
        AgentService agents,
        TaskService tasks,
        MessageService messages,
        EventService events,
        SharedMemoryService memory,
        ProjectService projects,
        MetricService metrics,
        CheckpointService checkpoints,
        SessionService sessions,
        MemoryService snapshots,
        GitService git,
        PullRequestService pullRequests) {

    public DemoServices {
        Objects.requireNonNull(agents, "agents is null");
        Objects.requireNonNull(tasks, "tasks is null");
        Objects.requireNonNull(messages, "messages is null");
        Objects.requireNonNull(events, "events is null");
        Objects.requireNonNull(memory, "memory is null");
        Objects.requireNonNull(projects, "projects is null");
        Objects.requireNonNull(metrics, "metrics is null");
        Objects.requireNonNull(checkpoints, "checkpoints is null");
        Objects.requireNonNull(sessions, "sessions is null");
        Objects.requireNonNull(snapshots, "snapshots is null");
        Objects.requireNonNull(git, "git is null");
        Objects.requireNonNull(pullRequests, "pullRequests is null");
    }
}
