/**
 * What a running hive shows of itself: a timer of every service call ({@link dev.agenthive.core.observe.OperationMeters}),
 * the queue's and inboxes' meters ({@link dev.agenthive.core.observe.DomainMeters}), the store's own figures
 * ({@link dev.agenthive.core.observe.StoreMeters}), all registered with the Micrometer registry the user gives, and the
 * slow-operation log ({@link dev.agenthive.core.observe.SlowOperations}). Without a registry and with the slow-operation
 * log off, none of it is wired and the services are the plain ones.
 */
package dev.agenthive.core.observe;
