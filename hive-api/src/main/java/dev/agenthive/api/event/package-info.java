/** The event log: append, query with keyset paging, follow in commit order, retention per severity. */
package dev.agenthive.api.event;
