package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hive status}: what the store holds, as readable tables. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the store location, agents and tasks by status, the inbox backlog, events by severity,"
                + " active projects with their progress and failing checkpoints.")
final class StatusCommand implements Callable<Integer> {
    /** Most active projects and failing checkpoints listed; a terminal shows no more usefully. */
    private static final int STATUS_ROWS = 50;

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (Hive opened = hive.open(false)) {
            StoreHealth health = opened.health();
            Map<AgentStatus, Long> agents = opened.agents().countByStatus();
            Map<TaskStatus, Long> tasks = opened.tasks().countByStatus();
            long backlog = opened.messages().countPending(null);
            Map<Severity, Long> events = opened.events().countBySeverity();

            PrintWriter out = spec.commandLine().getOut();
            out.println("store  " + opened.location() + "  (" + (health.healthy() ? "healthy" : "UNHEALTHY") + ")");
            out.println();
            TextTable agentTable = new TextTable("agents", "count");
            for (AgentStatus status : AgentStatus.values()) {
                agentTable.row(status.dbValue(), agents.getOrDefault(status, 0L));
            }
            print(out, agentTable);
            TextTable taskTable = new TextTable("tasks", "count");
            for (TaskStatus status : TaskStatus.values()) {
                taskTable.row(status.dbValue(), tasks.getOrDefault(status, 0L));
            }
            print(out, taskTable);
            print(out, new TextTable("messages", "count").row("pending (inbox backlog)", backlog));
            TextTable eventTable = new TextTable("events", "count");
            for (Severity severity : Severity.values()) {
                eventTable.row(severity.dbValue(), events.getOrDefault(severity, 0L));
            }
            print(out, eventTable);
            printProjects(out, opened);
            out.flush();
            if (!health.healthy()) {
                throw new StorageUnavailableException("the store is not healthy: " + health.details(), null);
            }
        }
        return 0;
    }

    /** Projects and epics with their progress, then the failing checkpoints. */
    private static void printProjects(PrintWriter out, Hive opened) {
        TextTable projectTable = new TextTable("active projects", "kind", "completed/total", "percent");
        for (Project project : opened.projects().list(new ProjectQuery(null, ProjectStatus.ACTIVE, null, STATUS_ROWS))) {
            ProjectProgress progress = opened.projects().progress(project.id());
            projectTable.row(project.name(), project.kind().dbValue(), progress.completed() + "/" + progress.total(),
                    String.format(Locale.ROOT, "%.1f%%", progress.percentComplete()));
        }
        print(out, projectTable);
        TextTable checkpointTable = new TextTable("failing checkpoints", "kind", "project", "evaluated at");
        for (Checkpoint checkpoint : opened.checkpoints().failing(STATUS_ROWS)) {
            String project = opened.projects().find(checkpoint.projectId()).map(Project::name).orElse(checkpoint.projectId());
            checkpointTable.row(checkpoint.name(), checkpoint.kind().dbValue(), project, checkpoint.evaluatedAt());
        }
        print(out, checkpointTable);
    }

    private static void print(PrintWriter out, TextTable table) {
        table.render("  ").forEach(out::println);
        out.println();
    }
}
