/** Performance metrics: samples per agent and task, and aggregates over time windows. */
package dev.agenthive.api.metric;
