/**
 * The {@code hive demo} engine: simulated agents on threads driving the public services, a
 * lock-free latency recorder, and the exactly-once check against the store.
 */
package dev.agenthive.cli.demo;
