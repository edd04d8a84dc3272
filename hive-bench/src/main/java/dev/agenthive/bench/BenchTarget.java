package dev.agenthive.bench;

import java.nio.file.Path;

/**
 * The database one benchmark run measures: every contender (Agent Hive, the plain-JDBC floor, the peers)
 * runs on the same file or server. {@code store} is "sqlite" or "postgresql"; for SQLite {@code jdbcUrl}
 * is jdbc:sqlite:FILE and {@code workDir} is a fresh directory each contender may put its own file in.
 */
public record BenchTarget(String store, String jdbcUrl, String user, String password, Path workDir) {
}
