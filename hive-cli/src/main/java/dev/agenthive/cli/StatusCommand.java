package dev.agenthive.cli;

import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.error.StorageUnavailableException;
import dev.agenthive.api.session.ContextSession;
import dev.agenthive.api.store.StoreHealth;
import dev.agenthive.api.task.TaskStatus;
import dev.agenthive.core.Hive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hive status}: what the store holds, as readable tables. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the store location, agents and tasks by status, the inbox backlog and events by severity.")
final class StatusCommand implements Callable<Integer> {

    /** Most active sessions listed; more are summarised in one line. */
    static final int MAX_SESSIONS_SHOWN = 50;

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
            printSessions(out, opened.sessions().listActive(MAX_SESSIONS_SHOWN + 1));
            out.flush();
            if (!health.healthy()) {
                throw new StorageUnavailableException("the store is not healthy: " + health.details(), null);
            }
        }
        return 0;
    }

    private static void printSessions(PrintWriter out, List<ContextSession> active) {
        TextTable sessionTable = new TextTable("active sessions (agent)", "tokens", "max tokens", "usage %", "level");
        for (ContextSession session : active.subList(0, Math.min(active.size(), MAX_SESSIONS_SHOWN))) {
            sessionTable.row(session.agentId(), session.tokenCount(), session.maxTokens(),
                    String.format(Locale.ROOT, "%.1f", session.usagePercent()), session.usageLevel().dbValue());
        }
        sessionTable.render("  ").forEach(out::println);
        if (active.size() > MAX_SESSIONS_SHOWN) {
            out.println("  ... more than " + MAX_SESSIONS_SHOWN + " active sessions; only the first are shown");
        }
        out.println();
    }

    private static void print(PrintWriter out, TextTable table) {
        table.render("  ").forEach(out::println);
        out.println();
    }
}
