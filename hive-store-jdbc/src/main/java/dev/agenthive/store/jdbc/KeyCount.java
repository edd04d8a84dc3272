package dev.agenthive.store.jdbc;

/** One row of a {@code GROUP BY} count: the group's key and its number of rows. */
public record KeyCount(String key, long count) {
}
