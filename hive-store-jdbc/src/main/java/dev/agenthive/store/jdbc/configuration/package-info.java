/** Versioned system-wide and per-agent configuration over SQL, with compare-and-set on version. */
package dev.agenthive.store.jdbc.configuration;
