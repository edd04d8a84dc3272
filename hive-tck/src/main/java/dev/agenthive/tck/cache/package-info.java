/**
 * The cache TCK: {@link dev.agenthive.tck.cache.CacheContract}, which every
 * {@link dev.agenthive.api.spi.CacheProvider}'s test extends once, and its public tools:
 * {@link dev.agenthive.tck.cache.StaleSetScenario}, the stale-set race driven step by step,
 * {@link dev.agenthive.tck.cache.StaleReadHammer}, the same promise checked under real threads,
 * {@link dev.agenthive.tck.cache.SettableClock} to age entries without sleeping, and
 * {@link dev.agenthive.tck.cache.StringCodec}, the codec of the contract's regions.
 */
package dev.agenthive.tck.cache;
