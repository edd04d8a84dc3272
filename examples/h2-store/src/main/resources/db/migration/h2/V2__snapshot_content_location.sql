-- Agent Hive example schema V2 for H2: memory snapshot content may live in the blob store, with the
-- names and rules of the other stores' V6 (content holds JSON null when it is in the blob store).

ALTER TABLE memory_snapshot_contents ADD COLUMN location VARCHAR NOT NULL DEFAULT 'row';
ALTER TABLE memory_snapshot_contents ADD CONSTRAINT memory_snapshot_contents_location_check
    CHECK (location = 'row' OR (location = 'blob' AND CAST(content AS VARCHAR) = 'null' AND compressed_size IS NOT NULL));
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (location, content_hash);
