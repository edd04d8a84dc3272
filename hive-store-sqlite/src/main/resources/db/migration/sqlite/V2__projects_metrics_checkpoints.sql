-- Agent Hive schema V2 for SQLite: projects and epics with their task links, performance metrics,
-- checkpoints. Same conventions as V1: INTEGER epoch millis, JSON as TEXT checked by json_valid,
-- a named CHECK on every enum column, an index on every foreign-key column. A JSON column that must
-- hold an object asks json_type only inside CASE, which SQLite evaluates lazily: on malformed text
-- json_type would raise its own error instead of failing the named CHECK.

CREATE TABLE projects (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    description TEXT,
    kind        TEXT    NOT NULL
        CONSTRAINT projects_kind_check CHECK (kind IN ('project', 'epic')),
    parent_id   TEXT
        CONSTRAINT projects_parent_fk REFERENCES projects (id),
    status      TEXT    NOT NULL
        CONSTRAINT projects_status_check CHECK (status IN ('active', 'completed', 'archived')),
    metadata    TEXT    NOT NULL DEFAULT '{}'
        CONSTRAINT projects_metadata_json CHECK (json_valid(metadata)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    -- An epic belongs to exactly one project, a project to none. That the parent is a project, not
    -- an epic, needs a look at another row: the store checks it.
    CONSTRAINT projects_parent_check CHECK ((kind = 'project' AND parent_id IS NULL)
                                            OR (kind = 'epic' AND parent_id IS NOT NULL AND parent_id <> id))
) STRICT;

-- Foreign key; also the epics of a project in creation order.
CREATE INDEX projects_parent_idx ON projects (parent_id, created_at, id);
CREATE INDEX projects_created_idx ON projects (created_at, id);
CREATE INDEX projects_status_idx ON projects (status, created_at);

CREATE TABLE project_tasks (
    project_id TEXT    NOT NULL
        CONSTRAINT project_tasks_project_fk REFERENCES projects (id),
    task_id    TEXT    NOT NULL
        CONSTRAINT project_tasks_task_fk REFERENCES tasks (id),
    linked_at  INTEGER NOT NULL,
    PRIMARY KEY (project_id, task_id)
) STRICT, WITHOUT ROWID;

-- Foreign keys: the primary key leads with project_id (tasks of a project); this one serves the
-- projects of a task.
CREATE INDEX project_tasks_task_idx ON project_tasks (task_id);

CREATE TABLE performance_metrics (
    id          TEXT    NOT NULL PRIMARY KEY,
    agent_id    TEXT
        CONSTRAINT performance_metrics_agent_fk REFERENCES agents (id),
    task_id     TEXT
        CONSTRAINT performance_metrics_task_fk REFERENCES tasks (id),
    name        TEXT    NOT NULL,
    value       REAL    NOT NULL,
    unit        TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '{}'
        CONSTRAINT performance_metrics_tags_json CHECK (CASE WHEN json_valid(tags) THEN json_type(tags) = 'object' ELSE 0 END),
    recorded_at INTEGER NOT NULL
) STRICT;

-- Windowed aggregates by name, optionally narrowed to one agent or task; the agent and task
-- indexes also serve their foreign keys.
CREATE INDEX performance_metrics_name_time_idx ON performance_metrics (name, recorded_at);
CREATE INDEX performance_metrics_agent_idx ON performance_metrics (agent_id, name, recorded_at);
CREATE INDEX performance_metrics_task_idx ON performance_metrics (task_id, name, recorded_at);

CREATE TABLE checkpoints (
    id           TEXT    NOT NULL PRIMARY KEY,
    project_id   TEXT    NOT NULL
        CONSTRAINT checkpoints_project_fk REFERENCES projects (id),
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL
        CONSTRAINT checkpoints_kind_check CHECK (kind IN ('quality_gate', 'milestone')),
    status       TEXT    NOT NULL
        CONSTRAINT checkpoints_status_check CHECK (status IN ('pending', 'passed', 'failed')),
    criteria     TEXT    NOT NULL
        CONSTRAINT checkpoints_criteria_json CHECK (CASE WHEN json_valid(criteria) THEN json_type(criteria) = 'object' ELSE 0 END),
    last_result  TEXT
        CONSTRAINT checkpoints_last_result_json
            CHECK (last_result IS NULL
                   OR CASE WHEN json_valid(last_result) THEN json_type(last_result) = 'object' ELSE 0 END),
    evaluated_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;

-- Foreign key, and the unique name per project.
CREATE UNIQUE INDEX checkpoints_project_name_uq ON checkpoints (project_id, name);
-- Failing (or passed, pending) checkpoints, most recently evaluated first.
CREATE INDEX checkpoints_status_idx ON checkpoints (status, evaluated_at DESC, id);
