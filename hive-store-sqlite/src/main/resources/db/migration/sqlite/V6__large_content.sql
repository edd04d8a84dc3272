-- Agent Hive schema V6 for SQLite: large content lives in the blob store.
-- Memory snapshot content, task payloads and results and message payloads larger than
-- hive.blob.inline-max-bytes are stored once in the blob store under the SHA-256 of their UTF-8
-- text. SQLite cannot drop a NOT NULL without rebuilding a table other rows refer to, so a row whose
-- content is elsewhere holds the JSON literal null in its content column, and a CHECK says so.
-- hive fsck and hive gc list every row that names a blob, through the partial indexes below.

-- Snapshot contents already have their hash (the blob's id) and a compressed size (the blob's
-- stored size); they gain where the content is.
ALTER TABLE memory_snapshot_contents ADD COLUMN location TEXT NOT NULL DEFAULT 'row'
    CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null' AND compressed_size IS NOT NULL));
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (content_hash) WHERE location = 'blob';

ALTER TABLE tasks ADD COLUMN payload_blob TEXT
    CONSTRAINT tasks_payload_blob_check
        CHECK (payload_blob IS NULL
            OR (length(payload_blob) = 64 AND payload_blob NOT GLOB '*[^0-9a-f]*' AND payload = 'null'));
ALTER TABLE tasks ADD COLUMN result_blob TEXT
    CONSTRAINT tasks_result_blob_check
        CHECK (result_blob IS NULL
            OR (length(result_blob) = 64 AND result_blob NOT GLOB '*[^0-9a-f]*' AND result = 'null'));
CREATE INDEX tasks_payload_blob_idx ON tasks (payload_blob) WHERE payload_blob IS NOT NULL;
CREATE INDEX tasks_result_blob_idx ON tasks (result_blob) WHERE result_blob IS NOT NULL;

ALTER TABLE agent_messages ADD COLUMN payload_blob TEXT
    CONSTRAINT agent_messages_payload_blob_check
        CHECK (payload_blob IS NULL
            OR (length(payload_blob) = 64 AND payload_blob NOT GLOB '*[^0-9a-f]*' AND payload = 'null'));
CREATE INDEX agent_messages_payload_blob_idx ON agent_messages (payload_blob) WHERE payload_blob IS NOT NULL;
