-- Agent Hive schema V4 for MariaDB and MySQL: git state, pull requests and configurations. Same
-- names as the other stores' V4, same conventions as V1; dirty is a SMALLINT 0/1 as in PostgreSQL.

-- A worktree path may be 4,096 characters, far beyond an index key, so the key holds its SHA-256.
-- MariaDB puts no primary key on a generated column: the key is a unique one under the name the
-- other stores give their primary key (InnoDB clusters the table on a hidden row id).
CREATE TABLE git_state (
    agent_id      VARCHAR(255) NOT NULL,
    worktree_path TEXT         NOT NULL,
    branch        VARCHAR(255),
    head_commit   VARCHAR(64)  NOT NULL,
    dirty         SMALLINT     NOT NULL,
    ahead         INT          NOT NULL,
    behind        INT          NOT NULL,
    updated_at    BIGINT       NOT NULL,
    worktree_hash BINARY(32)   GENERATED ALWAYS AS (UNHEX(SHA2(worktree_path, 256))) STORED INVISIBLE,
    -- Leads with agent_id: it is the foreign key's index and serves the list by agent.
    CONSTRAINT git_state_pkey UNIQUE (agent_id, worktree_hash),
    INDEX git_state_branch_idx (branch, agent_id, worktree_hash),
    CONSTRAINT git_state_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id),
    CONSTRAINT git_state_head_commit_check CHECK (head_commit REGEXP '^([0-9a-f]{40}|[0-9a-f]{64})$'),
    CONSTRAINT git_state_dirty_check CHECK (dirty IN (0, 1)),
    CONSTRAINT git_state_ahead_check CHECK (ahead >= 0),
    CONSTRAINT git_state_behind_check CHECK (behind >= 0)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE pull_requests (
    number        BIGINT        NOT NULL,
    author_agent  VARCHAR(255)  NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    source_branch VARCHAR(255)  NOT NULL,
    target_branch VARCHAR(255)  NOT NULL,
    status        VARCHAR(32)   NOT NULL,
    url           VARCHAR(2048),
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    merged_at     BIGINT,
    closed_at     BIGINT,
    PRIMARY KEY (number),
    -- Foreign key, and the list by author.
    INDEX pull_requests_author_idx (author_agent, number),
    INDEX pull_requests_status_idx (status, number),
    CONSTRAINT pull_requests_author_fk FOREIGN KEY (author_agent) REFERENCES agents (id),
    CONSTRAINT pull_requests_number_check CHECK (number > 0),
    CONSTRAINT pull_requests_status_check CHECK (status IN ('open', 'merged', 'closed')),
    CONSTRAINT pull_requests_branches_differ CHECK (source_branch <> target_branch),
    CONSTRAINT pull_requests_merged_at_check CHECK ((status = 'merged') = (merged_at IS NOT NULL)),
    CONSTRAINT pull_requests_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

-- The identity of a value is (scope, agent, category, key). A unique key over agent_id would let
-- system values (agent_id NULL) repeat, so it runs over agent_key = coalesce(agent_id, ''). scope is
-- left out of the key, which would pass InnoDB's 3072 bytes: configurations_scope_agent_check makes
-- it follow from agent_key ('' for the system scope, an agent id, never blank, for the agent scope).
CREATE TABLE configurations (
    scope      VARCHAR(32)  NOT NULL,
    agent_id   VARCHAR(255),
    category   VARCHAR(255) NOT NULL,
    config_key VARCHAR(255) NOT NULL,
    value      JSON         NOT NULL,
    version    BIGINT       NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    agent_key  VARCHAR(255) GENERATED ALWAYS AS (coalesce(agent_id, '')) VIRTUAL INVISIBLE,
    CONSTRAINT configurations_identity_uq UNIQUE (agent_key, category, config_key),
    -- Foreign key, and an agent's own values (list by agent, the agent half of the effective read).
    INDEX configurations_agent_idx (agent_id, category, config_key),
    -- List by category across scopes, and the system half of the effective read.
    INDEX configurations_category_idx (category, config_key),
    CONSTRAINT configurations_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id),
    CONSTRAINT configurations_scope_check CHECK (scope IN ('system', 'agent')),
    CONSTRAINT configurations_version_check CHECK (version >= 1),
    CONSTRAINT configurations_scope_agent_check
        CHECK ((scope = 'system' AND agent_id IS NULL) OR (scope = 'agent' AND agent_id IS NOT NULL))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;
