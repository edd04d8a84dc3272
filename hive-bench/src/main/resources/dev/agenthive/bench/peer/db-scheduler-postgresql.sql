-- db-scheduler's PostgreSQL schema, copied verbatim below this header from db-scheduler's repository
-- (github.com/kagkarlsson/db-scheduler, db-scheduler/src/test/resources/postgresql_tables.sql, the DDL
-- its README links for PostgreSQL). The file is unchanged from commit c3eace61 (2024-11-16, task
-- priorities) through master of 2026-06-03, so it is the schema of release 16.12.0 (2026-05-29),
-- the version hive-bench uses. The jar does not ship DDL.
create table scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked BOOLEAN not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures INT,
  last_heartbeat timestamp with time zone,
  version BIGINT not null,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- an optimization for users of priority might be to add priority to the execution_time_idx
-- this _might_ save reads as the priority-value is already in the index
-- CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time asc, priority desc);
