package dev.agenthive.api.transfer;

/** What a column holds, and the Java type that carries its values between stores. */
public enum ColumnType {
    /** A {@link String}. */
    TEXT,
    /** A {@link Long}. */
    INTEGER,
    /** A {@link Double}. */
    REAL,
    /** A {@link java.time.Instant}; stores built on the JDBC kit keep milliseconds. */
    INSTANT,
    /** A JSON document as its text, a {@link String}; compared by value, not by spelling. */
    JSON
}
