/**
 * The core's use of the cache port: read-through regions of hot state, invalidation after each
 * write commits, other processes' writes through the store's change feed, and the rule that a
 * failing cache never fails a call.
 */
package dev.agenthive.core.cache;
