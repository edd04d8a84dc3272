-- Agent Hive schema V7 for SQLite: blobs kept inside the database (hive.blob.url=store:), for users
-- who want one file to back up. Same conventions as V1: INTEGER epoch milliseconds, named constraints.
-- A blob's id is the SHA-256 of its content, so the row is written once per content; a put of the
-- same content again only renews stored_at, which garbage collection compares with its cutoff.

CREATE TABLE blobs (
    id          TEXT    NOT NULL PRIMARY KEY
        CONSTRAINT blobs_id_check CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
    -- Deflated (java.util.zip) by the store before it asks for the writer.
    content     BLOB    NOT NULL,
    size        INTEGER NOT NULL
        CONSTRAINT blobs_size_check CHECK (size >= 0),
    -- length(content), kept in its own column so that a listing never reads the content.
    stored_size INTEGER NOT NULL
        CONSTRAINT blobs_stored_size_check CHECK (stored_size = length(content)),
    stored_at   INTEGER NOT NULL
) STRICT;

-- No index besides the primary key: every statement finds a blob by id, and a listing pages by id.
