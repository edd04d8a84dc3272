/** The agent registry over SQL. */
package dev.agenthive.store.jdbc.agent;
