package dev.agenthive.tck;

import dev.agenthive.api.store.HiveStore;

import java.util.function.Function;

/**
 * What a store may leave out: the aggregates whose {@link HiveStore} accessor has a default that
 * throws {@link HiveStore#unsupported(HiveStore, String)}. A store declares what it has by
 * overriding {@link HiveStoreTck#capabilities()}; every test that needs a capability the store does
 * not declare checks, instead of its own body, that the store refuses that aggregate with
 * {@link dev.agenthive.api.error.ErrorCode#UNSUPPORTED} naming it. The test still runs and can still
 * fail: it is never skipped.
 */
public enum Capability {
    /** {@link HiveStore#sessions()}. */
    CONTEXT_SESSIONS("sessions", HiveStore::sessions),
    /** {@link HiveStore#snapshots()}. */
    MEMORY_SNAPSHOTS("snapshots", HiveStore::snapshots),
    /** {@link HiveStore#projects()}. */
    PROJECTS("projects", HiveStore::projects),
    /** {@link HiveStore#metrics()}. */
    METRICS("metrics", HiveStore::metrics),
    /** {@link HiveStore#checkpoints()}; checkpoints belong to projects, so it comes with {@link #PROJECTS}. */
    CHECKPOINTS("checkpoints", HiveStore::checkpoints),
    /** {@link HiveStore#gitStates()}. */
    GIT_STATES("gitStates", HiveStore::gitStates),
    /** {@link HiveStore#pullRequests()}. */
    PULL_REQUESTS("pullRequests", HiveStore::pullRequests),
    /** {@link HiveStore#configurations()}. */
    CONFIGURATIONS("configurations", HiveStore::configurations);

    private final String aggregate;
    private final Function<HiveStore, ?> accessor;

    Capability(String aggregate, Function<HiveStore, ?> accessor) {
        this.aggregate = aggregate;
        this.accessor = accessor;
    }

    /** The name of the {@link HiveStore} accessor, which a refusal must name. */
    public String aggregate() {
        return aggregate;
    }

    /** Calls the aggregate's accessor on {@code store}; a store without the capability throws. */
    Object access(HiveStore store) {
        return accessor.apply(store);
    }
}
