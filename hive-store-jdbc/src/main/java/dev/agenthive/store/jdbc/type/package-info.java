/**
 * MyBatis type handlers: instants as epoch milliseconds, JSON as text (through one abstract JSON
 * handler a JSONB dialect can override), enums as their lower-case {@code dbValue()}, string sets
 * and lists as JSON arrays.
 */
package dev.agenthive.store.jdbc.type;
