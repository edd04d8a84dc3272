/**
 * StorageProvider {@code "sqlite"}: one SQLite file in WAL mode, all writes of a process through
 * one writer thread that commits concurrent callers' work together (group commit), reads through a
 * small pool of query-only connections, bounded busy retries across processes, and a memory-mapped
 * counter beside the file through which the processes tell each other that their caches are stale.
 */
package dev.agenthive.store.sqlite;
