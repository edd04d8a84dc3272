-- Agent Hive schema V6 for SQLite: memory snapshot content may live in the blob store.
-- Content larger than hive.blob.inline-max-bytes is stored once in the blob store under its SHA-256,
-- which is content_hash; the row keeps the hash, the size and the stored (compressed) size.
-- SQLite cannot drop the NOT NULL of content without rebuilding a table other rows refer to, so
-- a row whose content is elsewhere holds the JSON literal null there, and the CHECK says so.

ALTER TABLE memory_snapshot_contents ADD COLUMN location TEXT NOT NULL DEFAULT 'row'
    CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null' AND compressed_size IS NOT NULL));

-- hive fsck and hive gc list the contents that need a blob.
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (content_hash) WHERE location = 'blob';
