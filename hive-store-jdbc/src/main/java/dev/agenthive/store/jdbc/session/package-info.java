/** Context sessions over SQL: one active session per agent by a partial unique index, usage level by compare-and-set. */
package dev.agenthive.store.jdbc.session;
