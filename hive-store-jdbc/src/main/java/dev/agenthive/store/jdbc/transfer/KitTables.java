package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.transfer.Column;
import dev.agenthive.api.transfer.ColumnType;
import dev.agenthive.api.transfer.TableSpec;

import java.util.List;
import java.util.Optional;

import static dev.agenthive.api.transfer.Column.optional;
import static dev.agenthive.api.transfer.Column.required;
import static dev.agenthive.api.transfer.ColumnType.INSTANT;
import static dev.agenthive.api.transfer.ColumnType.INTEGER;
import static dev.agenthive.api.transfer.ColumnType.JSON;
import static dev.agenthive.api.transfer.ColumnType.REAL;
import static dev.agenthive.api.transfer.ColumnType.TEXT;

/**
 * The tables the kit's migrations build (SQLite, PostgreSQL and MariaDB V1 to V8, and the H2 example's
 * own), parents first. Table {@code blobs} is not here: blobs move through the
 * {@link dev.agenthive.api.blob.BlobStore} port, whichever store keeps them.
 *
 * <p>An event's commit-order position {@code seq} moves as it is, so that the copy's proof holds; the
 * target then raises its own counter above the copied numbers
 * ({@link dev.agenthive.store.jdbc.event.EventPositions#raiseAboveStored}). An event without one (an
 * importer's, which has no position of the hive's) gets the store's next position, as the store's own
 * events do: so {@code seq} may be empty in a row given to {@code insert}, though never in the database. PostgreSQL's {@code events.tx}
 * (the writing transaction) and MariaDB's counter table {@code event_position} are not in the layout:
 * each target assigns its own, and on PostgreSQL the copying transaction's id is below every later
 * transaction's, which is what puts the copied events before the target's own.
 */
public final class KitTables {

    /**
     * The version of this layout. Raise it with every migration that adds, drops or changes a column,
     * and change the tables below to match; {@code KitTablesMatchSchemaTest} in hive-it compares
     * them with the columns each database really has.
     */
    public static final int LAYOUT = 8;

    /** The name of the events table, whose positions a copy raises the target's counter above. */
    public static final String EVENTS = "events";

    /** Every table, parents before the tables that refer to them. */
    public static final List<TableSpec> ALL = List.of(
            table("agents", List.of("id"), null,
                    required("id", TEXT), required("type", TEXT), required("status", TEXT),
                    required("capabilities", JSON), optional("worktree_path", TEXT), optional("branch", TEXT),
                    required("configuration", JSON), required("created_at", INSTANT),
                    required("last_heartbeat_at", INSTANT), required("updated_at", INSTANT)),
            table("tasks", List.of("id"), "parent_id",
                    required("id", TEXT), required("title", TEXT), optional("description", TEXT),
                    required("type", TEXT), required("status", TEXT), required("priority", INTEGER),
                    optional("parent_id", TEXT), optional("assigned_agent", TEXT),
                    required("required_capabilities", JSON), required("payload", JSON), optional("result", JSON),
                    optional("error", JSON), required("attempts", INTEGER), required("max_attempts", INTEGER),
                    required("lease_token", INTEGER), optional("lease_until", INSTANT),
                    required("available_at", INSTANT), optional("idempotency_key", TEXT),
                    required("created_at", INSTANT), required("updated_at", INSTANT), optional("finished_at", INSTANT),
                    optional("payload_blob", TEXT), optional("result_blob", TEXT)),
            table("task_dependencies", List.of("task_id", "depends_on_id"), null,
                    required("task_id", TEXT), required("depends_on_id", TEXT), required("ordinal", INTEGER)),
            table("agent_messages", List.of("id"), null,
                    required("id", TEXT), optional("from_agent", TEXT), required("to_agent", TEXT),
                    required("type", TEXT), required("priority", INTEGER), required("payload", JSON),
                    optional("correlation_id", TEXT), optional("reply_to", TEXT), optional("broadcast_id", TEXT),
                    required("sent_at", INSTANT), required("visible_at", INSTANT), optional("delivered_at", INSTANT),
                    optional("acked_at", INSTANT), optional("expires_at", INSTANT),
                    required("delivery_count", INTEGER), optional("idempotency_key", TEXT),
                    optional("payload_blob", TEXT)),
            table(EVENTS, List.of("id"), null,
                    required("id", TEXT), required("type", TEXT), required("severity", TEXT),
                    optional("agent_id", TEXT), optional("correlation_id", TEXT), required("details", JSON),
                    required("occurred_at", INSTANT), optional("seq", INTEGER)),
            table("shared_memory", List.of("namespace", "entry_key"), null,
                    required("namespace", TEXT), required("entry_key", TEXT), required("value", JSON),
                    required("data_type", TEXT), required("metadata", JSON), required("version", INTEGER),
                    optional("expires_at", INSTANT), required("size_bytes", INTEGER),
                    required("access_count", INTEGER), optional("last_accessed_at", INSTANT),
                    required("created_at", INSTANT), required("updated_at", INSTANT)),
            table("projects", List.of("id"), "parent_id",
                    required("id", TEXT), required("name", TEXT), optional("description", TEXT),
                    required("kind", TEXT), optional("parent_id", TEXT), required("status", TEXT),
                    required("metadata", JSON), required("created_at", INSTANT), required("updated_at", INSTANT)),
            table("project_tasks", List.of("project_id", "task_id"), null,
                    required("project_id", TEXT), required("task_id", TEXT), required("linked_at", INSTANT)),
            table("performance_metrics", List.of("id"), null,
                    required("id", TEXT), optional("agent_id", TEXT), optional("task_id", TEXT),
                    required("name", TEXT), required("value", REAL), required("unit", TEXT),
                    required("tags", JSON), required("recorded_at", INSTANT)),
            table("checkpoints", List.of("id"), null,
                    required("id", TEXT), required("project_id", TEXT), required("name", TEXT),
                    required("kind", TEXT), required("status", TEXT), required("criteria", JSON),
                    optional("last_result", JSON), optional("evaluated_at", INSTANT),
                    required("created_at", INSTANT), required("updated_at", INSTANT)),
            table("context_sessions", List.of("id"), null,
                    required("id", TEXT), required("agent_id", TEXT), required("token_count", INTEGER),
                    required("max_tokens", INTEGER), required("usage_level", TEXT), required("active", INTEGER),
                    required("started_at", INSTANT), optional("ended_at", INSTANT), required("updated_at", INSTANT)),
            table("memory_snapshot_contents", List.of("content_hash"), null,
                    required("content_hash", TEXT), required("content", JSON), required("size_bytes", INTEGER),
                    optional("compressed_size", INTEGER), required("created_at", INSTANT),
                    required("location", TEXT)),
            table("memory_snapshots", List.of("id"), null,
                    required("id", TEXT), required("agent_id", TEXT), optional("session_id", TEXT),
                    required("memory_type", TEXT), required("importance", REAL), required("content_hash", TEXT),
                    required("size_bytes", INTEGER), required("created_at", INSTANT)),
            table("git_state", List.of("agent_id", "worktree_path"), null,
                    required("agent_id", TEXT), required("worktree_path", TEXT), optional("branch", TEXT),
                    required("head_commit", TEXT), required("dirty", INTEGER), required("ahead", INTEGER),
                    required("behind", INTEGER), required("updated_at", INSTANT)),
            table("pull_requests", List.of("number"), null,
                    required("number", INTEGER), required("author_agent", TEXT), required("title", TEXT),
                    required("source_branch", TEXT), required("target_branch", TEXT), required("status", TEXT),
                    optional("url", TEXT), required("created_at", INSTANT), required("updated_at", INSTANT),
                    optional("merged_at", INSTANT), optional("closed_at", INSTANT)),
            table("configurations", List.of("scope", "agent_id", "category", "config_key"), null,
                    required("scope", TEXT), optional("agent_id", TEXT), required("category", TEXT),
                    required("config_key", TEXT), required("value", JSON), required("version", INTEGER),
                    required("created_at", INSTANT), required("updated_at", INSTANT)));

    private KitTables() {
    }

    /**
     * This layout's own spec of the table {@code table} names, so that only names written here ever
     * reach SQL text.
     *
     * @throws InvalidInputException the layout has no such table, or its columns differ
     */
    public static TableSpec require(TableSpec table) {
        Optional<TableSpec> own = ALL.stream().filter(candidate -> candidate.name().equals(table.name())).findFirst();
        if (own.isEmpty()) {
            throw new InvalidInputException("table", "layout " + LAYOUT + " has no table '" + table.name() + "'");
        }
        if (!own.get().equals(table)) {
            throw new InvalidInputException("table", "table '" + table.name() + "' has other columns in layout "
                    + LAYOUT + " than the ones given");
        }
        return own.get();
    }

    private static TableSpec table(String name, List<String> key, String parentColumn, Column... columns) {
        return new TableSpec(name, List.of(columns), key, Optional.ofNullable(parentColumn));
    }

    /** The Java type that carries values of {@code type}, for messages. */
    static String carrier(ColumnType type) {
        return switch (type) {
            case TEXT, JSON -> "String";
            case INTEGER -> "Long";
            case REAL -> "Double";
            case INSTANT -> "Instant";
        };
    }
}
