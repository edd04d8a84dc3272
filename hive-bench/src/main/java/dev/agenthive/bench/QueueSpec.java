package dev.agenthive.bench;

import java.time.Duration;

/**
 * A queue workload: {@code backlog} no-op tasks are enqueued first (not measured), then {@code workers}
 * threads each claim up to {@code claimBatch} tasks at a time and complete each; throughput is counted
 * over {@code measure} after {@code warmup}. The backlog must be large enough never to run dry.
 */
public record QueueSpec(int workers, int claimBatch, int backlog, Duration warmup, Duration measure) {
}
