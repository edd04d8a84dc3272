-- Agent Hive schema V1 for MariaDB (10.11 and later) and MySQL (8.0.23 and later); the same tables,
-- columns and constraint names as the SQLite and PostgreSQL schemas, so that SchemaConstraints maps
-- a violation back to the api field. Where MariaDB and MySQL lack what the others use:
--
-- * Constraints are declared at table level: MySQL ignores a column-level REFERENCES, and MariaDB
--   takes no name on a column-level CHECK.
-- * Instants are BIGINT epoch milliseconds, as in SQLite. Flags are SMALLINT 0/1, as in PostgreSQL.
-- * JSON columns are JSON. MariaDB makes that LONGTEXT with a column CHECK (json_valid) of its own,
--   which it reports as `table.column`; MySQL stores binary JSON and rejects malformed text with
--   error 3140, naming the column. The named CHECKs below guard the shape (array, object).
-- * Text compares exactly, as in the other stores: binary collation without pad, so that 'a' and
--   'a ' are two keys (utf8mb4_bin pads). MariaDB and MySQL name that collation differently; each
--   runs only its own executable comment: /*M!...*/ is MariaDB's, /*!80000...*/ MySQL 8's (MariaDB
--   skips version comments of MySQL 5.7 and later).
-- * Keys fit InnoDB's 3072 bytes per index (VARCHAR(255) of utf8mb4 takes 1020); text longer than
--   any key column can be is TEXT or MEDIUMTEXT, sized to the api's limits.
-- * There are no partial indexes: a partial unique index becomes a unique index over the same
--   columns (NULLs never collide) or over a generated column that is NULL outside the condition; a
--   partial index over a state leads with that state's column instead.
-- * There is no GIN: JSON containment reads the rows a selective index has found.
-- * There is no LISTEN/NOTIFY, so no notify triggers.

CREATE TABLE agents (
    id                VARCHAR(255) NOT NULL,
    type              VARCHAR(255) NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    capabilities      JSON         NOT NULL DEFAULT ('[]'),
    worktree_path     TEXT,
    branch            VARCHAR(255),
    configuration     JSON         NOT NULL DEFAULT ('{}'),
    created_at        BIGINT       NOT NULL,
    last_heartbeat_at BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    PRIMARY KEY (id),
    INDEX agents_status_heartbeat_idx (status, last_heartbeat_at),
    INDEX agents_type_idx (type),
    CONSTRAINT agents_status_check CHECK (status IN ('active', 'idle', 'sleeping', 'crashed', 'terminated')),
    CONSTRAINT agents_capabilities_json CHECK (json_valid(capabilities) AND json_type(capabilities) = 'ARRAY')
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE tasks (
    id                    VARCHAR(255) NOT NULL,
    title                 VARCHAR(500) NOT NULL,
    description           MEDIUMTEXT,
    type                  VARCHAR(255) NOT NULL,
    status                VARCHAR(32)  NOT NULL,
    priority              INT          NOT NULL,
    parent_id             VARCHAR(255),
    assigned_agent        VARCHAR(255),
    required_capabilities JSON         NOT NULL DEFAULT ('[]'),
    payload               JSON         NOT NULL,
    result                JSON,
    error                 JSON,
    attempts              INT          NOT NULL DEFAULT 0,
    max_attempts          INT          NOT NULL,
    lease_token           BIGINT       NOT NULL DEFAULT 0,
    lease_until           BIGINT,
    available_at          BIGINT       NOT NULL,
    idempotency_key       VARCHAR(255),
    created_at            BIGINT       NOT NULL,
    updated_at            BIGINT       NOT NULL,
    finished_at           BIGINT,
    PRIMARY KEY (id),
    -- Foreign keys.
    INDEX tasks_parent_idx (parent_id),
    INDEX tasks_assigned_agent_idx (assigned_agent, status),
    -- Queue claim: the queued tasks are one contiguous range of this index, already in claim order
    -- (descending parts need MariaDB 10.8 or MySQL 8), so a claim reads the first rows of the range
    -- that pass the backoff filter, checked from the index, and stops at its limit instead of sorting
    -- the backlog. It stands in for PostgreSQL's partial index WHERE status = 'queued'.
    INDEX tasks_claim_idx (status, priority DESC, created_at, id, available_at),
    -- Expired-lease sweep: only leased tasks have a lease end (every other state clears it), so the
    -- range lease_until <= now holds leased tasks only, in lease order (the key ends with the id).
    INDEX tasks_lease_idx (lease_until),
    INDEX tasks_status_idx (status, created_at),
    INDEX tasks_created_idx (created_at, id),
    -- NULL keys never collide: the same rows as PostgreSQL's WHERE idempotency_key IS NOT NULL.
    CONSTRAINT tasks_idempotency_key_uq UNIQUE (idempotency_key),
    CONSTRAINT tasks_parent_fk FOREIGN KEY (parent_id) REFERENCES tasks (id),
    CONSTRAINT tasks_assigned_agent_fk FOREIGN KEY (assigned_agent) REFERENCES agents (id),
    CONSTRAINT tasks_status_check
        CHECK (status IN ('pending', 'queued', 'claimed', 'running', 'completed', 'failed', 'cancelled', 'dead')),
    CONSTRAINT tasks_required_capabilities_json
        CHECK (json_valid(required_capabilities) AND json_type(required_capabilities) = 'ARRAY'),
    CONSTRAINT tasks_max_attempts_check CHECK (max_attempts >= 1),
    CONSTRAINT tasks_attempts_check CHECK (attempts BETWEEN 0 AND max_attempts),
    CONSTRAINT tasks_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE task_dependencies (
    task_id       VARCHAR(255) NOT NULL,
    depends_on_id VARCHAR(255) NOT NULL,
    ordinal       INT          NOT NULL,
    PRIMARY KEY (task_id, depends_on_id),
    INDEX task_dependencies_task_idx (task_id, ordinal),
    INDEX task_dependencies_depends_on_idx (depends_on_id),
    CONSTRAINT task_dependencies_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id),
    CONSTRAINT task_dependencies_depends_on_fk FOREIGN KEY (depends_on_id) REFERENCES tasks (id),
    CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_id)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE agent_messages (
    id             VARCHAR(255) NOT NULL,
    from_agent     VARCHAR(255),
    to_agent       VARCHAR(255) NOT NULL,
    type           VARCHAR(255) NOT NULL,
    priority       INT          NOT NULL,
    payload        JSON         NOT NULL,
    correlation_id VARCHAR(255),
    reply_to       VARCHAR(255),
    broadcast_id   VARCHAR(255),
    sent_at        BIGINT       NOT NULL,
    visible_at     BIGINT       NOT NULL,
    delivered_at   BIGINT,
    acked_at       BIGINT,
    expires_at     BIGINT,
    delivery_count INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    INDEX agent_messages_from_idx (from_agent),
    INDEX agent_messages_to_idx (to_agent),
    -- Inbox: one agent's unacknowledged messages (acked_at IS NULL is an equality on the second
    -- part) in delivery order. It stands in for PostgreSQL's partial index WHERE acked_at IS NULL.
    INDEX agent_messages_inbox_idx (to_agent, acked_at, priority DESC, sent_at, id),
    INDEX agent_messages_broadcast_idx (broadcast_id),
    INDEX agent_messages_expiry_idx (expires_at),
    INDEX agent_messages_correlation_idx (correlation_id),
    CONSTRAINT agent_messages_from_fk FOREIGN KEY (from_agent) REFERENCES agents (id),
    CONSTRAINT agent_messages_to_fk FOREIGN KEY (to_agent) REFERENCES agents (id),
    CONSTRAINT agent_messages_delivery_count_check CHECK (delivery_count >= 0)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

-- agent_id is deliberately no foreign key: the log outlives the agents it mentions.
CREATE TABLE events (
    id             VARCHAR(255) NOT NULL,
    type           VARCHAR(255) NOT NULL,
    severity       VARCHAR(32)  NOT NULL,
    agent_id       VARCHAR(255),
    correlation_id VARCHAR(255),
    details        JSON         NOT NULL,
    occurred_at    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    INDEX events_time_idx (occurred_at, id),
    INDEX events_agent_idx (agent_id, occurred_at, id),
    INDEX events_type_idx (type, occurred_at, id),
    INDEX events_severity_idx (severity, occurred_at, id),
    INDEX events_correlation_idx (correlation_id, occurred_at, id),
    CONSTRAINT events_severity_check CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical'))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE shared_memory (
    namespace        VARCHAR(255) NOT NULL,
    entry_key        VARCHAR(255) NOT NULL,
    value            JSON         NOT NULL,
    data_type        VARCHAR(32)  NOT NULL,
    metadata         JSON         NOT NULL DEFAULT ('{}'),
    version          BIGINT       NOT NULL,
    expires_at       BIGINT,
    size_bytes       BIGINT       NOT NULL,
    access_count     BIGINT       NOT NULL DEFAULT 0,
    last_accessed_at BIGINT,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    PRIMARY KEY (namespace, entry_key),
    INDEX shared_memory_expiry_idx (expires_at),
    CONSTRAINT shared_memory_data_type_check
        CHECK (data_type IN ('object', 'array', 'string', 'number', 'boolean', 'null')),
    CONSTRAINT shared_memory_version_check CHECK (version >= 1)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;
