package dev.agenthive.importer.claudeflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthive.api.spi.ImportSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static dev.agenthive.importer.claudeflow.Columns.integer;
import static dev.agenthive.importer.claudeflow.Columns.real;
import static dev.agenthive.importer.claudeflow.Columns.text;

/**
 * One import of one claude-flow folder: reads the files in an order that lets later rows refer to
 * earlier ones (agents before the sessions and tasks that name them) and remembers what it handed to
 * the sink for that purpose.
 */
final class ClaudeFlowRun {

    static final String HIVE_DB = ".hive-mind/hive.db";
    static final String HIVE_MEMORY_DB = ".hive-mind/memory.db";
    static final String SWARM_MEMORY_DB = ".swarm/memory.db";
    static final String MEMORY_STORE_JSON = "memory/memory-store.json";
    static final String DATA_JSON = "memory/claude-flow-data.json";
    static final String SESSIONS_DIR = ".hive-mind/sessions";
    static final String CONFIG_JSON = ".hive-mind/config.json";

    /** claude-flow counts no tokens; a session gets the context window of the Claude models it drove. */
    static final long MAX_TOKENS = 200_000L;
    /** claude-flow ranks no checkpoint above another; the middle keeps pruning from preferring any. */
    static final double CHECKPOINT_IMPORTANCE = 0.5;

    /** Tables of hive.db read below; any other one that holds rows is reported as skipped. */
    private static final Set<String> READ_TABLES = Set.of("swarms", "agents", "tasks", "sessions",
            "session_checkpoints", "session_logs", "consensus_decisions", "knowledge_base",
            "collective_memory", "performance_metrics");

    private final Path folder;
    private final Path scratch;
    private final ImportSink sink;
    private final String projectId;

    private final Map<String, Map<String, Object>> agents = new HashMap<>();
    private final Set<String> epics = new HashSet<>();
    private final Set<String> tasks = new HashSet<>();
    private final Map<String, String> sessionAgents = new HashMap<>();
    private final Set<String> checkpoints = new HashSet<>();
    private final Map<String, String> memoryOrigins = new HashMap<>();

    ClaudeFlowRun(Path folder, Path scratch, ImportSink sink) {
        this.folder = folder;
        this.scratch = scratch;
        this.sink = sink;
        this.projectId = "claude-flow:" + folder.getFileName();
    }

    void run() {
        project();
        withDatabase(HIVE_DB, this::hiveDb);
        withDatabase(SWARM_MEMORY_DB, this::swarmMemoryDb);
        withDatabase(HIVE_MEMORY_DB, this::hiveMemoryDb);
        memoryStoreJson();
        dataJson();
        sessionFiles();
    }

    // ---- the installation ------------------------------------------------------------------------

    /** The project that holds the installation's swarms and checkpoints. */
    private void project() {
        Instant created = null;
        Path config = folder.resolve(CONFIG_JSON);
        if (Files.isRegularFile(config)) {
            try {
                created = Instants.parse(JsonValues.fromText(Files.readString(config)).path("initialized").asText(null));
            } catch (IOException | IllegalArgumentException unreadable) {
                sink.rejected("projects", CONFIG_JSON, "no initialization time: " + unreadable.getMessage());
            }
        }
        if (created == null) {
            created = modified(folder);
        }
        ObjectNode metadata = JsonValues.object().put("source", "claude-flow").put("folder", folder.toString());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", projectId);
        row.put("name", folder.getFileName().toString());
        row.put("description", "claude-flow installation imported from " + folder);
        row.put("kind", "project");
        row.put("parent_id", null);
        row.put("status", "active");
        row.put("metadata", JsonValues.write(metadata));
        row.put("created_at", created);
        row.put("updated_at", created);
        sink.row("projects", "projects", row, folder.toString());
    }

    // ---- .hive-mind/hive.db ----------------------------------------------------------------------

    private void hiveDb(SourceDatabase db, Set<String> tables) throws SQLException {
        readTable(db, tables, "swarms", "projects", this::swarm);
        readTable(db, tables, "agents", "agents", this::agent);
        readTable(db, tables, "tasks", "tasks", this::hiveTask);
        if (tables.contains("sessions")) {
            sessions(db.rows("sessions"));
        }
        readTable(db, tables, "session_checkpoints", "checkpoints", this::sessionCheckpoint);
        readTable(db, tables, "session_logs", "events", this::sessionLog);
        readTable(db, tables, "consensus_decisions", "events", this::consensusDecision);
        readTable(db, tables, "knowledge_base", "memory", this::knowledge);
        if (tables.contains("collective_memory")) {
            // Newest first: the hive-mind.js schema has no UNIQUE(swarm_id, key), so a key can repeat
            // and the first one read wins.
            List<Map<String, Object>> rows = new ArrayList<>(db.rows("collective_memory"));
            rows.sort(Comparator.comparing((Map<String, Object> r) -> safeInstant(r.get("created_at")),
                    Comparator.nullsLast(Comparator.reverseOrder())));
            eachRow(HIVE_DB, "collective_memory", "memory", rows, this::collectiveMemory);
        }
        readTable(db, tables, "performance_metrics", "metrics", this::hiveMetric);
        for (String table : tables) {
            if (!READ_TABLES.contains(table)) {
                long count = db.count(table);
                if (count > 0) {
                    sink.skipped(table, HIVE_DB + " " + table,
                            count + " rows of table " + table + ", which has no hive counterpart this importer fills");
                }
            }
        }
    }

    private void swarm(Map<String, Object> r, String origin) {
        String id = required(r, "id");
        Instant created = requiredInstant(r, "created_at");
        String status = switch (lower(text(r, "status"))) {
            case "active", "running", "paused", "initializing" -> "active";
            case "completed", "done" -> "completed";
            default -> "archived";
        };
        ObjectNode metadata = JsonValues.object();
        for (String column : List.of("status", "queen_type", "topology", "max_agents", "metadata")) {
            if (r.containsKey(column)) {
                metadata.set(column.equals("status") ? "source_status" : column, JsonValues.ofColumn(r.get(column)));
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", Objects.requireNonNullElse(text(r, "name"), id));
        row.put("description", text(r, "objective"));
        row.put("kind", "epic");
        row.put("parent_id", projectId);
        row.put("status", status);
        row.put("metadata", JsonValues.write(metadata));
        row.put("created_at", created);
        row.put("updated_at", Objects.requireNonNullElse(Instants.parse(r.get("updated_at")), created));
        sink.row("projects", "projects", row, origin);
        epics.add(id);
    }

    private void agent(Map<String, Object> r, String origin) {
        String id = required(r, "id");
        Instant created = requiredInstant(r, "created_at");
        Instant lastActive = Objects.requireNonNullElse(Instants.parse(r.get("last_active")), created);
        String sourceStatus = lower(text(r, "status"));
        String status = switch (sourceStatus) {
            case "active", "busy", "working" -> "active";
            case "paused", "sleeping" -> "sleeping";
            case "error", "failed", "crashed" -> "crashed";
            case "offline", "stopped", "terminated", "completed", "inactive" -> "terminated";
            // idle, and anything newer than this importer: an agent that waits for work.
            default -> "idle";
        };
        ObjectNode configuration = JsonValues.object();
        JsonNode capabilities = JsonValues.fromText(text(r, "capabilities"));
        boolean capabilitiesOk = capabilities.isArray();
        for (JsonNode capability : capabilities) {
            capabilitiesOk &= capability.isTextual() && !capability.asText().isBlank();
        }
        for (Map.Entry<String, Object> column : r.entrySet()) {
            String name = column.getKey();
            if (!Set.of("id", "type", "capabilities", "created_at").contains(name)) {
                configuration.set(name.equals("status") ? "source_status" : name, JsonValues.ofColumn(column.getValue()));
            }
        }
        if (!capabilitiesOk && text(r, "capabilities") != null) {
            configuration.put("source_capabilities", text(r, "capabilities"));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("type", Objects.requireNonNullElse(text(r, "type"), "agent"));
        row.put("status", status);
        row.put("capabilities", capabilitiesOk ? JsonValues.write(capabilities) : "[]");
        row.put("worktree_path", null);
        row.put("branch", null);
        row.put("configuration", JsonValues.write(configuration));
        row.put("created_at", created);
        row.put("last_heartbeat_at", lastActive);
        row.put("updated_at", lastActive.isAfter(created) ? lastActive : created);
        sink.row("agents", "agents", row, origin);
        agents.put(id, r);
    }

    private void hiveTask(Map<String, Object> r, String origin) {
        String id = required(r, "id");
        Instant created = requiredInstant(r, "created_at");
        Instant started = Instants.parse(r.get("started_at"));
        Instant completed = Instants.parse(r.get("completed_at"));
        String status = taskStatus(text(r, "status"));
        ObjectNode payload = JsonValues.object();
        r.forEach((column, value) -> payload.set(column, JsonValues.ofColumn(value)));
        String description = text(r, "description");
        String title = Objects.requireNonNullElse(text(r, "name"), Objects.requireNonNullElse(firstLine(description), id));
        Instant updated = latest(created, started, completed);
        Map<String, Object> row = taskRow(id, title, description, "claude-flow.hive-mind", status,
                priority(r.get("priority")), agentOrNull(text(r, "agent_id"), "tasks", origin),
                JsonValues.write(payload), r.get("result") == null ? null : JsonValues.write(JsonValues.ofColumn(r.get("result"))),
                created, updated, isFinal(status) ? Objects.requireNonNullElse(completed, updated) : null);
        sink.row("tasks", "tasks", row, origin);
        tasks.add(id);
        String swarm = text(r, "swarm_id");
        link(epics.contains(swarm) ? swarm : projectId, id, created, origin);
    }

    /**
     * Sessions, grouped by the agent they become sessions of: the hive allows one active session per
     * agent, so of several open sessions of one swarm only the newest stays open, the others end when
     * they were last updated.
     */
    private void sessions(List<Map<String, Object>> rows) {
        List<Map<String, Object>> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing((Map<String, Object> r) -> safeInstant(r.get("created_at")),
                Comparator.nullsFirst(Comparator.reverseOrder())));
        Set<String> agentsWithOpenSession = new HashSet<>();
        eachRow(HIVE_DB, "sessions", "sessions", ordered, (r, origin) -> {
            String id = required(r, "id");
            Instant created = requiredInstant(r, "created_at");
            Instant updated = Objects.requireNonNullElse(Instants.parse(r.get("updated_at")), created);
            String swarm = text(r, "swarm_id");
            String agent = agentOfSwarm(swarm);
            if (agent == null) {
                throw new IllegalArgumentException("swarm " + swarm + " has no imported agent to own the session");
            }
            boolean open = Set.of("active", "paused").contains(lower(text(r, "status")))
                    && agentsWithOpenSession.add(agent);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("agent_id", agent);
            row.put("token_count", 0L);
            row.put("max_tokens", MAX_TOKENS);
            row.put("usage_level", "normal");
            row.put("active", open ? 1L : 0L);
            row.put("started_at", created);
            row.put("ended_at", open ? null : updated);
            row.put("updated_at", updated);
            sink.row("sessions", "context_sessions", row, origin);
            sessionAgents.put(id, agent);
        });
    }

    /** The swarm's queen if it was imported, else its first imported agent by id. */
    private String agentOfSwarm(String swarm) {
        return agents.entrySet().stream()
                .filter(e -> Objects.equals(text(e.getValue(), "swarm_id"), swarm))
                .min(Comparator.comparing((Map.Entry<String, Map<String, Object>> e) -> !"queen".equals(text(e.getValue(), "role")))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** A checkpoint becomes a milestone of the project and a snapshot of its session's agent. */
    private void sessionCheckpoint(Map<String, Object> r, String origin) {
        String id = required(r, "id");
        String session = required(r, "session_id");
        String name = required(r, "checkpoint_name");
        Instant created = requiredInstant(r, "created_at");
        ObjectNode criteria = JsonValues.object().put("source", "claude-flow session checkpoint")
                .put("checkpoint_id", id).put("session_id", session);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("project_id", projectId);
        // Names repeat across sessions (auto-pause); the hive wants them unique per project.
        row.put("name", session + "/" + name);
        row.put("kind", "milestone");
        row.put("status", "passed");
        row.put("criteria", JsonValues.write(criteria));
        row.put("last_result", null);
        row.put("evaluated_at", created);
        row.put("created_at", created);
        row.put("updated_at", created);
        sink.row("checkpoints", "checkpoints", row, origin);
        checkpoints.add(id);
        try {
            snapshot(id, session, JsonValues.decodeSerialized(text(r, "checkpoint_data")), created, origin);
        } catch (IllegalArgumentException bad) {
            sink.rejected("snapshots", origin, "checkpoint_data: " + bad.getMessage());
        }
    }

    private void snapshot(String id, String session, JsonNode content, Instant created, String origin) {
        String agent = sessionAgents.get(session);
        if (agent == null) {
            sink.rejected("snapshots", origin, "session " + session + " was not imported, so no agent owns the snapshot");
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("agent_id", agent);
        row.put("session_id", session);
        row.put("memory_type", "claude-flow.checkpoint");
        row.put("importance", CHECKPOINT_IMPORTANCE);
        row.put("content", JsonValues.write(content));
        row.put("created_at", created);
        sink.row("snapshots", "memory_snapshots", row, origin);
    }

    private void sessionLog(Map<String, Object> r, String origin) {
        String session = required(r, "session_id");
        String logId = required(r, "id");
        ObjectNode details = JsonValues.object();
        details.put("message", text(r, "message"));
        details.put("session_id", session);
        details.put("log_level", text(r, "log_level"));
        details.set("data", JsonValues.ofColumn(r.get("data")));
        String severity = switch (lower(text(r, "log_level"))) {
            case "debug", "trace" -> "debug";
            case "warn", "warning" -> "warning";
            case "error" -> "error";
            case "fatal", "critical" -> "critical";
            default -> "info";
        };
        // Log ids count up per file; the session id makes them unique across installations.
        event(session + ":log:" + logId, "claude-flow.session_log", severity, text(r, "agent_id"), session,
                details, requiredInstant(r, "timestamp"), origin);
    }

    private void consensusDecision(Map<String, Object> r, String origin) {
        String id = required(r, "id");
        ObjectNode details = JsonValues.object();
        r.forEach((column, value) -> {
            if (!Set.of("id", "created_at").contains(column)) {
                details.set(column, JsonValues.ofColumn(value));
            }
        });
        event(id, "claude-flow.consensus_decision", "info", null, text(r, "swarm_id"), details,
                requiredInstant(r, "created_at"), origin);
    }

    private void event(String id, String type, String severity, String agent, String correlation, JsonNode details,
                       Instant occurred, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("type", type);
        row.put("severity", severity);
        row.put("agent_id", agent);
        row.put("correlation_id", correlation);
        row.put("details", JsonValues.write(details));
        row.put("occurred_at", occurred);
        sink.row("events", "events", row, origin);
    }

    private void knowledge(Map<String, Object> r, String origin) {
        ObjectNode metadata = JsonValues.object();
        for (String column : List.of("title", "tags", "confidence", "source_agent_id", "swarm_id")) {
            if (r.get(column) != null) {
                metadata.set(column, JsonValues.ofColumn(r.get(column)));
            }
        }
        Instant created = requiredInstant(r, "created_at");
        memory("knowledge_base/" + Objects.requireNonNullElse(text(r, "category"), "general"), required(r, "id"),
                JsonValues.fromText(text(r, "content")), metadata, null, integer(r, "access_count"), null,
                created, Objects.requireNonNullElse(Instants.parse(r.get("updated_at")), created), origin);
    }

    private void collectiveMemory(Map<String, Object> r, String origin) {
        ObjectNode metadata = JsonValues.object();
        for (String column : List.of("id", "type", "confidence", "created_by")) {
            if (r.get(column) != null) {
                metadata.set(column, JsonValues.ofColumn(r.get(column)));
            }
        }
        Instant created = requiredInstant(r, "created_at");
        Instant accessed = Instants.parse(r.get("accessed_at"));
        String swarm = Objects.requireNonNullElse(text(r, "swarm_id"), "no-swarm");
        memory("collective/" + swarm, required(r, "key"), JsonValues.ofColumn(r.get("value")), metadata, null,
                integer(r, "access_count"), accessed, created, created, origin);
    }

    private void hiveMetric(Map<String, Object> r, String origin) {
        String entityType = lower(text(r, "entity_type"));
        String entity = text(r, "entity_id");
        Double value = real(r, "metric_value");
        if (value == null) {
            throw new IllegalArgumentException("metric_value is no number");
        }
        JsonNode metadata = JsonValues.fromText(text(r, "metadata"));
        ObjectNode tags = metadata.isObject() ? (ObjectNode) metadata : JsonValues.object();
        tags.put("entity_type", entityType);
        tags.put("entity_id", entity);
        metric(required(r, "id"), entityType.equals("agent") && agents.containsKey(entity) ? entity : null,
                entityType.equals("task") && tasks.contains(entity) ? entity : null, required(r, "metric_name"),
                value, tags.path("unit").asText("1"), tags, requiredInstant(r, "timestamp"), origin);
    }

    private void metric(String id, String agent, String task, String name, double value, String unit, JsonNode tags,
                        Instant recorded, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("agent_id", agent);
        row.put("task_id", task);
        row.put("name", name);
        row.put("value", value);
        row.put("unit", unit);
        row.put("tags", JsonValues.write(tags));
        row.put("recorded_at", recorded);
        sink.row("metrics", "performance_metrics", row, origin);
    }

    // ---- .swarm/memory.db (hooks, memory store) --------------------------------------------------

    private void swarmMemoryDb(SourceDatabase db, Set<String> tables) throws SQLException {
        if (!tables.contains("memory_entries")) {
            sink.skipped("memory", SWARM_MEMORY_DB, "no memory_entries table");
            return;
        }
        List<Map<String, Object>> rows = db.rows("memory_entries");
        eachRow(SWARM_MEMORY_DB, "memory_entries", "memory", rows, (r, origin) -> {
            JsonNode metadata = JsonValues.fromText(text(r, "metadata"));
            ObjectNode meta = metadata.isObject() ? (ObjectNode) metadata : JsonValues.object();
            if (!metadata.isObject() && text(r, "metadata") != null) {
                meta.set("source_metadata", metadata);
            }
            if (integer(r, "ttl") != null) {
                meta.put("ttl", integer(r, "ttl"));
            }
            Instant created = requiredInstant(r, "created_at");
            memory(Objects.requireNonNullElse(text(r, "namespace"), "default"), required(r, "key"),
                    JsonValues.fromText(text(r, "value")), meta, Instants.parse(r.get("expires_at")),
                    integer(r, "access_count"), Instants.parse(r.get("accessed_at")), created,
                    Objects.requireNonNullElse(Instants.parse(r.get("updated_at")), created), origin);
        });
        hookTasks(rows);
    }

    /**
     * The tasks {@code hooks pre-task} and {@code hooks post-task} recorded: the start under
     * {@code hooks:pre-task task:<id>}, the end under {@code hooks:post-task task:<id>:completed}, the
     * duration under {@code performance metrics:<id>}.
     */
    private void hookTasks(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> ends = new HashMap<>();
        Map<String, Map<String, Object>> durations = new HashMap<>();
        for (Map<String, Object> r : rows) {
            String key = Objects.requireNonNullElse(text(r, "key"), "");
            String namespace = Objects.requireNonNullElse(text(r, "namespace"), "");
            if (namespace.equals("hooks:post-task") && key.startsWith("task:") && key.endsWith(":completed")) {
                ends.put(key.substring("task:".length(), key.length() - ":completed".length()), r);
            } else if (namespace.equals("performance") && key.startsWith("metrics:")) {
                durations.put(key.substring("metrics:".length()), r);
            }
        }
        List<Map<String, Object>> starts = rows.stream()
                .filter(r -> "hooks:pre-task".equals(text(r, "namespace")) && Objects.requireNonNullElse(text(r, "key"), "").startsWith("task:"))
                .toList();
        eachRow(SWARM_MEMORY_DB, "memory_entries", "tasks", starts, (r, origin) -> {
            String sourceId = text(r, "key").substring("task:".length());
            JsonNode start = JsonValues.fromText(text(r, "value"));
            Map<String, Object> endRow = ends.get(sourceId);
            JsonNode end = endRow == null ? null : JsonValues.fromText(text(endRow, "value"));
            String id = "hooks:" + sourceId;
            Instant created = Objects.requireNonNullElse(Instants.parse(start.path("startedAt").asText(null)),
                    requiredInstant(r, "created_at"));
            Instant finished = end == null ? null : Objects.requireNonNullElse(
                    Instants.parse(end.path("completedAt").asText(null)), requiredInstant(endRow, "created_at"));
            String description = start.path("description").asText(null);
            ObjectNode payload = JsonValues.object();
            payload.set("pre_task", start);
            String agent = agentOrNull(start.path("agentId").isTextual() ? start.path("agentId").asText() : null, "tasks", origin);
            Map<String, Object> row = taskRow(id, Objects.requireNonNullElse(firstLine(description), sourceId), description,
                    "claude-flow.hook", end == null ? "queued" : "completed", 0L, agent, JsonValues.write(payload),
                    end == null ? null : JsonValues.write(end), created, Objects.requireNonNullElse(finished, created), finished);
            sink.row("tasks", "tasks", row, origin);
            tasks.add(id);
            link(projectId, id, created, origin);
        });
        eachRow(SWARM_MEMORY_DB, "memory_entries", "metrics", new ArrayList<>(durations.values()), (r, origin) -> {
            String sourceId = text(r, "key").substring("metrics:".length());
            JsonNode value = JsonValues.fromText(text(r, "value"));
            if (!value.path("duration").isNumber()) {
                throw new IllegalArgumentException("no duration");
            }
            String task = tasks.contains("hooks:" + sourceId) ? "hooks:" + sourceId : null;
            metric("hooks:" + sourceId + ":duration", null, task, "task.duration", value.path("duration").asDouble(), "ms",
                    JsonValues.object().put("task_id", sourceId),
                    Objects.requireNonNullElse(Instants.parse(value.path("timestamp").asText(null)), requiredInstant(r, "created_at")),
                    origin);
        });
    }

    private Map<String, Object> taskRow(String id, String title, String description, String type, String status, long priority,
                                        String agent, String payload, String result, Instant created, Instant updated,
                                        Instant finished) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("title", title);
        row.put("description", description);
        row.put("type", type);
        row.put("status", status);
        row.put("priority", priority);
        row.put("parent_id", null);
        row.put("assigned_agent", agent);
        row.put("required_capabilities", "[]");
        row.put("payload", payload);
        row.put("result", result);
        row.put("error", null);
        // One attempt, made if the task ended: claude-flow retries nothing it records.
        row.put("attempts", isFinal(status) ? 1L : 0L);
        row.put("max_attempts", 1L);
        row.put("lease_token", 0L);
        row.put("lease_until", null);
        row.put("available_at", created);
        row.put("idempotency_key", null);
        row.put("created_at", created);
        row.put("updated_at", updated);
        row.put("finished_at", finished);
        return row;
    }

    private void link(String project, String task, Instant linked, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("project_id", project);
        row.put("task_id", task);
        row.put("linked_at", linked);
        sink.row("tasks", "project_tasks", row, origin);
    }

    /** The agent id if that agent was imported; otherwise null, and the sink hears why. */
    private String agentOrNull(String agent, String kind, String origin) {
        if (agent == null || agent.isBlank()) {
            return null;
        }
        if (agents.containsKey(agent)) {
            return agent;
        }
        sink.skipped(kind, origin, "assigned agent " + agent + " was not imported; the id stays in the payload only");
        return null;
    }

    // ---- .hive-mind/memory.db, memory/*.json, session files -------------------------------------

    private void hiveMemoryDb(SourceDatabase db, Set<String> tables) throws SQLException {
        if (!tables.contains("memories")) {
            sink.skipped("memory", HIVE_MEMORY_DB, "no memories table");
            return;
        }
        eachRow(HIVE_MEMORY_DB, "memories", "memory", db.rows("memories"), (r, origin) -> {
            ObjectNode metadata = JsonValues.object();
            if (text(r, "type") != null) {
                metadata.put("type", text(r, "type"));
            }
            Instant created = Objects.requireNonNullElse(Instants.parse(r.get("created_at")), requiredInstant(r, "timestamp"));
            memory(Objects.requireNonNullElse(text(r, "namespace"), "default"), required(r, "key"),
                    JsonValues.fromText(text(r, "value")), metadata, null, null, null, created,
                    Objects.requireNonNullElse(Instants.parse(r.get("timestamp")), created), origin);
        });
    }

    private void memoryStoreJson() {
        JsonNode store = jsonFile(MEMORY_STORE_JSON, "memory");
        if (store == null) {
            return;
        }
        if (!store.isObject()) {
            sink.rejected("memory", MEMORY_STORE_JSON, "not an object of namespaces");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = store.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> namespace = it.next();
            int index = 0;
            for (JsonNode entry : namespace.getValue()) {
                String origin = MEMORY_STORE_JSON + " " + namespace.getKey() + "[" + index++ + "]";
                try {
                    String key = entry.path("key").asText(null);
                    if (key == null || key.isBlank()) {
                        throw new IllegalArgumentException("no key");
                    }
                    JsonNode value = entry.path("value");
                    Instant time = Instants.parse(entry.path("timestamp").isMissingNode() ? null : entry.path("timestamp").asText());
                    if (time == null) {
                        throw new IllegalArgumentException("no timestamp");
                    }
                    memory(entry.path("namespace").asText(namespace.getKey()), key,
                            value.isTextual() ? JsonValues.fromText(value.asText()) : JsonValues.untag(value),
                            JsonValues.object(), null, null, null, time, time, origin);
                } catch (RuntimeException bad) {
                    sink.rejected("memory", origin, reason(bad));
                }
            }
        }
    }

    /** {@code memory/claude-flow-data.json}: its agent and task lists have never held anything to learn a format from. */
    private void dataJson() {
        JsonNode data = jsonFile(DATA_JSON, "agents");
        if (data == null) {
            return;
        }
        for (String list : List.of("agents", "tasks")) {
            if (data.path(list).size() > 0) {
                sink.skipped(list, DATA_JSON + " " + list, data.path(list).size() + " " + list
                        + " in a format this importer does not read");
            }
        }
    }

    /**
     * {@code .hive-mind/sessions/*.json}: checkpoints the session manager also wrote to hive.db; one
     * that hive.db lacks becomes a snapshot of its own.
     */
    private void sessionFiles() {
        Path dir = folder.resolve(SESSIONS_DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException unreadable) {
            sink.rejected("snapshots", SESSIONS_DIR, "cannot list: " + unreadable.getMessage());
            return;
        }
        for (Path file : files) {
            String origin = SESSIONS_DIR + "/" + file.getFileName();
            JsonNode doc = jsonFile(SESSIONS_DIR + "/" + file.getFileName(), "snapshots");
            if (doc == null) {
                continue;
            }
            String checkpoint = doc.path("checkpointId").asText(null);
            String session = doc.path("sessionId").asText(null);
            if (checkpoint != null && checkpoints.contains(checkpoint)) {
                sink.skipped("snapshots", origin, "restates checkpoint " + checkpoint + " of " + HIVE_DB);
                continue;
            }
            try {
                Instant created = Instants.parse(doc.path("timestamp").asText(null));
                snapshot(Objects.requireNonNullElse(checkpoint, "file:" + file.getFileName()), session, doc,
                        Objects.requireNonNullElse(created, modified(file)), origin);
            } catch (IllegalArgumentException bad) {
                sink.rejected("snapshots", origin, reason(bad));
            }
        }
    }

    /** A JSON file as claude-flow writes them, or null after telling the sink why not. */
    private JsonNode jsonFile(String relative, String kind) {
        Path file = folder.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                sink.skipped(kind, relative, "empty file");
                return null;
            }
            return JsonValues.decodeSerialized(text.trim());
        } catch (IOException | IllegalArgumentException bad) {
            sink.rejected(kind, relative, "unreadable: " + reason(bad));
            return null;
        }
    }

    // ---- shared memory ---------------------------------------------------------------------------

    private void memory(String namespace, String key, JsonNode value, JsonNode metadata, Instant expires, Long accessCount,
                        Instant accessed, Instant created, Instant updated, String origin) {
        String first = memoryOrigins.putIfAbsent(namespace + "\u0000" + key, origin);
        if (first != null) {
            sink.skipped("memory", origin, "key " + key + " of namespace " + namespace + " already read from " + first);
            return;
        }
        String text = JsonValues.write(value);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("namespace", namespace);
        row.put("entry_key", key);
        row.put("value", text);
        row.put("data_type", JsonValues.dataType(value));
        row.put("metadata", JsonValues.write(metadata));
        row.put("version", 1L);
        row.put("expires_at", expires);
        row.put("size_bytes", (long) text.getBytes(StandardCharsets.UTF_8).length);
        row.put("access_count", accessCount == null ? 0L : Math.max(0L, accessCount));
        row.put("last_accessed_at", accessed);
        row.put("created_at", created);
        row.put("updated_at", updated.isBefore(created) ? created : updated);
        sink.row("memory", "shared_memory", row, origin);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private interface DatabaseReader {
        void read(SourceDatabase db, Set<String> tables) throws SQLException;
    }

    private interface RowReader {
        void read(Map<String, Object> row, String origin);
    }

    private void withDatabase(String relative, DatabaseReader reader) {
        Path file = folder.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            if (Files.size(file) == 0) {
                sink.skipped("files", relative, "empty file");
                return;
            }
            try (SourceDatabase db = SourceDatabase.copyOf(file, scratch)) {
                reader.read(db, db.tables());
            }
        } catch (IOException | SQLException | RuntimeException unreadable) {
            sink.rejected("files", relative, "unreadable database: " + reason(unreadable));
        }
    }

    private void readTable(SourceDatabase db, Set<String> tables, String table, String kind, RowReader reader) {
        if (!tables.contains(table)) {
            return;
        }
        try {
            eachRow(HIVE_DB, table, kind, db.rows(table), reader);
        } catch (SQLException unreadable) {
            sink.rejected(kind, HIVE_DB + " " + table, "unreadable table: " + reason(unreadable));
        }
    }

    /** Hands each row to {@code reader}; a row it cannot use is rejected and the next one read. */
    private void eachRow(String file, String table, String kind, List<Map<String, Object>> rows, RowReader reader) {
        for (Map<String, Object> r : rows) {
            // Memory tables name a row by namespace and key; their numeric ids say nothing to a user.
            String origin = file + " " + table + " " + (r.containsKey("namespace")
                    ? "key=" + r.get("namespace") + "/" + r.get("key") : "id=" + r.get("id"));
            try {
                reader.read(r, origin);
            } catch (RuntimeException bad) {
                sink.rejected(kind, origin, reason(bad));
            }
        }
    }

    private static String required(Map<String, Object> r, String column) {
        String value = text(r, column);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(column + " is missing");
        }
        return value;
    }

    private static Instant requiredInstant(Map<String, Object> r, String column) {
        Instant instant;
        try {
            instant = Instants.parse(r.get(column));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(column + ": " + bad.getMessage());
        }
        if (instant == null) {
            throw new IllegalArgumentException(column + " is missing");
        }
        return instant;
    }

    /** For sorting only: a time that does not parse sorts like a missing one, and the row is rejected later. */
    private static Instant safeInstant(Object value) {
        try {
            return Instants.parse(value);
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    private static Instant latest(Instant first, Instant... others) {
        Instant latest = first;
        for (Instant other : others) {
            if (other != null && other.isAfter(latest)) {
                latest = other;
            }
        }
        return latest;
    }

    /**
     * claude-flow's task statuses on the hive's. Work a dead claude-flow process had in hand
     * (assigned, in progress) goes back to the queue: its lease, if it ever had one, means nothing here.
     */
    private static String taskStatus(String status) {
        return switch (lower(status)) {
            case "completed", "done", "success" -> "completed";
            case "failed", "error" -> "failed";
            case "cancelled", "canceled", "aborted" -> "cancelled";
            case "pending", "created" -> "pending";
            default -> "queued";
        };
    }

    private static boolean isFinal(String status) {
        return Set.of("completed", "failed", "cancelled").contains(status);
    }

    /** Numeric priorities as they are; the words some claude-flow versions store on a 1..10 scale. */
    private static long priority(Object priority) {
        if (priority instanceof Number number) {
            return number.longValue();
        }
        return switch (lower(priority == null ? null : priority.toString())) {
            case "critical", "urgent" -> 10L;
            case "high" -> 8L;
            case "low" -> 1L;
            case "" -> 5L;
            default -> {
                try {
                    yield Long.parseLong(priority.toString().trim());
                } catch (NumberFormatException word) {
                    yield 5L;
                }
            }
        };
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String lower(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read the time of " + path + ": " + unreadable.getMessage());
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
