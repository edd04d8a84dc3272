-- Agent Hive schema V7 for PostgreSQL: blobs kept inside the database (hive.blob.url=store:), for
-- users who want one database to back up. Same names as SQLite's V7. A blob's id is the SHA-256 of
-- its content, so the row is written once per content; a put of the same content again only renews
-- stored_at, which garbage collection compares with its cutoff.

CREATE TABLE blobs (
    id          text        NOT NULL PRIMARY KEY
        CONSTRAINT blobs_id_check CHECK (id ~ '^[0-9a-f]{64}$'),
    -- Deflated (java.util.zip) by the store before it writes.
    content     bytea       NOT NULL,
    size        bigint      NOT NULL
        CONSTRAINT blobs_size_check CHECK (size >= 0),
    -- octet_length(content), kept in its own column so that a listing never reads the content.
    stored_size bigint      NOT NULL
        CONSTRAINT blobs_stored_size_check CHECK (stored_size = octet_length(content)),
    stored_at   timestamptz NOT NULL
);

-- The content is compressed already: TOAST keeps large values out of line without trying to
-- compress them again.
ALTER TABLE blobs ALTER COLUMN content SET STORAGE EXTERNAL;

-- No index besides the primary key: every statement finds a blob by id, and a listing pages by id.
