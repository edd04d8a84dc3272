-- Agent Hive schema V4 for SQLite: git state of the agents' worktrees, pull requests and
-- configurations. Same conventions as V1: STRICT tables, INTEGER epoch milliseconds, JSON as TEXT
-- checked by json_valid, a named CHECK on every enum column, an index on every foreign key.

CREATE TABLE git_state (
    agent_id      TEXT    NOT NULL
        CONSTRAINT git_state_agent_fk REFERENCES agents (id),
    worktree_path TEXT    NOT NULL,
    branch        TEXT,
    head_commit   TEXT    NOT NULL
        CONSTRAINT git_state_head_commit_check
            CHECK (length(head_commit) IN (40, 64) AND head_commit NOT GLOB '*[^0-9a-f]*'),
    dirty         INTEGER NOT NULL
        CONSTRAINT git_state_dirty_check CHECK (dirty IN (0, 1)),
    ahead         INTEGER NOT NULL
        CONSTRAINT git_state_ahead_check CHECK (ahead >= 0),
    behind        INTEGER NOT NULL
        CONSTRAINT git_state_behind_check CHECK (behind >= 0),
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (agent_id, worktree_path)
) STRICT, WITHOUT ROWID;

-- The primary key leads with agent_id: it is the foreign key's index and serves the list by agent.
CREATE INDEX git_state_branch_idx ON git_state (branch, agent_id, worktree_path) WHERE branch IS NOT NULL;

CREATE TABLE pull_requests (
    number        INTEGER NOT NULL PRIMARY KEY
        CONSTRAINT pull_requests_number_check CHECK (number > 0),
    author_agent  TEXT    NOT NULL
        CONSTRAINT pull_requests_author_fk REFERENCES agents (id),
    title         TEXT    NOT NULL,
    source_branch TEXT    NOT NULL,
    target_branch TEXT    NOT NULL,
    status        TEXT    NOT NULL
        CONSTRAINT pull_requests_status_check CHECK (status IN ('open', 'merged', 'closed')),
    url           TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    merged_at     INTEGER,
    closed_at     INTEGER,
    CONSTRAINT pull_requests_branches_differ CHECK (source_branch <> target_branch),
    CONSTRAINT pull_requests_merged_at_check CHECK ((status = 'merged') = (merged_at IS NOT NULL)),
    CONSTRAINT pull_requests_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;

-- Foreign key, and the list by author.
CREATE INDEX pull_requests_author_idx ON pull_requests (author_agent, number);
-- Status lists (open pull requests for hive status).
CREATE INDEX pull_requests_status_idx ON pull_requests (status, number);

-- The identity of a value is (scope, agent, category, key). A plain UNIQUE would let system values
-- (agent_id NULL) repeat, since NULLs never compare equal; the unique index over
-- coalesce(agent_id, '') makes them collide. No agent value can map to '' because scope is part of
-- the index and an agent value always has an agent.
CREATE TABLE configurations (
    scope      TEXT    NOT NULL
        CONSTRAINT configurations_scope_check CHECK (scope IN ('system', 'agent')),
    agent_id   TEXT
        CONSTRAINT configurations_agent_fk REFERENCES agents (id),
    category   TEXT    NOT NULL,
    config_key TEXT    NOT NULL,
    value      TEXT    NOT NULL
        CONSTRAINT configurations_value_json CHECK (json_valid(value)),
    version    INTEGER NOT NULL
        CONSTRAINT configurations_version_check CHECK (version >= 1),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CONSTRAINT configurations_scope_agent_check
        CHECK ((scope = 'system' AND agent_id IS NULL) OR (scope = 'agent' AND agent_id IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX configurations_identity_uq ON configurations (scope, coalesce(agent_id, ''), category, config_key);
-- Foreign key, and an agent's own values (list by agent, the agent half of the effective read).
CREATE INDEX configurations_agent_idx ON configurations (agent_id, category, config_key);
-- List by category across scopes, and the system half of the effective read.
CREATE INDEX configurations_category_idx ON configurations (category, config_key);
