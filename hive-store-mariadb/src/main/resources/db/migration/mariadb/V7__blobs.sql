-- Agent Hive schema V7 for MariaDB and MySQL: blobs kept inside the database (hive.blob.url=store:),
-- for users who want one database to back up. Same names as the other stores' V7. A blob's id is the
-- SHA-256 of its content, so the row is written once per content; a put of the same content again
-- only renews stored_at, which garbage collection compares with its cutoff. The id check is
-- case-sensitive through the table's binary collation.

CREATE TABLE blobs (
    id          VARCHAR(64) NOT NULL,
    -- Deflated (java.util.zip) by the store before it writes.
    content     LONGBLOB    NOT NULL,
    size        BIGINT      NOT NULL,
    -- LENGTH(content), kept in its own column so that a listing never reads the content.
    stored_size BIGINT      NOT NULL,
    stored_at   BIGINT      NOT NULL,
    -- The only key: every statement finds a blob by id, and a listing pages by id.
    PRIMARY KEY (id),
    CONSTRAINT blobs_id_check CHECK (id REGEXP '^[0-9a-f]{64}$'),
    CONSTRAINT blobs_size_check CHECK (size >= 0),
    CONSTRAINT blobs_stored_size_check CHECK (stored_size = LENGTH(content))
) ENGINE = InnoDB ROW_FORMAT = DYNAMIC DEFAULT CHARSET = utf8mb4
  COLLATE = /*M! utf8mb4_nopad_bin */ /*!80000 utf8mb4_0900_bin */;
