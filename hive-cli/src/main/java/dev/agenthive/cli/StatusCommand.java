package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.checkpoint.Checkpoint;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.health.ComponentHealth;
import dev.agenthive.api.health.HealthStatus;
import dev.agenthive.api.pullrequest.PullRequest;
import dev.agenthive.api.pullrequest.PullRequestQuery;
import dev.agenthive.api.pullrequest.PullRequestStatus;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.project.Project;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.project.ProjectQuery;
import dev.agenthive.api.project.ProjectStatus;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import dev.agenthive.core.alert.ActiveAlert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hive status}: what the store holds, as readable tables. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the store location, the active alerts, agents and tasks by status, the inbox backlog,"
                + " events by severity, active projects with their progress, failing checkpoints and open pull requests.")
final class StatusCommand implements Callable<Integer> {
    /** Most rows of a list (projects, checkpoints, pull requests) shown; a terminal shows no more usefully. */
    private static final int STATUS_ROWS = 50;
    /** Longer titles are cut so that a row fits a terminal line. */
    private static final int MAX_TITLE_WIDTH = 60;

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (Hive opened = hive.open(false)) {
            ComponentHealth health = opened.health().store();
            List<ActiveAlert> alerts = opened.activeAlerts();
            Map<AgentStatus, Long> agents = opened.agents().countByStatus();
            Map<TaskStatus, Long> tasks = opened.tasks().countByStatus();
            long backlog = opened.messages().countPending(null);
            Map<Severity, Long> events = opened.events().countBySeverity();
            List<PullRequest> openPullRequests = opened.pullRequests().list(
                    new PullRequestQuery(PullRequestStatus.OPEN, null, STATUS_ROWS + 1));

            PrintWriter out = spec.commandLine().getOut();
            boolean healthy = health.status() == HealthStatus.UP;
            out.println("store  " + opened.location() + "  (" + (healthy ? "healthy" : "UNHEALTHY") + ")");
            out.println(CacheReport.state(opened));
            out.println();
            printAlerts(out, alerts);
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
            printPullRequests(out, openPullRequests);
            printSessions(out, opened.sessions().listActive(STATUS_ROWS + 1));
            CacheReport.lines(opened).forEach(out::println);
            out.flush();
            if (!healthy) {
                throw new StorageUnavailableException("the store is not healthy: " + health.lastError(), null);
            }
        }
        return 0;
    }

    /** The raised alerts, oldest first, with the value maintenance last read and the threshold it crossed. */
    private static void printAlerts(PrintWriter out, List<ActiveAlert> alerts) {
        if (alerts.isEmpty()) {
            out.println("  active alerts: none");
            out.println();
            return;
        }
        TextTable table = TextTable.ofTexts("active alerts", "severity", "since", "value", "threshold", "source");
        alerts.stream().sorted(Comparator.comparing(ActiveAlert::since)).forEach(alert -> table.row(alert.name(),
                alert.severity().dbValue(), alert.since(), number(alert.value()), number(alert.threshold()),
                alert.source()));
        print(out, table);
    }

    /** A whole number without a fraction ({@code 10}, not {@code 10.0}). */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
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

    private static void printPullRequests(PrintWriter out, List<PullRequest> open) {
        if (open.isEmpty()) {
            out.println("  open pull requests: none");
            out.println();
            return;
        }
        TextTable table = TextTable.ofTexts("open pull requests", "title", "author", "source -> target");
        for (PullRequest pr : open.subList(0, Math.min(open.size(), STATUS_ROWS))) {
            table.row("#" + pr.number(), shorten(pr.title()), pr.authorAgent(), pr.sourceBranch() + " -> " + pr.targetBranch());
        }
        print(out, table);
        if (open.size() > STATUS_ROWS) {
            out.println("  (only the first " + STATUS_ROWS + " open pull requests are shown)");
            out.println();
        }
    }

    private static String shorten(String title) {
        return title.length() <= MAX_TITLE_WIDTH ? title : title.substring(0, MAX_TITLE_WIDTH - 1) + "…";
    }

    private static void printSessions(PrintWriter out, List<ContextSession> active) {
        TextTable sessionTable = new TextTable("active sessions (agent)", "tokens", "max tokens", "usage %", "level");
        for (ContextSession session : active.subList(0, Math.min(active.size(), STATUS_ROWS))) {
            sessionTable.row(session.agentId(), session.tokenCount(), session.maxTokens(),
                    String.format(Locale.ROOT, "%.1f", session.usagePercent()), session.usageLevel().dbValue());
        }
        sessionTable.render("  ").forEach(out::println);
        if (active.size() > STATUS_ROWS) {
            out.println("  ... more than " + STATUS_ROWS + " active sessions; only the first are shown");
        }
        out.println();
    }

    private static void print(PrintWriter out, TextTable table) {
        table.render("  ").forEach(out::println);
        out.println();
    }
}
