-- Agent Hive schema V2 for PostgreSQL: projects and epics with their task links, performance
-- metrics, checkpoints. Same names and conventions as V1 (and as SQLite's V2).

CREATE TABLE projects (
    id          text        NOT NULL PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    kind        text        NOT NULL
        CONSTRAINT projects_kind_check CHECK (kind IN ('project', 'epic')),
    parent_id   text
        CONSTRAINT projects_parent_fk REFERENCES projects (id),
    status      text        NOT NULL
        CONSTRAINT projects_status_check CHECK (status IN ('active', 'completed', 'archived')),
    metadata    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    -- An epic belongs to exactly one project, a project to none; that the parent is a project, not
    -- an epic, needs a look at another row: the store checks it.
    CONSTRAINT projects_parent_check CHECK ((kind = 'project' AND parent_id IS NULL)
                                            OR (kind = 'epic' AND parent_id IS NOT NULL AND parent_id <> id))
);

CREATE INDEX projects_parent_idx ON projects (parent_id, created_at, id);
CREATE INDEX projects_created_idx ON projects (created_at, id);
CREATE INDEX projects_status_idx ON projects (status, created_at);

CREATE TABLE project_tasks (
    project_id text        NOT NULL
        CONSTRAINT project_tasks_project_fk REFERENCES projects (id),
    task_id    text        NOT NULL
        CONSTRAINT project_tasks_task_fk REFERENCES tasks (id),
    linked_at  timestamptz NOT NULL,
    CONSTRAINT project_tasks_pkey PRIMARY KEY (project_id, task_id)
);

CREATE INDEX project_tasks_task_idx ON project_tasks (task_id);

CREATE TABLE performance_metrics (
    id          text             NOT NULL PRIMARY KEY,
    agent_id    text
        CONSTRAINT performance_metrics_agent_fk REFERENCES agents (id),
    task_id     text
        CONSTRAINT performance_metrics_task_fk REFERENCES tasks (id),
    name        text             NOT NULL,
    value       double precision NOT NULL,
    unit        text             NOT NULL,
    tags        jsonb            NOT NULL DEFAULT '{}'
        CONSTRAINT performance_metrics_tags_json CHECK (jsonb_typeof(tags) = 'object'),
    recorded_at timestamptz      NOT NULL
);

CREATE INDEX performance_metrics_name_time_idx ON performance_metrics (name, recorded_at);
CREATE INDEX performance_metrics_agent_idx ON performance_metrics (agent_id, name, recorded_at);
CREATE INDEX performance_metrics_task_idx ON performance_metrics (task_id, name, recorded_at);

CREATE TABLE checkpoints (
    id           text        NOT NULL PRIMARY KEY,
    project_id   text        NOT NULL
        CONSTRAINT checkpoints_project_fk REFERENCES projects (id),
    name         text        NOT NULL,
    kind         text        NOT NULL
        CONSTRAINT checkpoints_kind_check CHECK (kind IN ('quality_gate', 'milestone')),
    status       text        NOT NULL
        CONSTRAINT checkpoints_status_check CHECK (status IN ('pending', 'passed', 'failed')),
    criteria     jsonb       NOT NULL
        CONSTRAINT checkpoints_criteria_json CHECK (jsonb_typeof(criteria) = 'object'),
    last_result  jsonb
        CONSTRAINT checkpoints_last_result_json CHECK (last_result IS NULL OR jsonb_typeof(last_result) = 'object'),
    evaluated_at timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE UNIQUE INDEX checkpoints_project_name_uq ON checkpoints (project_id, name);
CREATE INDEX checkpoints_status_idx ON checkpoints (status, evaluated_at DESC, id);
