/**
 * Importing the state other orchestrators leave in a project folder. The importers themselves are
 * plugins ({@link dev.agenthive.api.spi.Importer}, found by {@link java.util.ServiceLoader}; the
 * hive-import module holds those of claude-flow and LeanVibe); {@link dev.agenthive.core.importer.ImportRun}
 * is the sink they write into: it checks every row against the store's layout, writes parents first,
 * skips what an earlier import brought and reports every row it could not take, with the reason.
 */
package dev.agenthive.core.importer;
