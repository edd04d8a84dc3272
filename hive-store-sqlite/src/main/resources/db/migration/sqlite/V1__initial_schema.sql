-- Agent Hive schema V1 for SQLite.
-- Timestamps are INTEGER epoch milliseconds. JSON is TEXT checked by json_valid. Every enum column
-- has a CHECK listing the api's dbValue()s. Every constraint that can reject caller input is named
-- so that the store maps it back to the api field (see SchemaConstraints in hive-store-jdbc).

CREATE TABLE agents (
    id                TEXT    NOT NULL PRIMARY KEY,
    type              TEXT    NOT NULL,
    status            TEXT    NOT NULL
        CONSTRAINT agents_status_check CHECK (status IN ('active', 'idle', 'sleeping', 'crashed', 'terminated')),
    capabilities      TEXT    NOT NULL DEFAULT '[]'
        CONSTRAINT agents_capabilities_json CHECK (json_valid(capabilities) AND json_type(capabilities) = 'array'),
    worktree_path     TEXT,
    branch            TEXT,
    configuration     TEXT    NOT NULL DEFAULT '{}'
        CONSTRAINT agents_configuration_json CHECK (json_valid(configuration)),
    created_at        INTEGER NOT NULL,
    last_heartbeat_at INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
) STRICT;

-- Status lists, and stale-heartbeat detection (status, then heartbeat age).
CREATE INDEX agents_status_heartbeat_idx ON agents (status, last_heartbeat_at);
CREATE INDEX agents_type_idx ON agents (type);

CREATE TABLE tasks (
    id                    TEXT    NOT NULL PRIMARY KEY,
    title                 TEXT    NOT NULL,
    description           TEXT,
    type                  TEXT    NOT NULL,
    status                TEXT    NOT NULL
        CONSTRAINT tasks_status_check
            CHECK (status IN ('pending', 'queued', 'claimed', 'running', 'completed', 'failed', 'cancelled', 'dead')),
    priority              INTEGER NOT NULL,
    parent_id             TEXT
        CONSTRAINT tasks_parent_fk REFERENCES tasks (id),
    assigned_agent        TEXT
        CONSTRAINT tasks_assigned_agent_fk REFERENCES agents (id),
    required_capabilities TEXT    NOT NULL DEFAULT '[]'
        CONSTRAINT tasks_required_capabilities_json
            CHECK (json_valid(required_capabilities) AND json_type(required_capabilities) = 'array'),
    payload               TEXT    NOT NULL
        CONSTRAINT tasks_payload_json CHECK (json_valid(payload)),
    result                TEXT
        CONSTRAINT tasks_result_json CHECK (result IS NULL OR json_valid(result)),
    error                 TEXT
        CONSTRAINT tasks_error_json CHECK (error IS NULL OR json_valid(error)),
    attempts              INTEGER NOT NULL DEFAULT 0,
    max_attempts          INTEGER NOT NULL
        CONSTRAINT tasks_max_attempts_check CHECK (max_attempts >= 1),
    lease_token           INTEGER NOT NULL DEFAULT 0,
    lease_until           INTEGER,
    available_at          INTEGER NOT NULL,
    idempotency_key       TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    finished_at           INTEGER,
    CONSTRAINT tasks_attempts_check CHECK (attempts BETWEEN 0 AND max_attempts),
    CONSTRAINT tasks_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;

-- Foreign keys.
CREATE INDEX tasks_parent_idx ON tasks (parent_id);
CREATE INDEX tasks_assigned_agent_idx ON tasks (assigned_agent, status);
-- Queue claim: the partial index holds only queued tasks, already in claim order; available_at
-- rides along so the backoff filter is read from the index.
CREATE INDEX tasks_claim_idx ON tasks (priority DESC, created_at, id, available_at) WHERE status = 'queued';
-- Expired-lease sweep over leased tasks only.
CREATE INDEX tasks_lease_idx ON tasks (lease_until) WHERE status IN ('claimed', 'running');
-- Status lists and counts.
CREATE INDEX tasks_status_idx ON tasks (status, created_at);
CREATE INDEX tasks_created_idx ON tasks (created_at, id);
CREATE UNIQUE INDEX tasks_idempotency_key_uq ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE task_dependencies (
    task_id       TEXT    NOT NULL
        CONSTRAINT task_dependencies_task_fk REFERENCES tasks (id),
    depends_on_id TEXT    NOT NULL
        CONSTRAINT task_dependencies_depends_on_fk REFERENCES tasks (id),
    ordinal       INTEGER NOT NULL,
    PRIMARY KEY (task_id, depends_on_id),
    CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX task_dependencies_task_idx ON task_dependencies (task_id, ordinal);
CREATE INDEX task_dependencies_depends_on_idx ON task_dependencies (depends_on_id);

CREATE TABLE agent_messages (
    id             TEXT    NOT NULL PRIMARY KEY,
    from_agent     TEXT
        CONSTRAINT agent_messages_from_fk REFERENCES agents (id),
    to_agent       TEXT    NOT NULL
        CONSTRAINT agent_messages_to_fk REFERENCES agents (id),
    type           TEXT    NOT NULL,
    priority       INTEGER NOT NULL,
    payload        TEXT    NOT NULL
        CONSTRAINT agent_messages_payload_json CHECK (json_valid(payload)),
    correlation_id TEXT,
    reply_to       TEXT,
    broadcast_id   TEXT,
    sent_at        INTEGER NOT NULL,
    visible_at     INTEGER NOT NULL,
    delivered_at   INTEGER,
    acked_at       INTEGER,
    expires_at     INTEGER,
    delivery_count INTEGER NOT NULL DEFAULT 0
        CONSTRAINT agent_messages_delivery_count_check CHECK (delivery_count >= 0)
) STRICT;

-- Foreign keys.
CREATE INDEX agent_messages_from_idx ON agent_messages (from_agent);
CREATE INDEX agent_messages_to_idx ON agent_messages (to_agent);
-- Inbox: unacknowledged messages of one agent in delivery order.
CREATE INDEX agent_messages_inbox_idx ON agent_messages (to_agent, priority DESC, sent_at, id) WHERE acked_at IS NULL;
CREATE INDEX agent_messages_broadcast_idx ON agent_messages (broadcast_id) WHERE broadcast_id IS NOT NULL;
CREATE INDEX agent_messages_expiry_idx ON agent_messages (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX agent_messages_correlation_idx ON agent_messages (correlation_id) WHERE correlation_id IS NOT NULL;

-- agent_id is deliberately no foreign key: the log outlives the agents it mentions.
CREATE TABLE events (
    id             TEXT    NOT NULL PRIMARY KEY,
    type           TEXT    NOT NULL,
    severity       TEXT    NOT NULL
        CONSTRAINT events_severity_check CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    agent_id       TEXT,
    correlation_id TEXT,
    details        TEXT    NOT NULL
        CONSTRAINT events_details_json CHECK (json_valid(details)),
    occurred_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX events_time_idx ON events (occurred_at, id);
CREATE INDEX events_agent_idx ON events (agent_id, occurred_at, id);
CREATE INDEX events_type_idx ON events (type, occurred_at, id);
CREATE INDEX events_severity_idx ON events (severity, occurred_at, id);
CREATE INDEX events_correlation_idx ON events (correlation_id, occurred_at, id) WHERE correlation_id IS NOT NULL;

CREATE TABLE shared_memory (
    namespace        TEXT    NOT NULL,
    entry_key        TEXT    NOT NULL,
    value            TEXT    NOT NULL
        CONSTRAINT shared_memory_value_json CHECK (json_valid(value)),
    data_type        TEXT    NOT NULL
        CONSTRAINT shared_memory_data_type_check
            CHECK (data_type IN ('object', 'array', 'string', 'number', 'boolean', 'null')),
    metadata         TEXT    NOT NULL DEFAULT '{}'
        CONSTRAINT shared_memory_metadata_json CHECK (json_valid(metadata)),
    version          INTEGER NOT NULL
        CONSTRAINT shared_memory_version_check CHECK (version >= 1),
    expires_at       INTEGER,
    size_bytes       INTEGER NOT NULL,
    access_count     INTEGER NOT NULL DEFAULT 0,
    last_accessed_at INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (namespace, entry_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX shared_memory_expiry_idx ON shared_memory (expires_at) WHERE expires_at IS NOT NULL;
