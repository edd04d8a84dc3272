/**
 * CacheProvider {@code "caffeine"}: an in-process cache, one Caffeine cache per region, bounded by
 * entries and aged by the settings' clock. A load never installs its value after an invalidation of
 * its key (no stale set), and no lock is held while a loader reads the store: each load takes a
 * lease in the map, and only a load whose lease is still there installs.
 */
package dev.agenthive.cache.caffeine;
