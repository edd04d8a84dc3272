package dev.agenthive.store.jdbc.task;

/**
 * What a claim could take now, each part counted no further than the horizon: queued tasks the
 * claimer is capable of, and leases that have ended (a claim takes those back first).
 */
public record ClaimableCount(int queued, int expired) {
    int total() {
        return queued + expired;
    }
}
