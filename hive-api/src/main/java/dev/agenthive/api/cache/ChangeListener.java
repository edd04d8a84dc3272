package dev.agenthive.api.cache;

import java.util.Collection;

/** Receives other processes' publications from a {@link ChangeFeed}. */
public interface ChangeListener {

    /** The entries of {@code keys} in {@code region} changed. */
    void changed(String region, Collection<String> keys);

    /** Any entry of {@code region} may have changed. */
    void changedAll(String region);

    /**
     * Something changed that the feed cannot name (too many changes at once, a lost connection):
     * every cached entry may be stale.
     */
    void unknownChanges();
}
