/**
 * The health of a hive as one value: a status for each part (store, notifier, cache, blob store)
 * with its facts and last error, and the overall status a liveness or readiness probe acts on.
 */
package dev.agenthive.api.health;
