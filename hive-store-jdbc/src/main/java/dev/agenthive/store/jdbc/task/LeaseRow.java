package dev.agenthive.store.jdbc.task;

import java.time.Instant;

/**
 * A leased task about to be taken back: enough to decide between the queue and the dead letters,
 * and the lease as seen (token and end), so that taking it back changes nothing if in the meantime
 * the task was completed, leased anew or its lease renewed.
 */
public record LeaseRow(String id, long leaseToken, Instant leaseUntil, int attempts, int maxAttempts) {
}
