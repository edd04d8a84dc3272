-- Agent Hive example schema V4 for H2, the other stores' V8: every event gets seq, its position in
-- commit order, which EventMapper.follow pages by. The store's writes take one lock in turn
-- (OneWriterExecutor), so a sequence number taken as the row is inserted is in commit order. The
-- events of before this version are numbered in their (occurred_at, id) order. After a copy, which
-- keeps its source's seq, the store raises the sequence above them (H2Dialect.eventPositions).

CREATE SEQUENCE events_seq;

ALTER TABLE events ADD COLUMN seq BIGINT;

UPDATE events SET seq = (
    SELECT numbered.n FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY occurred_at, id) AS n FROM events) AS numbered
    WHERE numbered.id = events.id);

ALTER SEQUENCE events_seq RESTART WITH (SELECT COALESCE(MAX(seq), 0) + 1 FROM events);

ALTER TABLE events ALTER COLUMN seq SET DEFAULT NEXT VALUE FOR events_seq;
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;

CREATE UNIQUE INDEX events_seq_idx ON events (seq);
