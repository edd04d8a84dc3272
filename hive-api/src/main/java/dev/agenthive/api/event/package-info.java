/** The event log: append, query with keyset paging, retention per severity. */
package dev.agenthive.api.event;
