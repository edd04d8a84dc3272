/**
 * Agent Hive's core. Public: the {@link dev.agenthive.core.Hive} facade, its Guice
 * {@link dev.agenthive.core.HiveModule} and the {@link dev.agenthive.core.MaintenanceReport} a hive
 * returns. Package-private, because users have no business with them: the engine behind the facade,
 * that is the services' implementations, maintenance, waiting for work, id generation and the
 * one wiring that builds them over an open store.
 */
package dev.agenthive.core;
