/** The append-only event log over SQL, with keyset paging on (occurred_at, id). */
package dev.agenthive.store.jdbc.event;
