/**
 * The cache port: regions of values read through from the store and invalidated after writes,
 * and the store capability ({@link dev.agenthive.api.cache.ChangeFeed}) that tells a process-local
 * cache about other processes' writes. The store is always the source of truth.
 */
package dev.agenthive.api.cache;
