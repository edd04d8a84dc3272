-- Agent Hive example schema V3 for H2: blobs kept inside the database (hive.blob.url=store:), with
-- the names and rules of the other stores' V7. A blob's id is the SHA-256 of its content; a put of
-- the same content again only renews stored_at, which garbage collection compares with its cutoff.

CREATE TABLE blobs (
    id          VARCHAR NOT NULL PRIMARY KEY
        CONSTRAINT blobs_id_check CHECK (length(id) = 64 AND REGEXP_LIKE(id, '^[0-9a-f]*$')),
    -- Deflated (java.util.zip) by the store before it writes.
    content     BLOB    NOT NULL,
    size        BIGINT  NOT NULL
        CONSTRAINT blobs_size_check CHECK (size >= 0),
    -- OCTET_LENGTH(content), kept in its own column so that a listing never reads the content.
    stored_size BIGINT  NOT NULL
        CONSTRAINT blobs_stored_size_check CHECK (stored_size = OCTET_LENGTH(content)),
    stored_at   BIGINT  NOT NULL
);
