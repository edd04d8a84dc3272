-- Agent Hive schema for H2 2.x, the example plugin's only migration: the tables, columns and
-- constraint names of the SQLite schema (hive-store-sqlite V1-V5), so that the kit's SchemaConstraints
-- maps a violation back to the api field. Instants are BIGINT epoch milliseconds and JSON is text
-- checked by IS JSON (the kit's default type handlers). H2 has neither partial indexes nor indexes
-- over expressions: the two unique rules that need one index a generated column instead.

-- JSON containment (see JsonFunctions): Java functions of the plugin, which the overlays call.
CREATE ALIAS hive_json_contains DETERMINISTIC FOR 'dev.agenthive.examples.h2.JsonFunctions.jsonContains';
CREATE ALIAS hive_json_array_has DETERMINISTIC FOR 'dev.agenthive.examples.h2.JsonFunctions.jsonArrayHas';

CREATE TABLE agents (
    id                VARCHAR NOT NULL PRIMARY KEY,
    type              VARCHAR NOT NULL,
    status            VARCHAR NOT NULL
        CONSTRAINT agents_status_check CHECK (status IN ('active', 'idle', 'sleeping', 'crashed', 'terminated')),
    capabilities      VARCHAR NOT NULL DEFAULT '[]'
        CONSTRAINT agents_capabilities_json CHECK (capabilities IS JSON ARRAY),
    worktree_path     VARCHAR,
    branch            VARCHAR,
    configuration     VARCHAR NOT NULL DEFAULT '{}'
        CONSTRAINT agents_configuration_json CHECK (configuration IS JSON),
    created_at        BIGINT NOT NULL,
    last_heartbeat_at BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);

-- Status lists, and stale-heartbeat detection (status, then heartbeat age).
CREATE INDEX agents_status_heartbeat_idx ON agents (status, last_heartbeat_at);
CREATE INDEX agents_type_idx ON agents (type);

CREATE TABLE tasks (
    id                    VARCHAR NOT NULL PRIMARY KEY,
    title                 VARCHAR NOT NULL,
    description           VARCHAR,
    type                  VARCHAR NOT NULL,
    status                VARCHAR NOT NULL
        CONSTRAINT tasks_status_check
            CHECK (status IN ('pending', 'queued', 'claimed', 'running', 'completed', 'failed', 'cancelled', 'dead')),
    priority              INTEGER NOT NULL,
    parent_id             VARCHAR
        CONSTRAINT tasks_parent_fk REFERENCES tasks (id),
    assigned_agent        VARCHAR
        CONSTRAINT tasks_assigned_agent_fk REFERENCES agents (id),
    required_capabilities VARCHAR NOT NULL DEFAULT '[]'
        CONSTRAINT tasks_required_capabilities_json
            CHECK (required_capabilities IS JSON ARRAY),
    payload               VARCHAR NOT NULL
        CONSTRAINT tasks_payload_json CHECK (payload IS JSON),
    result                VARCHAR
        CONSTRAINT tasks_result_json CHECK (result IS NULL OR result IS JSON),
    error                 VARCHAR
        CONSTRAINT tasks_error_json CHECK (error IS NULL OR error IS JSON),
    attempts              INTEGER NOT NULL DEFAULT 0,
    max_attempts          INTEGER NOT NULL
        CONSTRAINT tasks_max_attempts_check CHECK (max_attempts >= 1),
    lease_token           BIGINT NOT NULL DEFAULT 0,
    lease_until           BIGINT,
    available_at          BIGINT NOT NULL,
    idempotency_key       VARCHAR,
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL,
    finished_at           BIGINT,
    CONSTRAINT tasks_attempts_check CHECK (attempts BETWEEN 0 AND max_attempts),
    CONSTRAINT tasks_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);

-- Foreign keys.
CREATE INDEX tasks_parent_idx ON tasks (parent_id);
CREATE INDEX tasks_assigned_agent_idx ON tasks (assigned_agent, status);
-- Queue claim: queued tasks in claim order (H2 has no partial index, so the status leads).
CREATE INDEX tasks_claim_idx ON tasks (status, priority DESC, created_at, id, available_at);
-- Expired-lease sweep.
CREATE INDEX tasks_lease_idx ON tasks (lease_until);
-- Status lists and counts.
CREATE INDEX tasks_status_idx ON tasks (status, created_at);
CREATE INDEX tasks_created_idx ON tasks (created_at, id);
-- NULLs are distinct in a unique index: tasks without a key never collide.
CREATE UNIQUE INDEX tasks_idempotency_key_uq ON tasks (idempotency_key);

CREATE TABLE task_dependencies (
    task_id       VARCHAR NOT NULL
        CONSTRAINT task_dependencies_task_fk REFERENCES tasks (id),
    depends_on_id VARCHAR NOT NULL
        CONSTRAINT task_dependencies_depends_on_fk REFERENCES tasks (id),
    ordinal       INTEGER NOT NULL,
    PRIMARY KEY (task_id, depends_on_id),
    CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_id)
);

CREATE INDEX task_dependencies_task_idx ON task_dependencies (task_id, ordinal);
CREATE INDEX task_dependencies_depends_on_idx ON task_dependencies (depends_on_id);

CREATE TABLE agent_messages (
    id             VARCHAR NOT NULL PRIMARY KEY,
    from_agent     VARCHAR
        CONSTRAINT agent_messages_from_fk REFERENCES agents (id),
    to_agent       VARCHAR NOT NULL
        CONSTRAINT agent_messages_to_fk REFERENCES agents (id),
    type           VARCHAR NOT NULL,
    priority       INTEGER NOT NULL,
    payload        VARCHAR NOT NULL
        CONSTRAINT agent_messages_payload_json CHECK (payload IS JSON),
    correlation_id VARCHAR,
    reply_to       VARCHAR,
    broadcast_id   VARCHAR,
    sent_at        BIGINT NOT NULL,
    visible_at     BIGINT NOT NULL,
    delivered_at   BIGINT,
    acked_at       BIGINT,
    expires_at     BIGINT,
    delivery_count INTEGER NOT NULL DEFAULT 0
        CONSTRAINT agent_messages_delivery_count_check CHECK (delivery_count >= 0),
    idempotency_key VARCHAR
);

-- Foreign keys.
CREATE INDEX agent_messages_from_idx ON agent_messages (from_agent);
CREATE INDEX agent_messages_to_idx ON agent_messages (to_agent);
-- Inbox: one agent's messages in delivery order.
CREATE INDEX agent_messages_inbox_idx ON agent_messages (to_agent, priority DESC, sent_at, id);
CREATE INDEX agent_messages_broadcast_idx ON agent_messages (broadcast_id);
CREATE INDEX agent_messages_expiry_idx ON agent_messages (expires_at);
CREATE INDEX agent_messages_correlation_idx ON agent_messages (correlation_id);
-- NULLs are distinct in a unique index: messages without a key never collide.
CREATE UNIQUE INDEX agent_messages_idempotency_key_uq ON agent_messages (idempotency_key, to_agent);

-- agent_id is deliberately no foreign key: the log outlives the agents it mentions.
CREATE TABLE events (
    id             VARCHAR NOT NULL PRIMARY KEY,
    type           VARCHAR NOT NULL,
    severity       VARCHAR NOT NULL
        CONSTRAINT events_severity_check CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    agent_id       VARCHAR,
    correlation_id VARCHAR,
    details        VARCHAR NOT NULL
        CONSTRAINT events_details_json CHECK (details IS JSON),
    occurred_at    BIGINT NOT NULL
);

CREATE INDEX events_time_idx ON events (occurred_at, id);
CREATE INDEX events_agent_idx ON events (agent_id, occurred_at, id);
CREATE INDEX events_type_idx ON events (type, occurred_at, id);
CREATE INDEX events_severity_idx ON events (severity, occurred_at, id);
CREATE INDEX events_correlation_idx ON events (correlation_id, occurred_at, id);

CREATE TABLE shared_memory (
    namespace        VARCHAR NOT NULL,
    entry_key        VARCHAR NOT NULL,
    value            VARCHAR NOT NULL
        CONSTRAINT shared_memory_value_json CHECK (value IS JSON),
    data_type        VARCHAR NOT NULL
        CONSTRAINT shared_memory_data_type_check
            CHECK (data_type IN ('object', 'array', 'string', 'number', 'boolean', 'null')),
    metadata         VARCHAR NOT NULL DEFAULT '{}'
        CONSTRAINT shared_memory_metadata_json CHECK (metadata IS JSON),
    version          BIGINT  NOT NULL
        CONSTRAINT shared_memory_version_check CHECK (version >= 1),
    expires_at       BIGINT,
    size_bytes       BIGINT  NOT NULL,
    access_count     BIGINT  NOT NULL DEFAULT 0,
    last_accessed_at BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (namespace, entry_key)
);

CREATE INDEX shared_memory_expiry_idx ON shared_memory (expires_at);

CREATE TABLE projects (
    id          VARCHAR NOT NULL PRIMARY KEY,
    name        VARCHAR NOT NULL,
    description VARCHAR,
    kind        VARCHAR NOT NULL
        CONSTRAINT projects_kind_check CHECK (kind IN ('project', 'epic')),
    parent_id   VARCHAR
        CONSTRAINT projects_parent_fk REFERENCES projects (id),
    status      VARCHAR NOT NULL
        CONSTRAINT projects_status_check CHECK (status IN ('active', 'completed', 'archived')),
    metadata    VARCHAR NOT NULL DEFAULT '{}'
        CONSTRAINT projects_metadata_json CHECK (metadata IS JSON),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    -- An epic belongs to exactly one project, a project to none. That the parent is a project, not
    -- an epic, needs a look at another row: the store checks it.
    CONSTRAINT projects_parent_check CHECK ((kind = 'project' AND parent_id IS NULL)
                                            OR (kind = 'epic' AND parent_id IS NOT NULL AND parent_id <> id))
);

-- Foreign key; also the epics of a project in creation order.
CREATE INDEX projects_parent_idx ON projects (parent_id, created_at, id);
CREATE INDEX projects_created_idx ON projects (created_at, id);
CREATE INDEX projects_status_idx ON projects (status, created_at);

CREATE TABLE project_tasks (
    project_id VARCHAR NOT NULL
        CONSTRAINT project_tasks_project_fk REFERENCES projects (id),
    task_id    VARCHAR NOT NULL
        CONSTRAINT project_tasks_task_fk REFERENCES tasks (id),
    linked_at  BIGINT NOT NULL,
    PRIMARY KEY (project_id, task_id)
);

-- Foreign keys: the primary key leads with project_id (tasks of a project); this one serves the
-- projects of a task.
CREATE INDEX project_tasks_task_idx ON project_tasks (task_id);

CREATE TABLE performance_metrics (
    id          VARCHAR NOT NULL PRIMARY KEY,
    agent_id    VARCHAR
        CONSTRAINT performance_metrics_agent_fk REFERENCES agents (id),
    task_id     VARCHAR
        CONSTRAINT performance_metrics_task_fk REFERENCES tasks (id),
    name        VARCHAR NOT NULL,
    value       DOUBLE PRECISION    NOT NULL,
    unit        VARCHAR NOT NULL,
    tags        VARCHAR NOT NULL DEFAULT '{}'
        CONSTRAINT performance_metrics_tags_json CHECK (tags IS JSON OBJECT),
    recorded_at BIGINT NOT NULL
);

-- Windowed aggregates by name, optionally narrowed to one agent or task; the agent and task
-- indexes also serve their foreign keys.
CREATE INDEX performance_metrics_name_time_idx ON performance_metrics (name, recorded_at);
CREATE INDEX performance_metrics_agent_idx ON performance_metrics (agent_id, name, recorded_at);
CREATE INDEX performance_metrics_task_idx ON performance_metrics (task_id, name, recorded_at);

CREATE TABLE checkpoints (
    id           VARCHAR NOT NULL PRIMARY KEY,
    project_id   VARCHAR NOT NULL
        CONSTRAINT checkpoints_project_fk REFERENCES projects (id),
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL
        CONSTRAINT checkpoints_kind_check CHECK (kind IN ('quality_gate', 'milestone')),
    status       VARCHAR NOT NULL
        CONSTRAINT checkpoints_status_check CHECK (status IN ('pending', 'passed', 'failed')),
    criteria     VARCHAR NOT NULL
        CONSTRAINT checkpoints_criteria_json CHECK (criteria IS JSON OBJECT),
    last_result  VARCHAR
        CONSTRAINT checkpoints_last_result_json
            CHECK (last_result IS NULL
                   OR last_result IS JSON OBJECT),
    evaluated_at BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

-- Foreign key, and the unique name per project.
CREATE UNIQUE INDEX checkpoints_project_name_uq ON checkpoints (project_id, name);
-- Failing (or passed, pending) checkpoints, most recently evaluated first.
CREATE INDEX checkpoints_status_idx ON checkpoints (status, evaluated_at DESC, id);

CREATE TABLE context_sessions (
    id          VARCHAR NOT NULL PRIMARY KEY,
    agent_id    VARCHAR NOT NULL
        CONSTRAINT context_sessions_agent_fk REFERENCES agents (id),
    token_count INTEGER NOT NULL DEFAULT 0
        CONSTRAINT context_sessions_token_count_check CHECK (token_count >= 0),
    max_tokens  INTEGER NOT NULL
        CONSTRAINT context_sessions_max_tokens_check CHECK (max_tokens >= 1),
    usage_level VARCHAR NOT NULL DEFAULT 'normal'
        CONSTRAINT context_sessions_usage_level_check CHECK (usage_level IN ('normal', 'consolidate', 'critical', 'sleep')),
    active      INTEGER NOT NULL,
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT,
    updated_at  BIGINT NOT NULL,
    -- H2 has no partial index: the agent of an active session only, NULL (distinct) for the others.
    active_agent_id VARCHAR GENERATED ALWAYS AS (CASE WHEN active = 1 THEN agent_id END),
    CONSTRAINT context_sessions_active_check
        CHECK ((active = 1 AND ended_at IS NULL) OR (active = 0 AND ended_at IS NOT NULL))
);

-- One active session per agent, enforced here and not only in code; also serves the list of active sessions.
CREATE UNIQUE INDEX context_sessions_one_active_uq ON context_sessions (active_agent_id);
-- Foreign key, and the agent's history newest first.
CREATE INDEX context_sessions_agent_idx ON context_sessions (agent_id, started_at, id);

-- Snapshot content, stored once per SHA-256 of its text. The one place content lives, so that large
-- content can later move to the blob store with only this table (and its mapper) changing.
CREATE TABLE memory_snapshot_contents (
    content_hash    VARCHAR NOT NULL PRIMARY KEY
        CONSTRAINT memory_snapshot_contents_hash_check
            CHECK (length(content_hash) = 64 AND REGEXP_LIKE(content_hash, '^[0-9a-f]*$')),
    content         CLOB       NOT NULL
        CONSTRAINT memory_snapshot_contents_content_json CHECK (content IS JSON),
    size_bytes      BIGINT  NOT NULL
        CONSTRAINT memory_snapshot_contents_size_check CHECK (size_bytes >= 0),
    compressed_size BIGINT 
        CONSTRAINT memory_snapshot_contents_compressed_size_check CHECK (compressed_size IS NULL OR compressed_size >= 0),
    created_at      BIGINT NOT NULL
);

CREATE TABLE memory_snapshots (
    id           VARCHAR NOT NULL PRIMARY KEY,
    agent_id     VARCHAR NOT NULL
        CONSTRAINT memory_snapshots_agent_fk REFERENCES agents (id),
    session_id   VARCHAR
        CONSTRAINT memory_snapshots_session_fk REFERENCES context_sessions (id),
    memory_type  VARCHAR NOT NULL,
    importance   DOUBLE PRECISION    NOT NULL
        CONSTRAINT memory_snapshots_importance_check CHECK (importance BETWEEN 0.0 AND 1.0),
    content_hash VARCHAR NOT NULL
        CONSTRAINT memory_snapshots_content_fk REFERENCES memory_snapshot_contents (content_hash),
    size_bytes   BIGINT  NOT NULL
        CONSTRAINT memory_snapshots_size_check CHECK (size_bytes >= 0),
    created_at   BIGINT NOT NULL
);

-- Foreign key, and pruning: one agent's snapshots in ranking order.
CREATE INDEX memory_snapshots_agent_rank_idx ON memory_snapshots (agent_id, importance DESC, created_at DESC, id DESC);
-- Listing and the latest snapshot of a type (sleep and wake).
CREATE INDEX memory_snapshots_agent_type_idx ON memory_snapshots (agent_id, memory_type, created_at, id);
CREATE INDEX memory_snapshots_agent_created_idx ON memory_snapshots (agent_id, created_at, id);
-- Foreign keys; the content index also finds the contents a delete leaves unreferenced.
CREATE INDEX memory_snapshots_session_idx ON memory_snapshots (session_id);
CREATE INDEX memory_snapshots_content_idx ON memory_snapshots (content_hash);

CREATE TABLE git_state (
    agent_id      VARCHAR NOT NULL
        CONSTRAINT git_state_agent_fk REFERENCES agents (id),
    worktree_path VARCHAR NOT NULL,
    branch        VARCHAR,
    head_commit   VARCHAR NOT NULL
        CONSTRAINT git_state_head_commit_check
            CHECK (length(head_commit) IN (40, 64) AND REGEXP_LIKE(head_commit, '^[0-9a-f]*$')),
    dirty         INTEGER NOT NULL
        CONSTRAINT git_state_dirty_check CHECK (dirty IN (0, 1)),
    ahead         INTEGER NOT NULL
        CONSTRAINT git_state_ahead_check CHECK (ahead >= 0),
    behind        INTEGER NOT NULL
        CONSTRAINT git_state_behind_check CHECK (behind >= 0),
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (agent_id, worktree_path)
);

-- The primary key leads with agent_id: it is the foreign key's index and serves the list by agent.
CREATE INDEX git_state_branch_idx ON git_state (branch, agent_id, worktree_path);

CREATE TABLE pull_requests (
    number        INTEGER NOT NULL PRIMARY KEY
        CONSTRAINT pull_requests_number_check CHECK (number > 0),
    author_agent  VARCHAR NOT NULL
        CONSTRAINT pull_requests_author_fk REFERENCES agents (id),
    title         VARCHAR NOT NULL,
    source_branch VARCHAR NOT NULL,
    target_branch VARCHAR NOT NULL,
    status        VARCHAR NOT NULL
        CONSTRAINT pull_requests_status_check CHECK (status IN ('open', 'merged', 'closed')),
    url           VARCHAR,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    merged_at     BIGINT,
    closed_at     BIGINT,
    CONSTRAINT pull_requests_branches_differ CHECK (source_branch <> target_branch),
    CONSTRAINT pull_requests_merged_at_check CHECK ((status = 'merged') = (merged_at IS NOT NULL)),
    CONSTRAINT pull_requests_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

-- Foreign key, and the list by author.
CREATE INDEX pull_requests_author_idx ON pull_requests (author_agent, number);
-- Status lists (open pull requests for hive status).
CREATE INDEX pull_requests_status_idx ON pull_requests (status, number);

-- The identity of a value is (scope, agent, category, key). A plain UNIQUE would let system values
-- (agent_id NULL) repeat, since NULLs never compare equal; the unique index over
-- coalesce(agent_id, '') makes them collide. No agent value can map to '' because scope is part of
-- the index and an agent value always has an agent.
CREATE TABLE configurations (
    scope      VARCHAR NOT NULL
        CONSTRAINT configurations_scope_check CHECK (scope IN ('system', 'agent')),
    agent_id   VARCHAR
        CONSTRAINT configurations_agent_fk REFERENCES agents (id),
    category   VARCHAR NOT NULL,
    config_key VARCHAR NOT NULL,
    value      VARCHAR NOT NULL
        CONSTRAINT configurations_value_json CHECK (value IS JSON),
    version    BIGINT  NOT NULL
        CONSTRAINT configurations_version_check CHECK (version >= 1),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- H2 has no index over expressions: the agent, or '' for system values, so that those collide too.
    agent_key  VARCHAR GENERATED ALWAYS AS (COALESCE(agent_id, '')),
    CONSTRAINT configurations_scope_agent_check
        CHECK ((scope = 'system' AND agent_id IS NULL) OR (scope = 'agent' AND agent_id IS NOT NULL))
);

CREATE UNIQUE INDEX configurations_identity_uq ON configurations (scope, agent_key, category, config_key);
-- Foreign key, and an agent's own values (list by agent, the agent half of the effective read).
CREATE INDEX configurations_agent_idx ON configurations (agent_id, category, config_key);
-- List by category across scopes, and the system half of the effective read.
CREATE INDEX configurations_category_idx ON configurations (category, config_key);
