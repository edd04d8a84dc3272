/**
 * An optional add-on to the core: the hive's Micrometer meters, whichever the core and its stores
 * register, kept in a Prometheus registry and served on {@code GET /metrics} for a Prometheus server to
 * scrape. It is not a plugin of the storage SPI: nothing here is found by {@link java.util.ServiceLoader};
 * the application opens a {@link dev.agenthive.metrics.prometheus.PrometheusEndpoint} and hands its
 * registry to the hive.
 */
package dev.agenthive.metrics.prometheus;
