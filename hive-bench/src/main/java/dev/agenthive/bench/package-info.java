/**
 * The benchmark harness: Agent Hive measured through its public API against a hand-written plain-JDBC
 * floor (and, where present, peer libraries) on the same database in the same run. {@link
 * dev.agenthive.bench.BenchCommand} is the command line; workloads report {@link
 * dev.agenthive.bench.Measurement}s that {@link dev.agenthive.bench.MarkdownReport} turns into a table.
 */
package dev.agenthive.bench;
