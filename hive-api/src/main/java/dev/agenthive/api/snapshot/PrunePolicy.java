package dev.agenthive.api.snapshot;

import dev.agenthive.api.error.InvalidInputException;

/**
 * What pruning keeps of one agent's snapshots. Snapshots are ranked by importance, most important
 * first, ties broken by age, newer first; pruning keeps the longest run from the top of that
 * ranking that satisfies every limit given, and removes the rest.
 *
 * @param keep     keep at most this many, or {@code null} for no count limit
 * @param maxBytes keep at most this many bytes of content ({@link MemorySnapshot#sizeBytes()} summed), or
 *                 {@code null} for no byte limit
 */
public record PrunePolicy(Integer keep, Long maxBytes) {

    public PrunePolicy {
        if (keep == null && maxBytes == null) {
            throw new InvalidInputException("prune.keep", "or prune.maxBytes must be given");
        }
        if (keep != null && keep < 0) {
            throw new InvalidInputException("prune.keep", "must not be negative, was " + keep);
        }
        if (maxBytes != null && maxBytes < 0) {
            throw new InvalidInputException("prune.maxBytes", "must not be negative, was " + maxBytes);
        }
    }

    /** Keep the {@code n} most important snapshots. */
    public static PrunePolicy keepMostImportant(int n) {
        return new PrunePolicy(n, null);
    }

    /** Keep the most important snapshots that fit in {@code maxBytes}. */
    public static PrunePolicy maxBytes(long maxBytes) {
        return new PrunePolicy(null, maxBytes);
    }
}
