/** Inter-agent messages over SQL: direct, broadcast as one INSERT ... SELECT, inbox with visibility timeout. */
package dev.agenthive.store.jdbc.message;
