-- Agent Hive schema V6 for MariaDB: memory snapshot content may live in the blob store. Same
-- names and rules as SQLite's V6: a row whose content is in the blob store holds JSON null in
-- content. MariaDB has no partial index, so the one for the hive fsck and hive gc listing leads with location.

ALTER TABLE memory_snapshot_contents
    ADD COLUMN location VARCHAR(8) NOT NULL DEFAULT 'row',
    ADD CONSTRAINT memory_snapshot_contents_location_check
        CHECK (location = 'row' OR (location = 'blob' AND content = 'null' AND compressed_size IS NOT NULL));

CREATE INDEX memory_snapshot_contents_blob_idx ON memory_snapshot_contents (location, content_hash);
