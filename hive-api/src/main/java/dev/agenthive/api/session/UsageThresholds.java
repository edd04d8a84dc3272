package dev.agenthive.api.session;

import dev.agenthive.api.error.InvalidInputException;

/**
 * The fractions of a context window at which a session reaches each {@link UsageLevel}; they must
 * satisfy {@code 0 < consolidate < critical < sleep <= 1}.
 *
 * @param consolidate usage (tokens / max tokens) from which the level is {@link UsageLevel#CONSOLIDATE}
 * @param critical    usage from which the level is {@link UsageLevel#CRITICAL}
 * @param sleep       usage from which the level is {@link UsageLevel#SLEEP}
 */
public record UsageThresholds(double consolidate, double critical, double sleep) {
    /** 75 %, 85 % and 95 %. */
    public static final UsageThresholds DEFAULTS = new UsageThresholds(0.75, 0.85, 0.95);

    public UsageThresholds {
        if (!(consolidate > 0 && consolidate < critical)) {
            throw new InvalidInputException("thresholds.consolidate",
                    "must be above 0 and below the critical threshold " + critical + ", was " + consolidate);
        }
        if (!(critical < sleep)) {
            throw new InvalidInputException("thresholds.critical",
                    "must be below the sleep threshold " + sleep + ", was " + critical);
        }
        if (!(sleep <= 1)) {
            throw new InvalidInputException("thresholds.sleep", "must be at most 1, was " + sleep);
        }
    }

    /** The level of a session holding {@code tokenCount} of {@code maxTokens} tokens. */
    public UsageLevel levelOf(long tokenCount, long maxTokens) {
        double usage = (double) tokenCount / maxTokens;
        if (usage >= sleep) {
            return UsageLevel.SLEEP;
        }
        if (usage >= critical) {
            return UsageLevel.CRITICAL;
        }
        if (usage >= consolidate) {
            return UsageLevel.CONSOLIDATE;
        }
        return UsageLevel.NORMAL;
    }

    /** The fraction at which {@code level} starts; 0 for {@link UsageLevel#NORMAL}. */
    public double threshold(UsageLevel level) {
        return switch (level) {
            case NORMAL -> 0;
            case CONSOLIDATE -> consolidate;
            case CRITICAL -> critical;
            case SLEEP -> sleep;
        };
    }
}
