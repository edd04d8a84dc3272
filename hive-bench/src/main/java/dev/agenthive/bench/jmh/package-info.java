/**
 * JMH micro benchmarks behind {@code hive-bench --jmh}: the SQLite claim query Agent Hive runs
 * against the floor's, the JSON codec, and reading one task row through Agent Hive against a plain
 * {@code ResultSet}.
 */
package dev.agenthive.bench.jmh;
