/**
 * Versioned configuration values by category and key, system-wide or per agent; an agent's read
 * falls back to the system value.
 */
package dev.agenthive.api.configuration;
