/** Background housekeeping: expired leases, crashed agents, expiry and retention. */
package dev.agenthive.core.maintenance;
