-- Agent Hive schema V8 for PostgreSQL: every event gets its position in commit order, (tx, seq), which
-- EventMapper.follow pages by. A sequence alone is not in commit order: numbers are taken when rows
-- are inserted, and a transaction holding a small one may commit after one holding a larger number
-- was read. So tx is the writing transaction's id (pg_current_xact_id(), the top-level id even in a
-- savepoint; ids are handed out in increasing order) and seq orders the events within it. A follower
-- reads only below the oldest transaction still running (pg_snapshot_xmin of its statement's
-- snapshot): every transaction below it has ended, so nothing can still appear there.
--
-- The events of before this version get tx 0, below every transaction id (normal ids start at 3), and
-- seq in their (occurred_at, id) order. seq is not in the copy layout's key but moves with a copy;
-- the copying transaction's own id becomes tx, and the store raises the sequence above the copied seq.

CREATE SEQUENCE events_seq AS bigint;

ALTER TABLE events
    ADD COLUMN tx  xid8   NOT NULL DEFAULT '0',
    ADD COLUMN seq bigint;

UPDATE events SET seq = numbered.n
FROM (SELECT id, row_number() OVER (ORDER BY occurred_at, id) AS n FROM events) AS numbered
WHERE events.id = numbered.id;

SELECT setval('events_seq', COALESCE((SELECT max(seq) FROM events), 0) + 1, false);

ALTER TABLE events
    ALTER COLUMN tx SET DEFAULT pg_current_xact_id(),
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN seq SET DEFAULT nextval('events_seq');

ALTER SEQUENCE events_seq OWNED BY events.seq;

CREATE UNIQUE INDEX events_commit_idx ON events (tx, seq);
