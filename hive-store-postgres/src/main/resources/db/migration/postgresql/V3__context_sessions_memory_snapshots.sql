-- Agent Hive schema V3 for PostgreSQL: context sessions and memory snapshots. Same names and
-- conventions as V1 (and as SQLite's V3). The active flag stays an integer 0/1, as in SQLite, so
-- that the shared mapper statements compare it the same way on both databases.

CREATE TABLE context_sessions (
    id          text        NOT NULL PRIMARY KEY,
    agent_id    text        NOT NULL
        CONSTRAINT context_sessions_agent_fk REFERENCES agents (id),
    token_count bigint      NOT NULL DEFAULT 0
        CONSTRAINT context_sessions_token_count_check CHECK (token_count >= 0),
    max_tokens  bigint      NOT NULL
        CONSTRAINT context_sessions_max_tokens_check CHECK (max_tokens >= 1),
    usage_level text        NOT NULL DEFAULT 'normal'
        CONSTRAINT context_sessions_usage_level_check CHECK (usage_level IN ('normal', 'consolidate', 'critical', 'sleep')),
    active      smallint    NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT context_sessions_active_check
        CHECK ((active = 1 AND ended_at IS NULL) OR (active = 0 AND ended_at IS NOT NULL))
);

-- One active session per agent, enforced here and not only in code.
CREATE UNIQUE INDEX context_sessions_one_active_uq ON context_sessions (agent_id) WHERE active = 1;
CREATE INDEX context_sessions_agent_idx ON context_sessions (agent_id, started_at, id);

CREATE TABLE memory_snapshot_contents (
    content_hash    text        NOT NULL PRIMARY KEY
        CONSTRAINT memory_snapshot_contents_hash_check CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    content         jsonb       NOT NULL,
    size_bytes      bigint      NOT NULL
        CONSTRAINT memory_snapshot_contents_size_check CHECK (size_bytes >= 0),
    compressed_size bigint
        CONSTRAINT memory_snapshot_contents_compressed_size_check CHECK (compressed_size IS NULL OR compressed_size >= 0),
    created_at      timestamptz NOT NULL
);

CREATE TABLE memory_snapshots (
    id           text             NOT NULL PRIMARY KEY,
    agent_id     text             NOT NULL
        CONSTRAINT memory_snapshots_agent_fk REFERENCES agents (id),
    session_id   text
        CONSTRAINT memory_snapshots_session_fk REFERENCES context_sessions (id),
    memory_type  text             NOT NULL,
    importance   double precision NOT NULL
        CONSTRAINT memory_snapshots_importance_check CHECK (importance BETWEEN 0.0 AND 1.0),
    content_hash text             NOT NULL
        CONSTRAINT memory_snapshots_content_fk REFERENCES memory_snapshot_contents (content_hash),
    size_bytes   bigint           NOT NULL
        CONSTRAINT memory_snapshots_size_check CHECK (size_bytes >= 0),
    created_at   timestamptz      NOT NULL
);

CREATE INDEX memory_snapshots_agent_rank_idx ON memory_snapshots (agent_id, importance DESC, created_at DESC, id DESC);
CREATE INDEX memory_snapshots_agent_type_idx ON memory_snapshots (agent_id, memory_type, created_at, id);
CREATE INDEX memory_snapshots_agent_created_idx ON memory_snapshots (agent_id, created_at, id);
CREATE INDEX memory_snapshots_session_idx ON memory_snapshots (session_id);
CREATE INDEX memory_snapshots_content_idx ON memory_snapshots (content_hash);
