-- Agent Hive schema V1 for PostgreSQL; same tables, columns and constraint names as SQLite's V1,
-- so that SchemaConstraints maps a violation back to the api field. Instants are timestamptz, JSON
-- is jsonb (whose input function rejects malformed text; the named CHECKs below guard the shape),
-- every enum column has a CHECK, every foreign key an index, and the queried JSON a GIN index.

CREATE TABLE agents (
    id                text        NOT NULL PRIMARY KEY,
    type              text        NOT NULL,
    status            text        NOT NULL
        CONSTRAINT agents_status_check CHECK (status IN ('active', 'idle', 'sleeping', 'crashed', 'terminated')),
    capabilities      jsonb       NOT NULL DEFAULT '[]'
        CONSTRAINT agents_capabilities_json CHECK (jsonb_typeof(capabilities) = 'array'),
    worktree_path     text,
    branch            text,
    configuration     jsonb       NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    last_heartbeat_at timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX agents_status_heartbeat_idx ON agents (status, last_heartbeat_at);
CREATE INDEX agents_type_idx ON agents (type);
-- Containment queries: agents with a capability, agents whose configuration matches a fragment.
CREATE INDEX agents_capabilities_gin ON agents USING gin (capabilities jsonb_path_ops);
CREATE INDEX agents_configuration_gin ON agents USING gin (configuration jsonb_path_ops);

CREATE TABLE tasks (
    id                    text        NOT NULL PRIMARY KEY,
    title                 text        NOT NULL,
    description           text,
    type                  text        NOT NULL,
    status                text        NOT NULL
        CONSTRAINT tasks_status_check
            CHECK (status IN ('pending', 'queued', 'claimed', 'running', 'completed', 'failed', 'cancelled', 'dead')),
    priority              integer     NOT NULL,
    parent_id             text
        CONSTRAINT tasks_parent_fk REFERENCES tasks (id),
    assigned_agent        text
        CONSTRAINT tasks_assigned_agent_fk REFERENCES agents (id),
    required_capabilities jsonb       NOT NULL DEFAULT '[]'
        CONSTRAINT tasks_required_capabilities_json CHECK (jsonb_typeof(required_capabilities) = 'array'),
    payload               jsonb       NOT NULL,
    result                jsonb,
    error                 jsonb,
    attempts              integer     NOT NULL DEFAULT 0,
    max_attempts          integer     NOT NULL
        CONSTRAINT tasks_max_attempts_check CHECK (max_attempts >= 1),
    lease_token           bigint      NOT NULL DEFAULT 0,
    lease_until           timestamptz,
    available_at          timestamptz NOT NULL,
    idempotency_key       text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    finished_at           timestamptz,
    CONSTRAINT tasks_attempts_check CHECK (attempts BETWEEN 0 AND max_attempts),
    CONSTRAINT tasks_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);

-- Foreign keys.
CREATE INDEX tasks_parent_idx ON tasks (parent_id);
CREATE INDEX tasks_assigned_agent_idx ON tasks (assigned_agent, status);
-- Queue claim: partial index over the live queue state only, already in claim order.
CREATE INDEX tasks_claim_idx ON tasks (priority DESC, created_at, id) INCLUDE (available_at) WHERE status = 'queued';
-- Expired-lease sweep over leased tasks only.
CREATE INDEX tasks_lease_idx ON tasks (lease_until) WHERE status IN ('claimed', 'running');
CREATE INDEX tasks_status_idx ON tasks (status, created_at);
CREATE INDEX tasks_created_idx ON tasks (created_at, id);
CREATE UNIQUE INDEX tasks_idempotency_key_uq ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE task_dependencies (
    task_id       text    NOT NULL
        CONSTRAINT task_dependencies_task_fk REFERENCES tasks (id),
    depends_on_id text    NOT NULL
        CONSTRAINT task_dependencies_depends_on_fk REFERENCES tasks (id),
    ordinal       integer NOT NULL,
    CONSTRAINT task_dependencies_pkey PRIMARY KEY (task_id, depends_on_id),
    CONSTRAINT task_dependencies_not_self CHECK (task_id <> depends_on_id)
);

CREATE INDEX task_dependencies_task_idx ON task_dependencies (task_id, ordinal);
CREATE INDEX task_dependencies_depends_on_idx ON task_dependencies (depends_on_id);

CREATE TABLE agent_messages (
    id             text        NOT NULL PRIMARY KEY,
    from_agent     text
        CONSTRAINT agent_messages_from_fk REFERENCES agents (id),
    to_agent       text        NOT NULL
        CONSTRAINT agent_messages_to_fk REFERENCES agents (id),
    type           text        NOT NULL,
    priority       integer     NOT NULL,
    payload        jsonb       NOT NULL,
    correlation_id text,
    reply_to       text,
    broadcast_id   text,
    sent_at        timestamptz NOT NULL,
    visible_at     timestamptz NOT NULL,
    delivered_at   timestamptz,
    acked_at       timestamptz,
    expires_at     timestamptz,
    delivery_count integer     NOT NULL DEFAULT 0
        CONSTRAINT agent_messages_delivery_count_check CHECK (delivery_count >= 0)
);

CREATE INDEX agent_messages_from_idx ON agent_messages (from_agent);
CREATE INDEX agent_messages_to_idx ON agent_messages (to_agent);
-- Inbox: the live (unacknowledged) messages of one agent in delivery order.
CREATE INDEX agent_messages_inbox_idx ON agent_messages (to_agent, priority DESC, sent_at, id) WHERE acked_at IS NULL;
CREATE INDEX agent_messages_broadcast_idx ON agent_messages (broadcast_id) WHERE broadcast_id IS NOT NULL;
CREATE INDEX agent_messages_expiry_idx ON agent_messages (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX agent_messages_correlation_idx ON agent_messages (correlation_id) WHERE correlation_id IS NOT NULL;

-- agent_id is deliberately no foreign key: the log outlives the agents it mentions.
CREATE TABLE events (
    id             text        NOT NULL PRIMARY KEY,
    type           text        NOT NULL,
    severity       text        NOT NULL
        CONSTRAINT events_severity_check CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    agent_id       text,
    correlation_id text,
    details        jsonb       NOT NULL,
    occurred_at    timestamptz NOT NULL
);

CREATE INDEX events_time_idx ON events (occurred_at, id);
CREATE INDEX events_agent_idx ON events (agent_id, occurred_at, id);
CREATE INDEX events_type_idx ON events (type, occurred_at, id);
CREATE INDEX events_severity_idx ON events (severity, occurred_at, id);
CREATE INDEX events_correlation_idx ON events (correlation_id, occurred_at, id) WHERE correlation_id IS NOT NULL;
CREATE INDEX events_details_gin ON events USING gin (details jsonb_path_ops);

CREATE TABLE shared_memory (
    namespace        text        NOT NULL,
    entry_key        text        NOT NULL,
    value            jsonb       NOT NULL,
    data_type        text        NOT NULL
        CONSTRAINT shared_memory_data_type_check
            CHECK (data_type IN ('object', 'array', 'string', 'number', 'boolean', 'null')),
    metadata         jsonb       NOT NULL DEFAULT '{}',
    version          bigint      NOT NULL
        CONSTRAINT shared_memory_version_check CHECK (version >= 1),
    expires_at       timestamptz,
    size_bytes       bigint      NOT NULL,
    access_count     bigint      NOT NULL DEFAULT 0,
    last_accessed_at timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT shared_memory_pkey PRIMARY KEY (namespace, entry_key)
);

CREATE INDEX shared_memory_expiry_idx ON shared_memory (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX shared_memory_metadata_gin ON shared_memory USING gin (metadata jsonb_path_ops);

-- Wake-ups: every commit that makes a task claimable or puts a message in an inbox notifies the
-- listeners of all processes (NOTIFY is delivered at commit, and folded within one transaction).
CREATE FUNCTION hive_notify_task_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hive', 'tasks');
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_queued_notify
    AFTER INSERT OR UPDATE OF status ON tasks
    FOR EACH ROW WHEN (NEW.status = 'queued')
    EXECUTE FUNCTION hive_notify_task_queued();

CREATE FUNCTION hive_notify_message_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hive', 'inbox:' || NEW.to_agent);
    RETURN NULL;
END
$$;

CREATE TRIGGER agent_messages_sent_notify
    AFTER INSERT ON agent_messages
    FOR EACH ROW
    EXECUTE FUNCTION hive_notify_message_sent();
