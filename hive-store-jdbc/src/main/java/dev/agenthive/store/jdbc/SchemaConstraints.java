package dev.agenthive.store.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named constraints of the Agent Hive schema, shared by every dialect's migrations, and the api
 * field each one guards. This is what lets a CHECK failure deep in the database come back as an
 * {@link dev.agenthive.api.error.InvalidInputException} naming the caller's field.
 */
public final class SchemaConstraints {

    /** Field and rule of one constraint. */
    public record Guard(String field, String rule) {
    }

    private static final String VALID_JSON = "must be valid JSON";
    private static final String JSON_ARRAY = "must be a JSON array of strings";
    private static final String JSON_OBJECT = "must be a JSON object";

    private static final Map<String, Guard> GUARDS = Map.ofEntries(
            Map.entry("agents_status_check", new Guard("agent.status", "must be a known agent status")),
            Map.entry("agents_capabilities_json", new Guard("agent.capabilities", JSON_ARRAY)),
            Map.entry("agents_configuration_json", new Guard("agent.configuration", VALID_JSON)),
            Map.entry("tasks_status_check", new Guard("task.status", "must be a known task status")),
            Map.entry("tasks_required_capabilities_json", new Guard("task.requiredCapabilities", JSON_ARRAY)),
            Map.entry("tasks_payload_json", new Guard("task.payload", VALID_JSON)),
            Map.entry("tasks_result_json", new Guard("task.result", VALID_JSON)),
            Map.entry("tasks_error_json", new Guard("task.error", VALID_JSON)),
            Map.entry("tasks_attempts_check", new Guard("task.attempts", "must be between 0 and task.maxAttempts")),
            Map.entry("tasks_max_attempts_check", new Guard("task.maxAttempts", "must be positive")),
            Map.entry("tasks_not_own_parent", new Guard("task.parentId", "must not be the task itself")),
            Map.entry("tasks_assigned_agent_fk", new Guard("task.assignedAgent", "must be a registered agent")),
            Map.entry("task_dependencies_not_self", new Guard("task.dependencies", "must not contain the task itself")),
            Map.entry("agent_messages_payload_json", new Guard("message.payload", VALID_JSON)),
            Map.entry("agent_messages_delivery_count_check", new Guard("message.deliveryCount", "must not be negative")),
            Map.entry("events_severity_check", new Guard("event.severity", "must be a known severity")),
            Map.entry("events_details_json", new Guard("event.details", VALID_JSON)),
            Map.entry("shared_memory_value_json", new Guard("memory.value", VALID_JSON)),
            Map.entry("shared_memory_metadata_json", new Guard("memory.metadata", VALID_JSON)),
            Map.entry("shared_memory_data_type_check", new Guard("memory.dataType", "must be a known JSON type")),
            Map.entry("shared_memory_version_check", new Guard("memory.version", "must be positive")),
            Map.entry("projects_kind_check", new Guard("project.kind", "must be a known project kind")),
            Map.entry("projects_status_check", new Guard("project.status", "must be a known project status")),
            Map.entry("projects_metadata_json", new Guard("project.metadata", VALID_JSON)),
            Map.entry("projects_parent_check", new Guard("project.parentId",
                    "is required for an epic, must be null for a project, and must not be the epic itself")),
            Map.entry("performance_metrics_tags_json", new Guard("metric.tags", JSON_OBJECT)),
            Map.entry("checkpoints_kind_check", new Guard("checkpoint.kind", "must be a known checkpoint kind")),
            Map.entry("checkpoints_status_check", new Guard("checkpoint.status", "must be a known checkpoint status")),
            Map.entry("checkpoints_criteria_json", new Guard("checkpoint.criteria", JSON_OBJECT)),
            Map.entry("checkpoints_last_result_json", new Guard("checkpoint.lastResult", JSON_OBJECT)),
            Map.entry("git_state_head_commit_check", new Guard("gitState.headCommit",
                    "must be 40 or 64 lower-case hexadecimal digits")),
            Map.entry("git_state_dirty_check", new Guard("gitState.dirty", "must be true or false")),
            Map.entry("git_state_ahead_check", new Guard("gitState.ahead", "must not be negative")),
            Map.entry("git_state_behind_check", new Guard("gitState.behind", "must not be negative")),
            Map.entry("pull_requests_number_check", new Guard("pullRequest.number", "must be positive")),
            Map.entry("pull_requests_status_check", new Guard("pullRequest.status", "must be a known pull request status")),
            Map.entry("pull_requests_branches_differ", new Guard("pullRequest.targetBranch",
                    "must differ from pullRequest.sourceBranch")),
            Map.entry("pull_requests_merged_at_check", new Guard("pullRequest.mergedAt", "must be set exactly when merged")),
            Map.entry("pull_requests_closed_at_check", new Guard("pullRequest.closedAt", "must be set exactly when closed")),
            Map.entry("configurations_scope_check", new Guard("config.scope", "must be a known scope")),
            Map.entry("configurations_scope_agent_check", new Guard("config.agentId",
                    "must be null for the system scope and set for the agent scope")),
            Map.entry("configurations_value_json", new Guard("config.value", VALID_JSON)),
            Map.entry("configurations_version_check", new Guard("config.version", "must be positive")),
            Map.entry("context_sessions_token_count_check", new Guard("session.tokenCount", "must not be negative")),
            Map.entry("context_sessions_max_tokens_check", new Guard("session.maxTokens", "must be positive")),
            Map.entry("context_sessions_usage_level_check", new Guard("session.usageLevel", "must be a known usage level")),
            Map.entry("context_sessions_active_check",
                    new Guard("session.active", "must be set exactly while the session has not ended")),
            Map.entry("memory_snapshot_contents_hash_check",
                    new Guard("snapshot.contentHash", "must be 64 lower-case hex digits")),
            Map.entry("memory_snapshot_contents_content_json", new Guard("snapshot.content", VALID_JSON)),
            Map.entry("memory_snapshot_contents_size_check", new Guard("snapshot.sizeBytes", "must not be negative")),
            Map.entry("memory_snapshot_contents_compressed_size_check",
                    new Guard("snapshot.compressedSize", "must not be negative")),
            Map.entry("memory_snapshots_importance_check", new Guard("snapshot.importance", "must be between 0.0 and 1.0")),
            Map.entry("memory_snapshots_size_check", new Guard("snapshot.sizeBytes", "must not be negative")));

    /**
     * Every unique key: name (a primary key's is {@code <table>_pkey}), table, columns in index order
     * (none for an index over expressions), and the field it guards.
     */
    private static final List<UniqueKey> UNIQUE_KEYS = List.of(
            new UniqueKey("agents_pkey", "agents", List.of("id"), new Guard("agent.id", "is already used")),
            new UniqueKey("tasks_pkey", "tasks", List.of("id"), new Guard("task.id", "is already used")),
            new UniqueKey("tasks_idempotency_key_uq", "tasks", List.of("idempotency_key"),
                    new Guard("task.idempotencyKey", "is already used")),
            new UniqueKey("agent_messages_pkey", "agent_messages", List.of("id"), new Guard("message.id", "is already used")),
            new UniqueKey("agent_messages_idempotency_key_uq", "agent_messages", List.of("idempotency_key", "to_agent"),
                    new Guard("message.idempotencyKey", "is already used for this recipient")),
            new UniqueKey("events_pkey", "events", List.of("id"), new Guard("event.id", "is already used")),
            new UniqueKey("task_dependencies_pkey", "task_dependencies", List.of("task_id", "depends_on_id"),
                    new Guard("task.dependencies", "must not repeat a task")),
            new UniqueKey("projects_pkey", "projects", List.of("id"), new Guard("project.id", "is already used")),
            new UniqueKey("performance_metrics_pkey", "performance_metrics", List.of("id"),
                    new Guard("metric.id", "is already used")),
            new UniqueKey("checkpoints_pkey", "checkpoints", List.of("id"), new Guard("checkpoint.id", "is already used")),
            new UniqueKey("checkpoints_project_name_uq", "checkpoints", List.of("project_id", "name"),
                    new Guard("checkpoint.name", "is already used in the project")),
            new UniqueKey("git_state_pkey", "git_state", List.of("agent_id", "worktree_path"),
                    new Guard("gitState.worktreePath", "is already used")),
            new UniqueKey("pull_requests_pkey", "pull_requests", List.of("number"),
                    new Guard("pullRequest.number", "is already recorded")),
            new UniqueKey("configurations_identity_uq", "configurations", List.of(),
                    new Guard("config.key", "is already used in this scope and category")),
            new UniqueKey("context_sessions_pkey", "context_sessions", List.of("id"),
                    new Guard("session.id", "is already used")),
            // The partial unique index over active sessions: one active session per agent.
            new UniqueKey("context_sessions_one_active_uq", "context_sessions", List.of("agent_id"),
                    new Guard("session.agentId", "already has an active session")),
            new UniqueKey("memory_snapshots_pkey", "memory_snapshots", List.of("id"),
                    new Guard("snapshot.id", "is already used")));

    private static final Map<String, Guard> UNIQUE_BY_NAME = UNIQUE_KEYS.stream()
            .collect(Collectors.toUnmodifiableMap(UniqueKey::name, UniqueKey::guard));

    private SchemaConstraints() {
    }

    /** The guard of a CHECK or foreign key constraint, by constraint name. */
    public static Optional<Guard> check(String constraint) {
        return constraint == null ? Optional.empty() : Optional.ofNullable(GUARDS.get(constraint));
    }

    /**
     * The field behind a unique key, by its name, or else by its table and columns (in any order),
     * as far as the database reported them.
     */
    public static Optional<Guard> unique(SqlFailure.Constraint constraint) {
        if (constraint == null) {
            return Optional.empty();
        }
        if (constraint.name() != null && UNIQUE_BY_NAME.containsKey(constraint.name())) {
            return Optional.of(UNIQUE_BY_NAME.get(constraint.name()));
        }
        if (constraint.table() == null || constraint.columns().isEmpty()) {
            return Optional.empty();
        }
        return UNIQUE_KEYS.stream()
                .filter(key -> key.table().equals(constraint.table()) && !key.columns().isEmpty()
                        && Set.copyOf(key.columns()).equals(Set.copyOf(constraint.columns())))
                .map(UniqueKey::guard)
                .findFirst();
    }

    private record UniqueKey(String name, String table, List<String> columns, Guard guard) {
    }
}
