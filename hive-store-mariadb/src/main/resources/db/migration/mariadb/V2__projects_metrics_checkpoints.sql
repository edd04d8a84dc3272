-- Agent Hive schema V2 for MariaDB and MySQL: projects and epics with their task links, performance
-- metrics, checkpoints. Same names as the other stores' V2, same conventions as V1.

CREATE TABLE projects (
    id          VARCHAR(255) NOT NULL,
    name        VARCHAR(500) NOT NULL,
    description MEDIUMTEXT,
    kind        VARCHAR(32)  NOT NULL,
    parent_id   VARCHAR(255),
    status      VARCHAR(32)  NOT NULL,
    metadata    JSON         NOT NULL DEFAULT ('{}'),
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- Foreign key; also the epics of a project in creation order.
    INDEX projects_parent_idx (parent_id, created_at, id),
    INDEX projects_created_idx (created_at, id),
    INDEX projects_status_idx (status, created_at),
    CONSTRAINT projects_parent_fk FOREIGN KEY (parent_id) REFERENCES projects (id),
    CONSTRAINT projects_kind_check CHECK (kind IN ('project', 'epic')),
    CONSTRAINT projects_status_check CHECK (status IN ('active', 'completed', 'archived')),
    -- An epic belongs to exactly one project, a project to none; that the parent is a project, not
    -- an epic, needs a look at another row: the store checks it.
    CONSTRAINT projects_parent_check CHECK ((kind = 'project' AND parent_id IS NULL)
                                            OR (kind = 'epic' AND parent_id IS NOT NULL AND parent_id <> id))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE project_tasks (
    project_id VARCHAR(255) NOT NULL,
    task_id    VARCHAR(255) NOT NULL,
    linked_at  BIGINT       NOT NULL,
    -- Leads with project_id: the tasks of a project, and that foreign key's index.
    PRIMARY KEY (project_id, task_id),
    INDEX project_tasks_task_idx (task_id),
    CONSTRAINT project_tasks_project_fk FOREIGN KEY (project_id) REFERENCES projects (id),
    CONSTRAINT project_tasks_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id)
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE performance_metrics (
    id          VARCHAR(255) NOT NULL,
    agent_id    VARCHAR(255),
    task_id     VARCHAR(255),
    name        VARCHAR(255) NOT NULL,
    value       DOUBLE       NOT NULL,
    unit        VARCHAR(255) NOT NULL,
    tags        JSON         NOT NULL DEFAULT ('{}'),
    recorded_at BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- Windowed aggregates by name, optionally narrowed to one agent or task; the agent and task
    -- indexes also serve their foreign keys.
    INDEX performance_metrics_name_time_idx (name, recorded_at),
    INDEX performance_metrics_agent_idx (agent_id, name, recorded_at),
    INDEX performance_metrics_task_idx (task_id, name, recorded_at),
    CONSTRAINT performance_metrics_agent_fk FOREIGN KEY (agent_id) REFERENCES agents (id),
    CONSTRAINT performance_metrics_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id),
    CONSTRAINT performance_metrics_tags_json CHECK (json_valid(tags) AND json_type(tags) = 'OBJECT')
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;

CREATE TABLE checkpoints (
    id           VARCHAR(255) NOT NULL,
    project_id   VARCHAR(255) NOT NULL,
    name         VARCHAR(255) NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    status       VARCHAR(32)  NOT NULL,
    criteria     JSON         NOT NULL,
    last_result  JSON,
    evaluated_at BIGINT,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (id),
    -- Failing (or passed, pending) checkpoints, most recently evaluated first.
    INDEX checkpoints_status_idx (status, evaluated_at DESC, id),
    -- Foreign key, and the unique name per project.
    CONSTRAINT checkpoints_project_name_uq UNIQUE (project_id, name),
    CONSTRAINT checkpoints_project_fk FOREIGN KEY (project_id) REFERENCES projects (id),
    CONSTRAINT checkpoints_kind_check CHECK (kind IN ('quality_gate', 'milestone')),
    CONSTRAINT checkpoints_status_check CHECK (status IN ('pending', 'passed', 'failed')),
    CONSTRAINT checkpoints_criteria_json CHECK (json_valid(criteria) AND json_type(criteria) = 'OBJECT'),
    CONSTRAINT checkpoints_last_result_json
        CHECK (last_result IS NULL OR (json_valid(last_result) AND json_type(last_result) = 'OBJECT'))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;
