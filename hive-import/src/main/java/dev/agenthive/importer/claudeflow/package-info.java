/**
 * The importer of claude-flow's project-folder state ({@code .hive-mind/}, {@code .swarm/},
 * {@code memory/}). Its files come from several generations of claude-flow code, so every table is
 * read by column name and every time and value in whatever encoding the row holds.
 */
package dev.agenthive.importer.claudeflow;
