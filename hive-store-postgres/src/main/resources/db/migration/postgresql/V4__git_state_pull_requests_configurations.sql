-- Agent Hive schema V4 for PostgreSQL: git state, pull requests and configurations. Same names and
-- conventions as V1 (and as SQLite's V4). dirty stays an integer 0/1 as in SQLite.

CREATE TABLE git_state (
    agent_id      text        NOT NULL
        CONSTRAINT git_state_agent_fk REFERENCES agents (id),
    worktree_path text        NOT NULL,
    branch        text,
    head_commit   text        NOT NULL
        CONSTRAINT git_state_head_commit_check CHECK (head_commit ~ '^([0-9a-f]{40}|[0-9a-f]{64})$'),
    dirty         smallint    NOT NULL
        CONSTRAINT git_state_dirty_check CHECK (dirty IN (0, 1)),
    ahead         integer     NOT NULL
        CONSTRAINT git_state_ahead_check CHECK (ahead >= 0),
    behind        integer     NOT NULL
        CONSTRAINT git_state_behind_check CHECK (behind >= 0),
    updated_at    timestamptz NOT NULL,
    CONSTRAINT git_state_pkey PRIMARY KEY (agent_id, worktree_path)
);

-- The primary key leads with agent_id: it is the foreign key's index.
CREATE INDEX git_state_branch_idx ON git_state (branch, agent_id, worktree_path) WHERE branch IS NOT NULL;

CREATE TABLE pull_requests (
    number        bigint      NOT NULL PRIMARY KEY
        CONSTRAINT pull_requests_number_check CHECK (number > 0),
    author_agent  text        NOT NULL
        CONSTRAINT pull_requests_author_fk REFERENCES agents (id),
    title         text        NOT NULL,
    source_branch text        NOT NULL,
    target_branch text        NOT NULL,
    status        text        NOT NULL
        CONSTRAINT pull_requests_status_check CHECK (status IN ('open', 'merged', 'closed')),
    url           text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    merged_at     timestamptz,
    closed_at     timestamptz,
    CONSTRAINT pull_requests_branches_differ CHECK (source_branch <> target_branch),
    CONSTRAINT pull_requests_merged_at_check CHECK ((status = 'merged') = (merged_at IS NOT NULL)),
    CONSTRAINT pull_requests_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

CREATE INDEX pull_requests_author_idx ON pull_requests (author_agent, number);
CREATE INDEX pull_requests_status_idx ON pull_requests (status, number);

-- The identity of a value is (scope, agent, category, key); the unique index over
-- coalesce(agent_id, '') makes system values (agent_id NULL) collide, as in SQLite.
CREATE TABLE configurations (
    scope      text        NOT NULL
        CONSTRAINT configurations_scope_check CHECK (scope IN ('system', 'agent')),
    agent_id   text
        CONSTRAINT configurations_agent_fk REFERENCES agents (id),
    category   text        NOT NULL,
    config_key text        NOT NULL,
    value      jsonb       NOT NULL,
    version    bigint      NOT NULL
        CONSTRAINT configurations_version_check CHECK (version >= 1),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT configurations_scope_agent_check
        CHECK ((scope = 'system' AND agent_id IS NULL) OR (scope = 'agent' AND agent_id IS NOT NULL))
);

CREATE UNIQUE INDEX configurations_identity_uq ON configurations (scope, coalesce(agent_id, ''), category, config_key);
CREATE INDEX configurations_agent_idx ON configurations (agent_id, category, config_key);
CREATE INDEX configurations_category_idx ON configurations (category, config_key);
