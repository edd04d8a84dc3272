-- Agent Hive schema V3 for MariaDB and MySQL: context sessions and memory snapshots. Same names as
-- the other stores' V3, same conventions as V1; the active flag is a SMALLINT 0/1 as in PostgreSQL.

CREATE TABLE context_sessions (
    id              VARCHAR(255) NOT NULL,
    agent_id        VARCHAR(255) NOT NULL,
    token_count     BIGINT       NOT NULL DEFAULT 0,
    max_tokens      BIGINT       NOT NULL,
    usage_level     VARCHAR(32)  NOT NULL DEFAULT 'normal',
    active          SMALLINT     NOT NULL,
    started_at      BIGINT       NOT NULL,
    ended_at        BIGINT,
    updated_at      BIGINT       NOT NULL,
    -- The agent of an active session, NULL for an ended one: the unique index over it is the other
    -- stores' partial unique index over agent_id WHERE active = 1. Invisible to SELECT *.
    active_agent_id VARCHAR(255) GENERATED ALWAYS AS (CASE WHEN active = 1 THEN agent_id END) VIRTUAL INVISIBLE,
    PRIMARY KEY (id),
    -- Foreign key, and the agent's history.
    INDEX context_sessions_agent_idx (agent_id, started_at, id),
    -- One active session per agent, enforced here and not only in code.
    CONSTRAINT context_sessions_one_active_uq UNIQUE (active_agent_id),
    CONSTRAINT context_sessions_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id),
    CONSTRAINT context_sessions_token_count_check CHECK (token_count >= 0),
    CONSTRAINT context_sessions_max_tokens_check CHECK (max_tokens >= 1),
    CONSTRAINT context_sessions_usage_level_check
        CHECK (usage_level IN ('normal', 'consolidate', 'critical', 'sleep')),
    CONSTRAINT context_sessions_active_check
        CHECK ((active = 1 AND ended_at IS NULL) OR (active = 0 AND ended_at IS NOT NULL))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

-- Snapshot content, stored once per SHA-256 of its text. The hash check is case-sensitive through
-- the table's binary collation.
CREATE TABLE memory_snapshot_contents (
    content_hash    VARCHAR(64) NOT NULL,
    content         JSON        NOT NULL,
    size_bytes      BIGINT      NOT NULL,
    compressed_size BIGINT,
    created_at      BIGINT      NOT NULL,
    PRIMARY KEY (content_hash),
    CONSTRAINT memory_snapshot_contents_hash_check CHECK (content_hash REGEXP '^[0-9a-f]{64}$'),
    CONSTRAINT memory_snapshot_contents_size_check CHECK (size_bytes >= 0),
    CONSTRAINT memory_snapshot_contents_compressed_size_check CHECK (compressed_size IS NULL OR compressed_size >= 0)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE memory_snapshots (
    id           VARCHAR(255) NOT NULL,
    agent_id     VARCHAR(255) NOT NULL,
    session_id   VARCHAR(255),
    memory_type  VARCHAR(255) NOT NULL,
    importance   DOUBLE       NOT NULL,
    content_hash VARCHAR(64)  NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- Foreign key, and pruning: one agent's snapshots in ranking order.
    INDEX memory_snapshots_agent_rank_idx (agent_id, importance DESC, created_at DESC, id DESC),
    -- Listing and the latest snapshot of a type (3068 bytes of key: just inside InnoDB's 3072).
    INDEX memory_snapshots_agent_type_idx (agent_id, memory_type, created_at, id),
    INDEX memory_snapshots_agent_created_idx (agent_id, created_at, id),
    -- Foreign keys; the content index also finds the contents a delete leaves unreferenced.
    INDEX memory_snapshots_session_idx (session_id),
    INDEX memory_snapshots_content_idx (content_hash),
    CONSTRAINT memory_snapshots_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id),
    CONSTRAINT memory_snapshots_session_fk FOREIGN KEY (session_id) REFERENCES context_sessions (id),
    CONSTRAINT memory_snapshots_content_fk FOREIGN KEY (content_hash) REFERENCES memory_snapshot_contents (content_hash),
    CONSTRAINT memory_snapshots_importance_check CHECK (importance BETWEEN 0.0 AND 1.0),
    CONSTRAINT memory_snapshots_size_check CHECK (size_bytes >= 0)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;
