/**
 * StorageProvider {@code "sqlite"}: one SQLite file in WAL mode, all writes of a process through
 * one writer thread that commits concurrent callers' work together (group commit), reads through a
 * small pool of query-only connections, bounded busy retries across processes.
 */
package dev.agenthive.store.sqlite;
