package dev.agenthive.api.metric;

import java.util.Objects;

/**
 * Aggregates of the samples a {@link MetricQuery} selects. Percentiles use the nearest-rank method
 * on the samples sorted by value: the p-th percentile of n samples is the sample of rank
 * {@code ceil(p / 100 * n)}, so it is always a recorded value.
 *
 * @param query the query aggregated
 * @param count number of samples
 * @param min   smallest value, {@code null} when there is no sample
 * @param max   largest value, {@code null} when there is no sample
 * @param avg   arithmetic mean, {@code null} when there is no sample
 * @param p50   median by nearest rank, {@code null} when there is no sample
 * @param p95   95th percentile by nearest rank, {@code null} when there is no sample
 */
public record MetricAggregate(MetricQuery query, long count, Double min, Double max, Double avg, Double p50, Double p95) {
    public MetricAggregate {
        Objects.requireNonNull(query, "query is null");
    }

    /**
     * Zero-based position of the nearest-rank {@code percentile} (0 &lt; p &le; 100) among {@code count}
     * sorted samples.
     */
    public static long nearestRankOffset(double percentile, long count) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        long rank = (long) Math.ceil(percentile / 100.0 * count);
        return Math.max(0, Math.min(count, rank) - 1);
    }
}
