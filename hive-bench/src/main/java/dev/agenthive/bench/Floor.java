package dev.agenthive.bench;

import java.util.List;

/**
 * The floor: the benchmark's operations written by hand as plain JDBC on the same schema and database
 * settings as Agent Hive, with none of its checks, so the difference between the two is what Agent
 * Hive's safety and convenience cost. Thread-safe.
 */
interface Floor extends AutoCloseable {
    /** Opens the floor for {@code target}, whose schema Agent Hive has created, with {@code connections} connections. */
    static Floor open(BenchTarget target, int connections) throws Exception {
        return "sqlite".equals(target.store()) ? new SqliteFloor(target) : new PostgresFloor(target, connections);
    }

    /** Enqueues {@code count} tasks without requirements, as one batch per 1,000 (setup, not measured). */
    void enqueue(int count) throws Exception;

    /** Claims up to {@code max} queued tasks for {@code agentId} in one transaction, first in queue order. */
    List<ClaimedTask> claim(String agentId, int max) throws Exception;

    /** Completes a claimed task; fails when its lease token no longer matches. */
    void complete(ClaimedTask claim, String resultJson) throws Exception;

    /** Tasks in status {@code completed}. */
    long countCompleted() throws Exception;

    /** Writes a shared-memory entry like Agent Hive's put: insert at version 1, else version + 1. @return the version */
    long put(String namespace, String key, String valueJson) throws Exception;

    /** A live shared-memory entry's value, or {@code null}. */
    String get(String namespace, String key) throws Exception;

    /** An agent's status, or {@code null} when there is no such agent. */
    String agentStatus(String agentId) throws Exception;

    /** Sets an agent's status (and its update time) in one transaction. */
    void setAgentStatus(String agentId, String status) throws Exception;

    /** Inserts events in one transaction. */
    void insertEvents(List<FloorEvent> events) throws Exception;

    /** Events of {@code type} in the log. */
    long countEvents(String type) throws Exception;

    /**
     * Stores a memory snapshot the way Agent Hive's schema keeps content in its row: the content row
     * under the SHA-256 of its text unless one is there, and the snapshot row, in one transaction.
     */
    void putSnapshot(String id, String agentId, String memoryType, double importance, String contentJson)
            throws Exception;

    /** A snapshot's content as text, or {@code null} when there is no such snapshot. */
    String snapshotContent(String id) throws Exception;

    /** Snapshot rows and content rows stored. */
    SnapshotCounts snapshotCounts() throws Exception;

    /** One row of the event log. */
    record FloorEvent(String id, String type, String severity, String agentId, String detailsJson) {
    }

    /** How many snapshots and distinct contents a store holds. */
    record SnapshotCounts(long snapshots, long contents) {
    }
}
