-- Agent Hive schema V6 for PostgreSQL: memory snapshot content may live in the blob store. Same
-- names and rules as SQLite's V6: a row whose content is in the blob store holds JSON null in
-- content (one rule for every store, and SQLite cannot drop the NOT NULL in place).

ALTER TABLE memory_snapshot_contents ADD COLUMN location text NOT NULL DEFAULT 'row'
    CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null'::jsonb AND compressed_size IS NOT NULL));

-- hive fsck and hive gc list the contents that need a blob.
CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (content_hash) WHERE location = 'blob';
