/** Checkpoints of projects over SQL; the unique name per project is the database's unique index. */
package dev.agenthive.store.jdbc.checkpoint;
