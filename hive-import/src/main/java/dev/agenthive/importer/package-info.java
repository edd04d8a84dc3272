/**
 * Importers of the state other orchestrators leave in a project folder: claude-flow
 * ({@link dev.agenthive.importer.claudeflow}) and LeanVibe agent-hive ({@link dev.agenthive.importer.leanvibe}).
 * Each is a {@link dev.agenthive.api.spi.Importer} found by {@link java.util.ServiceLoader}; it reads
 * one tool's files and hands rows of the hive's layout to an {@link dev.agenthive.api.spi.ImportSink}.
 *
 * <p>The other tools' SQLite files are read with plain JDBC rather than MyBatis mappers: their
 * schemas differ from file to file (three creators of {@code .hive-mind/hive.db} alone), so the
 * importers ask each file which tables and columns it has and read rows by column name. Table
 * names come from {@code sqlite_master} and are quoted; no value read is ever put into SQL text.
 * Source files are never opened for writing: a database is copied, with its {@code -wal} file, and
 * the copy is read.
 */
package dev.agenthive.importer;
