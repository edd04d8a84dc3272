-- Agent Hive schema V6 for PostgreSQL: large content lives in the blob store. Same names and rules
-- as SQLite's V6: a row whose content is in the blob store holds JSON null in its content column
-- (one rule for every store, and SQLite cannot drop the NOT NULL in place) and names the blob by
-- the SHA-256 of the content's UTF-8 text.

ALTER TABLE memory_snapshot_contents
    ADD COLUMN location text NOT NULL DEFAULT 'row',
    ADD CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null'::jsonb AND compressed_size IS NOT NULL));
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (content_hash) WHERE location = 'blob';

ALTER TABLE tasks
    ADD COLUMN payload_blob text,
    ADD COLUMN result_blob text,
    ADD CONSTRAINT tasks_payload_blob_check
        CHECK (payload_blob IS NULL OR (payload_blob ~ '^[0-9a-f]{64}$' AND payload = 'null'::jsonb)),
    ADD CONSTRAINT tasks_result_blob_check
        CHECK (result_blob IS NULL OR (result_blob ~ '^[0-9a-f]{64}$' AND result = 'null'::jsonb));
CREATE INDEX tasks_payload_blob_idx ON tasks (payload_blob) WHERE payload_blob IS NOT NULL;
CREATE INDEX tasks_result_blob_idx ON tasks (result_blob) WHERE result_blob IS NOT NULL;

ALTER TABLE agent_messages
    ADD COLUMN payload_blob text,
    ADD CONSTRAINT agent_messages_payload_blob_check
        CHECK (payload_blob IS NULL OR (payload_blob ~ '^[0-9a-f]{64}$' AND payload = 'null'::jsonb));
CREATE INDEX agent_messages_payload_blob_idx ON agent_messages (payload_blob) WHERE payload_blob IS NOT NULL;
