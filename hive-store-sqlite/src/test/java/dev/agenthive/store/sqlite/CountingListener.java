package dev.agenthive.store.sqlite;

import dev.agenthive.api.cache.ChangeListener;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what a change feed reports; the SQLite feed names no keys, so a named change is a bug. */
final class CountingListener implements ChangeListener {
    private final AtomicInteger unknown = new AtomicInteger();

    @Override
    public void changed(String region, Collection<String> keys) {
        throw new AssertionError("the SQLite feed names no keys, yet reported " + keys + " of " + region);
    }

    @Override
    public void changedAll(String region) {
        throw new AssertionError("the SQLite feed names no regions");
    }

    @Override
    public void unknownChanges() {
        unknown.incrementAndGet();
    }

    /** How many times {@link #unknownChanges()} was called. */
    int unknown() {
        return unknown.get();
    }
}
