/**
 * What a store tells about itself for observation, without any metrics library: the
 * {@link dev.agenthive.api.observe.Instrument}s it keeps ({@link dev.agenthive.api.store.HiveStore#instruments()}),
 * which the core registers with a Micrometer registry when one is given, and the
 * {@link dev.agenthive.api.observe.StatementListener} through which the core learns which statements an
 * operation ran, for the slow-operation log.
 */
package dev.agenthive.api.observe;
