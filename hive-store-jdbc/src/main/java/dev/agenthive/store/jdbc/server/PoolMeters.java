package dev.agenthive.store.jdbc.server;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

import java.util.concurrent.atomic.LongAdder;

/**
 * What HikariCP reports of each connection it hands out, through its own tracker interface, so that
 * the kit needs no metrics library: how many were acquired, how long callers waited for them, and
 * how many waits timed out. A few additions per acquisition.
 */
final class PoolMeters implements MetricsTrackerFactory, IMetricsTracker {
    private final LongAdder acquisitions = new LongAdder();
    private final LongAdder acquireNanos = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return this;
    }

    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        acquisitions.increment();
        acquireNanos.add(elapsedAcquiredNanos);
    }

    @Override
    public void recordConnectionTimeout() {
        timeouts.increment();
    }

    long acquisitions() {
        return acquisitions.sum();
    }

    long acquireNanos() {
        return acquireNanos.sum();
    }

    long timeouts() {
        return timeouts.sum();
    }
}
