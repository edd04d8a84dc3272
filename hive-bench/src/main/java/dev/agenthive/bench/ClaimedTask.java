package dev.agenthive.bench;

/** A task a worker claimed: its id and the lease token its completion must present. */
record ClaimedTask(String id, long leaseToken) {
}
