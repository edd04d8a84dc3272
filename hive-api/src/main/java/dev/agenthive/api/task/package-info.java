/** The task work queue: hierarchy, dependencies, leases with fencing tokens, retries and its persistence port. */
package dev.agenthive.api.task;
