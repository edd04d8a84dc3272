-- Agent Hive schema V5 for PostgreSQL: idempotency keys of messages. Same names as SQLite's V5.
-- Every copy of a broadcast carries the broadcast's key, so the key is unique per recipient; the
-- repository checks the rest (one key, one send or one broadcast) in the inserting transaction.

ALTER TABLE agent_messages ADD COLUMN idempotency_key text;

CREATE UNIQUE INDEX agent_messages_idempotency_key_uq ON agent_messages (idempotency_key, to_agent)
    WHERE idempotency_key IS NOT NULL;
