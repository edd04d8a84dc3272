/**
 * SQLite under faults: writer processes killed with SIGKILL again and again (during open, migration,
 * WAL checkpoint and group commit), a full disk, I/O errors injected into a writer with {@code strace},
 * and a reader of another process holding a read transaction for a long time. Every test checks the
 * file against the ledgers its writers kept of the writes the store acknowledged.
 */
package dev.agenthive.it.fault.sqlite;
