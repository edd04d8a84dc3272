-- Agent Hive schema V3 for SQLite: context sessions and memory snapshots.
-- Same conventions as V1: INTEGER epoch milliseconds, JSON as TEXT checked by json_valid, a named
-- CHECK on every enum column, an index on every foreign-key column.

CREATE TABLE context_sessions (
    id          TEXT    NOT NULL PRIMARY KEY,
    agent_id    TEXT    NOT NULL
        CONSTRAINT context_sessions_agent_fk REFERENCES agents (id),
    token_count INTEGER NOT NULL DEFAULT 0
        CONSTRAINT context_sessions_token_count_check CHECK (token_count >= 0),
    max_tokens  INTEGER NOT NULL
        CONSTRAINT context_sessions_max_tokens_check CHECK (max_tokens >= 1),
    usage_level TEXT    NOT NULL DEFAULT 'normal'
        CONSTRAINT context_sessions_usage_level_check CHECK (usage_level IN ('normal', 'consolidate', 'critical', 'sleep')),
    active      INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT context_sessions_active_check
        CHECK ((active = 1 AND ended_at IS NULL) OR (active = 0 AND ended_at IS NOT NULL))
) STRICT;

-- One active session per agent, enforced here and not only in code; also serves the list of active sessions.
CREATE UNIQUE INDEX context_sessions_one_active_uq ON context_sessions (agent_id) WHERE active = 1;
-- Foreign key, and the agent's history newest first.
CREATE INDEX context_sessions_agent_idx ON context_sessions (agent_id, started_at, id);

-- Snapshot content, stored once per SHA-256 of its text. The one place content lives, so that large
-- content can later move to the blob store with only this table (and its mapper) changing.
CREATE TABLE memory_snapshot_contents (
    content_hash    TEXT    NOT NULL PRIMARY KEY
        CONSTRAINT memory_snapshot_contents_hash_check
            CHECK (length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
    content         TEXT    NOT NULL
        CONSTRAINT memory_snapshot_contents_content_json CHECK (json_valid(content)),
    size_bytes      INTEGER NOT NULL
        CONSTRAINT memory_snapshot_contents_size_check CHECK (size_bytes >= 0),
    compressed_size INTEGER
        CONSTRAINT memory_snapshot_contents_compressed_size_check CHECK (compressed_size IS NULL OR compressed_size >= 0),
    created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE memory_snapshots (
    id           TEXT    NOT NULL PRIMARY KEY,
    agent_id     TEXT    NOT NULL
        CONSTRAINT memory_snapshots_agent_fk REFERENCES agents (id),
    session_id   TEXT
        CONSTRAINT memory_snapshots_session_fk REFERENCES context_sessions (id),
    memory_type  TEXT    NOT NULL,
    importance   REAL    NOT NULL
        CONSTRAINT memory_snapshots_importance_check CHECK (importance BETWEEN 0.0 AND 1.0),
    content_hash TEXT    NOT NULL
        CONSTRAINT memory_snapshots_content_fk REFERENCES memory_snapshot_contents (content_hash),
    size_bytes   INTEGER NOT NULL
        CONSTRAINT memory_snapshots_size_check CHECK (size_bytes >= 0),
    created_at   INTEGER NOT NULL
) STRICT;

-- Foreign key, and pruning: one agent's snapshots in ranking order.
CREATE INDEX memory_snapshots_agent_rank_idx ON memory_snapshots (agent_id, importance DESC, created_at DESC, id DESC);
-- Listing and the latest snapshot of a type (sleep and wake).
CREATE INDEX memory_snapshots_agent_type_idx ON memory_snapshots (agent_id, memory_type, created_at, id);
CREATE INDEX memory_snapshots_agent_created_idx ON memory_snapshots (agent_id, created_at, id);
-- Foreign keys; the content index also finds the contents a delete leaves unreferenced.
CREATE INDEX memory_snapshots_session_idx ON memory_snapshots (session_id);
CREATE INDEX memory_snapshots_content_idx ON memory_snapshots (content_hash);
