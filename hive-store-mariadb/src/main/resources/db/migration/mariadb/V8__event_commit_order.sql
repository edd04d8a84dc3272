-- Agent Hive schema V8 for MariaDB and MySQL: every event gets seq, its position in commit order, which
-- EventMapper.follow pages by. AUTO_INCREMENT is not in commit order: a transaction holding a small
-- number may commit after one holding a larger number was read, and a follower already past it would
-- never see it. The numbers come from the one row of event_position instead, taken in the inserting
-- transaction (MariaDbDialect.eventPositions): its row lock is held until that transaction ends, so
-- the next number goes out only after the holder of the previous one committed or rolled back.
--
-- The events of before this version are numbered in their (occurred_at, id) order. event_position is
-- not in the copy layout: after a copy the store raises it to the largest copied seq.

ALTER TABLE events ADD COLUMN seq BIGINT NULL;

UPDATE events
    JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY occurred_at, id) AS n FROM events) AS numbered
    ON numbered.id = events.id
SET events.seq = numbered.n;

ALTER TABLE events
    MODIFY seq BIGINT NOT NULL,
    -- PostgreSQL's name, whose index is on (tx, seq).
    ADD UNIQUE INDEX events_commit_idx (seq);

CREATE TABLE event_position (
    id TINYINT NOT NULL,
    -- The last seq handed out.
    n  BIGINT  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT event_position_one_row CHECK (id = 1)
) ENGINE = InnoDB;

INSERT INTO event_position (id, n) SELECT 1, COALESCE(MAX(seq), 0) FROM events;
