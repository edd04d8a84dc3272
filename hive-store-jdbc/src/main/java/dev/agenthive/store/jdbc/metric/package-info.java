/** Performance metrics over SQL: windowed aggregates and nearest-rank percentiles computed by the database. */
package dev.agenthive.store.jdbc.metric;
