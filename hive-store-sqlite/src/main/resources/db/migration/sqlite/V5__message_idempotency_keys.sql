-- Agent Hive schema V5 for SQLite: idempotency keys of messages, so that a send or broadcast
-- repeated after a lost answer returns what the first one stored instead of storing it twice.
-- Every copy of a broadcast carries the broadcast's key, so the key is unique per recipient; the
-- repository checks the rest (one key, one send or one broadcast) in the inserting transaction.

ALTER TABLE agent_messages ADD COLUMN idempotency_key TEXT;

CREATE UNIQUE INDEX agent_messages_idempotency_key_uq ON agent_messages (idempotency_key, to_agent)
    WHERE idempotency_key IS NOT NULL;
