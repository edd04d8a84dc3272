-- Agent Hive schema V8 for SQLite: every event gets seq, its position in commit order, which
-- EventMapper.follow pages by. All writes to one database file are serialized by SQLite's write lock,
-- so a number taken as the row is inserted is in commit order. It is the table's AUTOINCREMENT rowid:
-- a plain rowid may be handed out again once the newest rows are deleted (retention deletes events),
-- and a follower past that number would never see the new event. An explicit seq (a copy keeps its
-- source's) raises sqlite_sequence, so later events still come after it.
--
-- SQLite cannot turn a column into the rowid in place: the table is built again, with the same
-- column and constraint names, and the existing events numbered in their (occurred_at, id) order.

CREATE TABLE events_v8 (
    seq            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL
        CONSTRAINT events_id_unique UNIQUE,
    type           TEXT    NOT NULL,
    severity       TEXT    NOT NULL
        CONSTRAINT events_severity_check CHECK (severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    agent_id       TEXT,
    correlation_id TEXT,
    details        TEXT    NOT NULL
        CONSTRAINT events_details_json CHECK (json_valid(details)),
    occurred_at    INTEGER NOT NULL
) STRICT;

INSERT INTO events_v8 (id, type, severity, agent_id, correlation_id, details, occurred_at)
SELECT id, type, severity, agent_id, correlation_id, details, occurred_at FROM events ORDER BY occurred_at, id;

DROP TABLE events;
ALTER TABLE events_v8 RENAME TO events;

CREATE INDEX events_time_idx ON events (occurred_at, id);
CREATE INDEX events_agent_idx ON events (agent_id, occurred_at, id);
CREATE INDEX events_type_idx ON events (type, occurred_at, id);
CREATE INDEX events_severity_idx ON events (severity, occurred_at, id);
CREATE INDEX events_correlation_idx ON events (correlation_id, occurred_at, id) WHERE correlation_id IS NOT NULL;
