-- Agent Hive schema V5 for MariaDB and MySQL: idempotency keys of messages. Same names as the other
-- stores' V5. Every copy of a broadcast carries the broadcast's key, so the key is unique per
-- recipient; NULL keys never collide, as under the others' WHERE idempotency_key IS NOT NULL.

ALTER TABLE agent_messages
    ADD COLUMN idempotency_key VARCHAR(255),
    ADD CONSTRAINT agent_messages_idempotency_key_uq UNIQUE (idempotency_key, to_agent);
