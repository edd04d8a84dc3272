package dev.agenthive.importer.leanvibe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agenthive.api.task.NewTask;
import dev.agenthive.api.spi.ImportSink;
import dev.agenthive.importer.leanvibe.LeanVibeDatabase.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.agenthive.importer.leanvibe.LeanVibeValues.JSON;
import static dev.agenthive.importer.leanvibe.LeanVibeValues.json;
import static dev.agenthive.importer.leanvibe.LeanVibeValues.jsonObject;
import static dev.agenthive.importer.leanvibe.LeanVibeValues.rowObject;
import static dev.agenthive.importer.leanvibe.LeanVibeValues.text;

/**
 * One import of one folder: reads LeanVibe's files, maps their rows and remembers which agents and
 * tasks it handed on, so that a row referring to an agent or task that is not imported is mapped
 * without the reference (or rejected where the hive requires it).
 */
final class LeanVibeImport {

    static final String STATE_MANAGER_DB = "state_manager.db";
    static final String AGENT_HIVE_DB = ".claude/state/agent_hive.db";
    static final String CLAUDE_STATE_DB = ".claude/state.db";

    private static final String AGENTS = "agents";
    private static final String TASKS = "tasks";
    private static final String SNAPSHOTS = "snapshots";
    private static final String MEMORY = "memory";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String METRICS = "metrics";
    private static final String EVENTS = "events";
    private static final String MESSAGES = "messages";
    private static final String PROJECTS = "projects";

    // LeanVibe does not rank memory; the middle of the hive's 0..1 lets pruning weigh imported
    // snapshots neither above nor below the hive's own defaults.
    private static final double IMPORTANCE = 0.5;
    // LeanVibe's messages have no priority; the hive's normal one.
    private static final long MESSAGE_PRIORITY = 0;

    private static final Map<String, String> STATE_MANAGER_AGENT_STATUS = Map.of(
            "idle", "idle", "working", "active", "active", "active", "busy", "active",
            "sleeping", "sleeping", "error", "crashed", "crashed", "crashed",
            "offline", "terminated", "terminated", "terminated");
    // scripts/enhanced_state_manager.py AgentStatus; recovering agents are running again.
    private static final Map<String, String> AGENT_HIVE_AGENT_STATUS = Map.of(
            "running", "active", "recovering", "active", "sleeping", "sleeping",
            "crashed", "crashed", "terminated", "terminated");
    // The agent files of .claude/agents: an agent that completed its assignment is gone.
    private static final Map<String, String> AGENT_FILE_STATUS = Map.of(
            "spawned", "active", "active", "active", "running", "active", "working", "active",
            "idle", "idle", "sleeping", "sleeping", "crashed", "crashed", "failed", "crashed",
            "completed", "terminated", "terminated", "terminated");
    // A LeanVibe task that was handed out has no live lease holder in the hive, so it goes back to
    // the queue (with its attempt counted) rather than into claimed or running, which only a lease
    // holder could move on. Pending has no dependencies in LeanVibe, so it is ready: queued.
    private static final Map<String, String> TASK_STATUS = Map.of(
            "pending", "queued", "queued", "queued", "assigned", "queued", "in_progress", "queued",
            "running", "queued", "working", "queued", "completed", "completed", "failed", "failed",
            "cancelled", "cancelled", "canceled", "cancelled");
    private static final Set<String> STARTED = Set.of("assigned", "in_progress", "running", "working");
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    private final Path folder;
    private final Path scratch;
    private final LeanVibeValues values;
    private final ImportSink sink;
    private final String projectId;
    private final String namespace;
    private final Map<String, String> agents = new HashMap<>();
    private final Map<String, String> tasks = new HashMap<>();
    private final Set<String> checkpointNames = new HashSet<>();
    private Instant earliest;

    LeanVibeImport(Path folder, Path scratch, LeanVibeValues values, ImportSink sink) {
        this.folder = folder;
        this.scratch = scratch;
        this.values = values;
        this.sink = sink;
        Path name = folder.toAbsolutePath().normalize().getFileName();
        this.projectId = "leanvibe:" + (name == null ? "root" : name);
        this.namespace = projectId;
    }

    void run() {
        LeanVibeDatabase agentHive = LeanVibeDatabase.read(folder, AGENT_HIVE_DB, scratch, sink);
        LeanVibeDatabase stateManager = LeanVibeDatabase.read(folder, STATE_MANAGER_DB, scratch, sink);
        LeanVibeDatabase claudeState = LeanVibeDatabase.read(folder, CLAUDE_STATE_DB, scratch, sink);
        List<Path> agentFiles = files(".claude/agents", "*.json");

        // Agents first: every later row asks whether its agent was imported.
        if (agentHive != null) {
            agentHive.rows("agents").forEach(row -> agentHiveAgent(agentHive, row));
        }
        if (stateManager != null) {
            stateManager.rows("agents").forEach(row -> stateManagerAgent(stateManager, row));
        }
        agentFiles.forEach(this::agentFile);

        if (agentHive != null) {
            agentHive.rows("tasks").forEach(row -> agentHiveTask(agentHive, row));
        }
        if (stateManager != null) {
            stateManager.rows("tasks").forEach(row -> stateManagerTask(stateManager, row));
        }
        if (claudeState != null) {
            Instant written = modified(folder.resolve(CLAUDE_STATE_DB));
            claudeState.rows("tasks").forEach(row -> claudeStateTask(claudeState, row, written));
        }

        if (agentHive != null) {
            agentHive.rows("memory_snapshots").forEach(row -> agentHiveSnapshot(agentHive, row));
            agentHive.rows("agent_communications").forEach(row -> communication(agentHive, row));
        }
        if (stateManager != null) {
            stateManager.rows("checkpoints").forEach(row -> stateManagerCheckpoint(stateManager, row));
            stateManager.rows("system_snapshots").forEach(row -> systemSnapshot(stateManager, row));
        }
        if (claudeState != null) {
            Instant written = modified(folder.resolve(CLAUDE_STATE_DB));
            claudeState.rows("checkpoints").forEach(row -> claudeStateCheckpoint(claudeState, row));
            claudeState.rows("performance").forEach(row -> performance(claudeState, row, written));
        }
        files("checkpoints", "*.json").forEach(this::checkpointFile);
        Stream.concat(files(".claude/memory", "*.json").stream(), files(".claude/memory", "DEEP_CONSOLIDATION_*.md").stream())
                .forEach(this::memoryFile);

        project();
    }

    // ---- agents

    private void agentHiveAgent(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "agents", "agent_id", row);
        attempt(AGENTS, origin, () -> {
            String id = required(row, "agent_id");
            Instant updated = values.requiredTime(row.get("updated_at"), "updated_at");
            Instant heartbeat = values.time(row.get("last_heartbeat"), "last_heartbeat");
            Map<String, Object> rowValues = new LinkedHashMap<>(row.values());
            JsonNode workingMemory = json(rowValues.remove("working_memory"), "working_memory");
            boolean added = agent(id, "leanvibe", mapped(AGENT_HIVE_AGENT_STATUS, row.text("status"), "status"),
                    JSON.createArrayNode(), null, rowObject(rowValues),
                    values.requiredTime(row.get("created_at"), "created_at"),
                    heartbeat == null ? updated : heartbeat, updated, origin);
            if (added && workingMemory != null && !workingMemory.isNull()) {
                // Keyed by the time it was written, so that a later import of changed working memory adds it.
                snapshot(id + "_working_" + updated.toEpochMilli(), id, "working", workingMemory, updated,
                        origin + " working_memory");
            }
        });
    }

    private void stateManagerAgent(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "agents", "agent_id", row);
        attempt(AGENTS, origin, () -> {
            String id = required(row, "agent_id");
            Instant activity = values.requiredTime(row.get("last_activity"), "last_activity");
            JsonNode capabilities = json(row.get("capabilities"), "capabilities");
            if (capabilities != null && !(capabilities instanceof ArrayNode)) {
                throw new IllegalArgumentException("capabilities is JSON but not an array");
            }
            ObjectNode configuration = rowObject(row.values(), "capabilities", "performance_metrics");
            // The table keeps only the last activity: it is the best known creation time too.
            boolean added = agent(id, "leanvibe", mapped(STATE_MANAGER_AGENT_STATUS, row.text("status"), "status"),
                    capabilities == null ? JSON.createArrayNode() : capabilities, null, configuration,
                    activity, activity, activity, origin);
            if (added && row.get("context_usage") instanceof Number usage) {
                metric("leanvibe:" + db.relativePath() + ":agent:" + id + ":context_usage@" + activity.toEpochMilli(),
                        id, null, "context_usage", usage.doubleValue(), "ratio", JSON.createObjectNode(), activity,
                        origin + " context_usage");
            }
        });
    }

    private void agentFile(Path file) {
        String origin = relative(file);
        ObjectNode object = readJsonFile(file, AGENTS, origin);
        if (object == null) {
            return;
        }
        attempt(AGENTS, origin, () -> {
            String id = requiredText(object, "agent_id");
            Instant spawned = values.requiredTime(textOrNull(object, "spawn_time"), "spawn_time");
            Instant completed = values.time(textOrNull(object, "completion_time"), "completion_time");
            Instant last = completed == null ? spawned : completed;
            String type = textOrNull(object, "agent_type");
            agent(id, type == null || type.isBlank() ? "leanvibe" : type,
                    mapped(AGENT_FILE_STATUS, textOrNull(object, "status"), "status"), JSON.createArrayNode(),
                    textOrNull(object, "worktree_path"), object, spawned, last, last, origin);
        });
    }

    private boolean agent(String id, String type, String status, JsonNode capabilities, String worktreePath,
                          ObjectNode source, Instant created, Instant heartbeat, Instant updated, String origin) {
        for (JsonNode capability : capabilities) {
            if (!capability.isTextual()) {
                throw new IllegalArgumentException("capabilities holds a non-text entry: " + capability);
            }
        }
        String earlier = agents.get(id);
        if (earlier != null) {
            sink.skipped(AGENTS, origin, "agent " + id + " already read from " + earlier);
            return false;
        }
        ObjectNode configuration = JSON.createObjectNode();
        configuration.set("leanvibe", source);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("type", type);
        row.put("status", status);
        row.put("capabilities", text(capabilities));
        row.put("worktree_path", worktreePath);
        row.put("branch", null);
        row.put("configuration", text(configuration));
        row.put("created_at", seen(created));
        row.put("last_heartbeat_at", heartbeat);
        row.put("updated_at", updated);
        agents.put(id, origin);
        sink.row(AGENTS, "agents", row, origin);
        return true;
    }

    // ---- tasks

    private void stateManagerTask(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "tasks", "task_id", row);
        attempt(TASKS, origin, () -> {
            String id = required(row, "task_id");
            ObjectNode metadata = jsonObject(row.get("metadata"), "metadata");
            Instant created = values.requiredTime(row.get("created_at"), "created_at");
            Instant started = values.time(row.get("started_at"), "started_at");
            Instant completed = values.time(row.get("completed_at"), "completed_at");
            String title = metadata == null ? null : textOrNull(metadata, "title");
            String description = metadata == null ? null : textOrNull(metadata, "description");
            String type = metadata == null ? null : textOrNull(metadata, "type");
            task(id, title == null ? id : title, description, type, row.text("status"), priority(row.get("priority")),
                    row.text("agent_id"), rowObject(row.values(), "metadata"), created, latest(created, started, completed),
                    completed, origin);
        });
    }

    private void agentHiveTask(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "tasks", "task_id", row);
        attempt(TASKS, origin, () -> {
            String id = required(row, "task_id");
            ObjectNode metadata = jsonObject(row.get("metadata"), "metadata");
            String description = row.text("description");
            Instant created = values.requiredTime(row.get("created_at"), "created_at");
            Instant updated = values.requiredTime(row.get("updated_at"), "updated_at");
            String type = metadata == null ? null : textOrNull(metadata, "type");
            task(id, firstLine(description, id), description, type, row.text("status"), priority(row.get("priority")),
                    row.text("agent_id"), rowObject(row.values(), "metadata"), created, updated, null, origin);
        });
    }

    // .claude/state.db keeps no time for its tasks; the file's last write is the latest they can be.
    private void claudeStateTask(LeanVibeDatabase db, Row row, Instant written) {
        String origin = origin(db, "tasks", "id", row);
        attempt(TASKS, origin, () -> {
            String id = required(row, "id");
            task(id, id, null, null, row.text("status"), 0, row.text("agent"), rowObject(row.values()),
                    written, written, null, origin);
        });
    }

    private void task(String id, String title, String description, String type, String sourceStatus, long priority,
                      String agentId, ObjectNode source, Instant created, Instant updated, Instant finished,
                      String origin) {
        String status = mapped(TASK_STATUS, sourceStatus, "status");
        String earlier = tasks.get(id);
        if (earlier != null) {
            sink.skipped(TASKS, origin, "task " + id + " already read from " + earlier);
            return;
        }
        String normalized = sourceStatus.trim().toLowerCase(Locale.ROOT);
        boolean isFinal = FINAL.contains(status);
        long attempts = STARTED.contains(normalized) || isFinal && !"cancelled".equals(status) ? 1 : 0;
        ObjectNode payload = JSON.createObjectNode();
        payload.set("leanvibe", source);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("title", title);
        row.put("description", description);
        row.put("type", type == null || type.isBlank() ? "leanvibe" : type);
        row.put("status", status);
        row.put("priority", priority);
        row.put("parent_id", null);
        // The source id stays in the payload; the hive's column must name an imported agent.
        row.put("assigned_agent", agentId != null && agents.containsKey(agentId) ? agentId : null);
        row.put("required_capabilities", "[]");
        row.put("payload", text(payload));
        row.put("result", null);
        row.put("error", null);
        row.put("attempts", attempts);
        row.put("max_attempts", (long) NewTask.DEFAULT_MAX_ATTEMPTS);
        row.put("lease_token", 0L);
        row.put("lease_until", null);
        row.put("available_at", created);
        row.put("idempotency_key", null);
        row.put("created_at", seen(created));
        row.put("updated_at", updated);
        row.put("finished_at", isFinal ? (finished == null ? updated : finished) : null);
        tasks.put(id, origin);
        sink.row(TASKS, "tasks", row, origin);

        Map<String, Object> link = new LinkedHashMap<>();
        link.put("project_id", projectId);
        link.put("task_id", id);
        link.put("linked_at", created);
        sink.row(TASKS, "project_tasks", link, origin);
    }

    // LeanVibe takes the lowest number first (ORDER BY priority ASC); the hive the highest. Negating
    // keeps the order and every value.
    private static long priority(Object value) {
        if (value == null) {
            return -5;
        }
        if (value instanceof Number number) {
            return -number.longValue();
        }
        try {
            return -Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("priority is not a whole number: '" + value + "'", e);
        }
    }

    // ---- memory

    private void agentHiveSnapshot(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "memory_snapshots", "snapshot_id", row);
        attempt(SNAPSHOTS, origin, () -> {
            String id = required(row, "snapshot_id");
            String agentId = required(row, "agent_id");
            if (!agents.containsKey(agentId)) {
                throw new IllegalArgumentException("agent " + agentId + " is not imported");
            }
            snapshot(id, agentId, required(row, "snapshot_type"), json(row.get("memory_data"), "memory_data"),
                    values.requiredTime(row.get("created_at"), "created_at"), origin);
        });
    }

    private void snapshot(String id, String agentId, String type, JsonNode content, Instant created, String origin) {
        if (content == null) {
            throw new IllegalArgumentException("memory_data is missing");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("agent_id", agentId);
        row.put("session_id", null);
        row.put("memory_type", type);
        row.put("importance", IMPORTANCE);
        row.put("content", text(content));
        row.put("created_at", seen(created));
        sink.row(SNAPSHOTS, "memory_snapshots", row, origin);
    }

    private void memoryFile(Path file) {
        String origin = relative(file);
        ObjectNode object = readJsonFile(file, MEMORY, origin);
        if (object == null) {
            return;
        }
        attempt(MEMORY, origin, () -> {
            String stamp = textOrNull(object, "timestamp");
            Instant time = stamp == null ? modified(file) : values.requiredTime(stamp, "timestamp");
            String value = text(object);
            ObjectNode metadata = JSON.createObjectNode().put("source", origin);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("namespace", namespace);
            // The file is rewritten in place by every sleep; its time keeps each version apart.
            row.put("entry_key", origin + "@" + time);
            row.put("value", value);
            row.put("data_type", "object");
            row.put("metadata", text(metadata));
            row.put("version", 1L);
            row.put("expires_at", null);
            row.put("size_bytes", (long) value.getBytes(StandardCharsets.UTF_8).length);
            row.put("access_count", 0L);
            row.put("last_accessed_at", null);
            row.put("created_at", seen(time));
            row.put("updated_at", time);
            sink.row(MEMORY, "shared_memory", row, origin);
        });
    }

    // ---- checkpoints

    private void stateManagerCheckpoint(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "checkpoints", "id", row);
        attempt(CHECKPOINTS, origin, () -> {
            String name = required(row, "checkpoint_name");
            JsonNode data = json(row.get("data"), "data");
            // Names repeat (one "shutdown" per run); the row id keeps them apart as the hive's unique name.
            checkpoint("leanvibe:" + db.relativePath() + ":checkpoint:" + row.get("id"), name + "#" + row.get("id"),
                    JSON.createObjectNode().put("leanvibe_checkpoint", name), data,
                    values.requiredTime(row.get("timestamp"), "timestamp"), origin);
        });
    }

    private void claudeStateCheckpoint(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "checkpoints", "id", row);
        attempt(CHECKPOINTS, origin, () -> {
            String name = required(row, "id");
            ObjectNode criteria = JSON.createObjectNode().put("leanvibe_checkpoint", name).put("git_tag", row.text("git_tag"));
            checkpoint("leanvibe:" + db.relativePath() + ":checkpoint:" + name, name, criteria,
                    json(row.get("metrics"), "metrics"), values.requiredTime(row.get("timestamp"), "timestamp"), origin);
        });
    }

    private void checkpointFile(Path file) {
        String origin = relative(file);
        ObjectNode object = readJsonFile(file, CHECKPOINTS, origin);
        if (object == null) {
            return;
        }
        attempt(CHECKPOINTS, origin, () -> {
            String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
            String name = textOrNull(object, "name");
            String checkpointName = name == null || name.isBlank() ? stem : name;
            checkpoint("leanvibe:" + origin, checkpointName, JSON.createObjectNode().put("leanvibe_checkpoint", checkpointName),
                    object, values.requiredTime(textOrNull(object, "timestamp"), "timestamp"), origin);
        });
    }

    // A LeanVibe checkpoint records a state that was reached; nothing re-evaluates it, so it is a
    // passed milestone, evaluated when it was taken, with what LeanVibe stored as its result.
    private void checkpoint(String id, String name, ObjectNode criteria, JsonNode data, Instant taken, String origin) {
        if (!checkpointNames.add(name)) {
            sink.skipped(CHECKPOINTS, origin, "checkpoint name " + name + " already imported from another file");
            return;
        }
        ObjectNode result;
        if (data instanceof ObjectNode object) {
            result = object;
        } else {
            result = JSON.createObjectNode();
            result.set("data", data == null ? JSON.nullNode() : data);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("project_id", projectId);
        row.put("name", name);
        row.put("kind", "milestone");
        row.put("status", "passed");
        row.put("criteria", text(criteria));
        row.put("last_result", text(result));
        row.put("evaluated_at", taken);
        row.put("created_at", seen(taken));
        row.put("updated_at", taken);
        sink.row(CHECKPOINTS, "checkpoints", row, origin);
    }

    // ---- metrics, events, messages

    // The table keeps no time; the file's last write is the latest the rows can be.
    private void performance(LeanVibeDatabase db, Row row, Instant written) {
        String origin = db.relativePath() + " performance rowid=" + row.rowid();
        attempt(METRICS, origin, () -> {
            if (!(row.get("duration") instanceof Number duration)) {
                throw new IllegalArgumentException("duration is not a number: " + row.get("duration"));
            }
            String agentId = row.text("agent");
            String taskId = row.text("task_id");
            ObjectNode tags = rowObject(row.values());
            tags.remove("duration");
            if (row.get("success") instanceof Number success) {
                tags.put("success", success.longValue() != 0);
            }
            // LeanVibe measures durations as time.time() differences: seconds.
            metric("leanvibe:" + db.relativePath() + ":performance:" + row.rowid(),
                    agentId != null && agents.containsKey(agentId) ? agentId : null,
                    taskId != null && tasks.containsKey(taskId) ? taskId : null,
                    "task_duration", duration.doubleValue(), "s", tags, written, origin);
        });
    }

    private void metric(String id, String agentId, String taskId, String name, double value, String unit,
                        ObjectNode tags, Instant recorded, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("agent_id", agentId);
        row.put("task_id", taskId);
        row.put("name", name);
        row.put("value", value);
        row.put("unit", unit);
        row.put("tags", text(tags));
        row.put("recorded_at", seen(recorded));
        sink.row(METRICS, "performance_metrics", row, origin);
    }

    private void systemSnapshot(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "system_snapshots", "id", row);
        attempt(EVENTS, origin, () -> {
            event("leanvibe:" + db.relativePath() + ":system_snapshot:" + row.get("id"), "leanvibe.system_snapshot",
                    null, rowObject(row.values()), values.requiredTime(row.get("timestamp"), "timestamp"), origin);
        });
    }

    /**
     * A communication between two imported agents becomes a message; one naming an agent that is
     * not imported (the hive's messages need both ends) is kept as an event.
     */
    private void communication(LeanVibeDatabase db, Row row) {
        String origin = origin(db, "agent_communications", "id", row);
        String id = "leanvibe:" + db.relativePath() + ":communication:" + row.get("id");
        attempt(MESSAGES, origin, () -> {
            String from = row.text("from_agent");
            String to = required(row, "to_agent");
            Instant sent = values.requiredTime(row.get("timestamp"), "timestamp");
            if (!agents.containsKey(to) || from != null && !agents.containsKey(from)) {
                event(id, "leanvibe.agent_communication", from, rowObject(row.values()), sent, origin);
                return;
            }
            String content = row.text("message_content");
            JsonNode payload;
            try {
                payload = json(content, "message_content");
            } catch (IllegalArgumentException plainText) {
                // LeanVibe's message_content is free text as often as JSON.
                payload = JSON.createObjectNode().put("text", content);
            }
            boolean delivered = row.get("delivered") instanceof Number flag && flag.longValue() != 0;
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", id);
            message.put("from_agent", from);
            message.put("to_agent", to);
            message.put("type", required(row, "message_type"));
            message.put("priority", MESSAGE_PRIORITY);
            message.put("payload", text(payload));
            message.put("correlation_id", null);
            message.put("reply_to", null);
            message.put("broadcast_id", null);
            message.put("sent_at", seen(sent));
            message.put("visible_at", sent);
            // LeanVibe knows delivery only; a delivered message is done with, so it is acknowledged too
            // and does not reappear in the recipient's inbox.
            message.put("delivered_at", delivered ? sent : null);
            message.put("acked_at", delivered ? sent : null);
            message.put("expires_at", null);
            message.put("delivery_count", delivered ? 1L : 0L);
            sink.row(MESSAGES, "agent_messages", message, origin);
        });
    }

    private void event(String id, String type, String agentId, ObjectNode details, Instant occurred, String origin) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("type", type);
        row.put("severity", "info");
        row.put("agent_id", agentId);
        row.put("correlation_id", null);
        row.put("details", text(details));
        row.put("occurred_at", seen(occurred));
        sink.row(EVENTS, "events", row, origin);
    }

    // ---- the project

    // Created at the earliest time read, so that the same folder always gives the same row.
    private void project() {
        Instant created = earliest == null ? modified(folder) : earliest;
        String name = projectId.substring("leanvibe:".length());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", projectId);
        row.put("name", name);
        row.put("description", "Imported from the LeanVibe agent-hive installation in " + name);
        row.put("kind", "project");
        row.put("parent_id", null);
        row.put("status", "active");
        row.put("metadata", text(JSON.createObjectNode().put("importer", "leanvibe")));
        row.put("created_at", created);
        row.put("updated_at", created);
        sink.row(PROJECTS, "projects", row, projectId);
    }

    // ---- helpers

    /** Runs one row's mapping; a value it cannot read rejects that row only. */
    private void attempt(String kind, String origin, Runnable mapping) {
        try {
            mapping.run();
        } catch (IllegalArgumentException e) {
            sink.rejected(kind, origin, e.getMessage());
        }
    }

    private Instant seen(Instant time) {
        if (earliest == null || time.isBefore(earliest)) {
            earliest = time;
        }
        return time;
    }

    private static String mapped(Map<String, String> statuses, String status, String column) {
        String value = status == null ? null : statuses.get(status.trim().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw new IllegalArgumentException(column + " '" + status + "' is none of " + statuses.keySet().stream().sorted().toList());
        }
        return value;
    }

    private static String required(Row row, String column) {
        String value = row.text(column);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(column + " is missing");
        }
        return value;
    }

    private static String requiredText(ObjectNode object, String field) {
        String value = textOrNull(object, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static String textOrNull(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : text(node);
    }

    private static String firstLine(String text, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String line = text.strip().lines().findFirst().orElse(fallback);
        return line.length() > 255 ? line.substring(0, 255) : line;
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

    private static String origin(LeanVibeDatabase db, String table, String keyColumn, Row row) {
        return db.relativePath() + " " + table + " " + keyColumn + "=" + row.get(keyColumn);
    }

    private String relative(Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private ObjectNode readJsonFile(Path file, String kind, String origin) {
        try {
            if (Files.size(file) == 0) {
                sink.skipped(kind, origin, "empty file");
                return null;
            }
            return jsonObject(Files.readString(file, StandardCharsets.UTF_8), "file");
        } catch (IOException e) {
            sink.rejected(kind, origin, "unreadable: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            sink.rejected(kind, origin, e.getMessage());
        }
        return null;
    }

    private List<Path> files(String directory, String glob) {
        Path dir = folder.resolve(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(path -> {
                if (Files.isRegularFile(path)) {
                    files.add(path);
                }
            });
        } catch (IOException e) {
            sink.rejected(LeanVibeDatabase.FILES, directory, "unreadable folder: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    private static Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the modification time of " + path + ": " + e.getMessage(), e);
        }
    }
}
