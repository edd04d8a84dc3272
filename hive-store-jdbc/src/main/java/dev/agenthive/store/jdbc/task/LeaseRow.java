package dev.agenthive.store.jdbc.task;

/** A leased task about to be taken back: enough to decide between the queue and the dead letters. */
public record LeaseRow(String id, int attempts, int maxAttempts) {
}
