/** The task work queue over SQL: conditional updates for every transition, leases with fencing tokens. */
package dev.agenthive.store.jdbc.task;
