/** The namespaced shared memory over SQL: compare-and-set on version, TTL, prefix listing as a key range. */
package dev.agenthive.store.jdbc.memory;
