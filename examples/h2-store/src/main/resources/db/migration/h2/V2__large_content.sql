-- Agent Hive example schema V2 for H2: large content lives in the blob store, with the names and
-- rules of the other stores' V6 (a content column holds JSON null when its content is in the blob
-- store, which the row names by the SHA-256 of the content).

ALTER TABLE memory_snapshot_contents ADD COLUMN location VARCHAR NOT NULL DEFAULT 'row';
ALTER TABLE memory_snapshot_contents ADD CONSTRAINT memory_snapshot_contents_location_check
    CHECK (location = 'row' OR (location = 'blob' AND CAST(content AS VARCHAR) = 'null' AND compressed_size IS NOT NULL));
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (location, content_hash);

ALTER TABLE tasks ADD COLUMN payload_blob VARCHAR;
ALTER TABLE tasks ADD COLUMN result_blob VARCHAR;
ALTER TABLE tasks ADD CONSTRAINT tasks_payload_blob_check
    CHECK (payload_blob IS NULL OR (REGEXP_LIKE(payload_blob, '^[0-9a-f]{64}$') AND CAST(payload AS VARCHAR) = 'null'));
ALTER TABLE tasks ADD CONSTRAINT tasks_result_blob_check
    CHECK (result_blob IS NULL OR (REGEXP_LIKE(result_blob, '^[0-9a-f]{64}$') AND CAST(result AS VARCHAR) = 'null'));
CREATE INDEX tasks_payload_blob_idx ON tasks (payload_blob);
CREATE INDEX tasks_result_blob_idx ON tasks (result_blob);

ALTER TABLE agent_messages ADD COLUMN payload_blob VARCHAR;
ALTER TABLE agent_messages ADD CONSTRAINT agent_messages_payload_blob_check
    CHECK (payload_blob IS NULL OR (REGEXP_LIKE(payload_blob, '^[0-9a-f]{64}$') AND CAST(payload AS VARCHAR) = 'null'));
CREATE INDEX agent_messages_payload_blob_idx ON agent_messages (payload_blob);
