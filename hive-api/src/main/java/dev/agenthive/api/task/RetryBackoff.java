package dev.agenthive.api.task;

import dev.agenthive.api.Checks;

import java.time.Duration;

/**
 * Exponential backoff before a failed task is claimable again: {@code initial * 2^(attempts-1)},
 * at most {@code max}.
 */
public record RetryBackoff(Duration initial, Duration max) {
    public RetryBackoff {
        Checks.notNegative(initial, "backoff.initial");
        Checks.notNegative(max, "backoff.max");
        if (max.compareTo(initial) < 0) {
            throw new dev.agenthive.api.error.InvalidInputException("backoff.max", "must not be less than backoff.initial");
        }
    }

    /** The delay after the given number of attempts (1 for the first failure). */
    public Duration delayAfter(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        long millis = initial.toMillis() << exponent;
        if (millis < 0 || millis > max.toMillis()) {
            return max;
        }
        return Duration.ofMillis(millis);
    }
}
