/**
 * Importers of the state other orchestrators leave in a project folder. An
 * {@link dev.agenthive.importer.Importer} reads one tool's files and hands rows of the hive's
 * layout to an {@link dev.agenthive.importer.ImportSink}; {@link dev.agenthive.importer.ImportRun}
 * checks them, writes them parents first, skips what an earlier import brought already and reports
 * every row it could not take, with the reason.
 *
 * <p>The other tools' SQLite files are read with plain JDBC rather than MyBatis mappers: their
 * schemas differ from file to file (three creators of {@code .hive-mind/hive.db} alone), so the
 * importers ask each file which tables and columns it has and read rows by column name. Table
 * names come from {@code sqlite_master} and are quoted; no value read is ever put into SQL text.
 * Source files are never opened for writing: a database is copied, with its {@code -wal} file, and
 * the copy is read.
 */
package dev.agenthive.importer;
