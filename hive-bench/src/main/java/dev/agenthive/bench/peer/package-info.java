/**
 * The peers of the queue benchmark: the same workload as Agent Hive and the plain-JDBC floor, run
 * through JobRunr ({@link dev.agenthive.bench.peer.JobRunrQueue}) and db-scheduler
 * ({@link dev.agenthive.bench.peer.DbSchedulerQueue}), each on its own storage in the benchmark's
 * database and each reporting a {@link dev.agenthive.bench.Measurement} for the same table.
 */
package dev.agenthive.bench.peer;
