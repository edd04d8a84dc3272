-- Agent Hive schema V6 for MariaDB: large content lives in the blob store. Same names and rules as
-- SQLite's V6: a row whose content is in the blob store holds JSON null in its content column and
-- names the blob by the SHA-256 of the content's UTF-8 text. MariaDB has no partial index: the
-- indexes for the hive fsck and hive gc listing hold NULL for the rows that name no blob.

ALTER TABLE memory_snapshot_contents
    ADD COLUMN location VARCHAR(8) NOT NULL DEFAULT 'row',
    ADD CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null' AND compressed_size IS NOT NULL));
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (location, content_hash);

ALTER TABLE tasks
    ADD COLUMN payload_blob VARCHAR(64),
    ADD COLUMN result_blob VARCHAR(64),
    ADD CONSTRAINT tasks_payload_blob_check
        CHECK (payload_blob IS NULL OR (payload_blob REGEXP '^[0-9a-f]{64}$' AND payload = 'null')),
    ADD CONSTRAINT tasks_result_blob_check
        CHECK (result_blob IS NULL OR (result_blob REGEXP '^[0-9a-f]{64}$' AND result = 'null'));
CREATE INDEX tasks_payload_blob_idx ON tasks (payload_blob);
CREATE INDEX tasks_result_blob_idx ON tasks (result_blob);

ALTER TABLE agent_messages
    ADD COLUMN payload_blob VARCHAR(64),
    ADD CONSTRAINT agent_messages_payload_blob_check
        CHECK (payload_blob IS NULL OR (payload_blob REGEXP '^[0-9a-f]{64}$' AND payload = 'null'));
CREATE INDEX agent_messages_payload_blob_idx ON agent_messages (payload_blob);
