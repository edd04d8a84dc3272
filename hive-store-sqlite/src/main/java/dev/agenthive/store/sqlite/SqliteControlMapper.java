package dev.agenthive.store.sqlite;

/**
 * SQLite's transaction control and pragmas; statements in {@code SqliteControlMapper.xml}. The
 * store drives transactions itself (BEGIN IMMEDIATE, group commit, savepoints), so connections stay
 * in JDBC auto-commit mode and these statements are the only transaction boundaries.
 */
public interface SqliteControlMapper {

    void beginImmediate();

    void beginDeferred();

    void commit();

    void rollback();

    void queryOnly();

    int selectOne();

    String journalMode();

    int synchronous();

    int foreignKeys();

    int busyTimeout();

    int queryOnlyState();

    long journalSizeLimit();

    int pageSize();

    CheckpointResult checkpointPassive();

    CheckpointResult checkpointRestart();

    CheckpointResult checkpointTruncate();

    /** Outcome of {@code PRAGMA wal_checkpoint}: whether it was blocked, WAL frames, frames checkpointed. */
    record CheckpointResult(int busy, int log, int checkpointed) {
    }
}
