package dev.agenthive.store.sqlite;

/**
 * Counters of the writer since the store opened, for metrics and tests.
 *
 * @param commits     transactions committed (each a group of operations)
 * @param operations  operations acknowledged, failed ones included; {@code operations / commits} is the batching factor
 * @param retries     whole-batch retries after the database was locked by another process
 * @param checkpoints forced {@code RESTART} checkpoints that bounded the WAL
 * @param queued      operations waiting for the writer right now
 */
public record WriterStats(long commits, long operations, long retries, long checkpoints, int queued) {
}
