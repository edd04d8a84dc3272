package dev.agenthive.api.store;

import dev.agenthive.api.agent.AgentRepository;
import dev.agenthive.api.blob.BlobReferences;
import dev.agenthive.api.blob.BlobStore;
import dev.agenthive.api.cache.ChangeFeed;
import dev.agenthive.api.checkpoint.CheckpointRepository;
import dev.agenthive.api.configuration.ConfigurationRepository;
import dev.agenthive.api.error.ErrorCode;
import dev.agenthive.api.error.HiveException;
import dev.agenthive.api.event.EventRepository;
import dev.agenthive.api.git.GitStateRepository;
import dev.agenthive.api.memory.SharedMemoryRepository;
import dev.agenthive.api.message.MessageRepository;
import dev.agenthive.api.metric.MetricRepository;
import dev.agenthive.api.notify.Notifier;
import dev.agenthive.api.observe.Instrument;
import dev.agenthive.api.project.ProjectRepository;
import dev.agenthive.api.pullrequest.PullRequestRepository;
import dev.agenthive.api.session.ContextSessionRepository;
import dev.agenthive.api.snapshot.MemorySnapshotRepository;
import dev.agenthive.api.task.TaskRepository;
import dev.agenthive.api.transfer.TableAccess;

import java.util.List;
import java.util.Optional;

/**
 * Driven port: one open store, with one repository per aggregate. Implementations are thread-safe;
 * every repository call is atomic on its own, and {@link #inTransaction} makes several calls
 * atomic together. Aggregates added later arrive as new methods with a default, so existing
 * implementations keep compiling.
 */
public interface HiveStore extends AutoCloseable {

    AgentRepository agents();

    TaskRepository tasks();

    MessageRepository messages();

    EventRepository events();

    SharedMemoryRepository sharedMemory();

    /** Context sessions of agents. */
    default ContextSessionRepository sessions() {
        throw HiveStore.unsupported(this, "sessions");
    }

    /** Memory snapshots of agents. */
    default MemorySnapshotRepository snapshots() {
        throw HiveStore.unsupported(this, "snapshots");
    }

    /**
     * Runs {@code work} in one transaction: every repository call made through the store handed
     * to it commits together or not at all. If the work throws, nothing it wrote survives and the
     * exception reaches the caller. The work may run more than once when the store retries a
     * contended transaction, so it must have no effect outside the store; it must also be short,
     * since on embedded stores it holds the single writer.
     */
    <T> T inTransaction(TransactionWork<T> work);

    /** A quick check that the store answers. Never throws. */
    StoreHealth health();

    /** Where the data lives, with any credentials removed, e.g. {@code sqlite:/abs/path/hive.db}. */
    String location();

    /**
     * The store's own cross-process wake-up channel, if it has one (PostgreSQL LISTEN/NOTIFY, Redis
     * pub/sub). Without one, the core wakes waiters of its own process and re-checks the store
     * periodically for work from other processes.
     */
    default Optional<Notifier> notifier() {
        return Optional.empty();
    }

    /**
     * The store's channel for telling other processes which cached reads a write made stale, if it
     * has one (a shared counter beside an embedded file, PostgreSQL LISTEN/NOTIFY). Without one, the
     * core caches only through a cache that all processes share.
     */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    /**
     * Every blob this store's rows need, if the store moves large content out of its rows (see
     * {@link dev.agenthive.api.spi.LargeContent}). Without it, blob garbage collection refuses to run:
     * it could not tell which blobs are still needed.
     */
    default Optional<BlobReferences> blobReferences() {
        return Optional.empty();
    }

    /**
     * The blobs kept inside this store's own database ({@code hive.blob.url=store:}), if it can keep
     * them, for users who want one file or one database server to back up.
     */
    default Optional<BlobStore> blobStore() {
        return Optional.empty();
    }

    /**
     * The store's rows as they are, for copy, backup, restore and import, if it hands them out (every
     * store built on the JDBC kit does).
     */
    default Optional<TableAccess> tableAccess() {
        return Optional.empty();
    }

    /**
     * The figures the store keeps about itself (commits, pool usage, retries, lock waits), which the
     * core registers with the user's metrics registry, if any. Each is read only when the registry is
     * scraped, so keeping them costs the store no more than its plain counters. None by default.
     */
    default List<Instrument> instruments() {
        return List.of();
    }

    /**
     * The failure a default accessor of an aggregate added after a store was written throws, so
     * that such a store keeps compiling and fails clearly only when the new aggregate is used.
     */
    static HiveException unsupported(HiveStore store, String aggregate) {
        return new HiveException(ErrorCode.UNSUPPORTED,
                store.getClass().getName() + " does not support " + aggregate);
    }

    /** Releases connections and threads; pending acknowledged writes are durable before it returns. */
    @Override
    void close();

    /** Projects, epics and their task links. */
    default ProjectRepository projects() {
        throw HiveStore.unsupported(this, "projects");
    }

    /** Performance-metric samples. */
    default MetricRepository metrics() {
        throw HiveStore.unsupported(this, "metrics");
    }

    /** Checkpoints (quality gates and milestones) of projects. */
    default CheckpointRepository checkpoints() {
        throw HiveStore.unsupported(this, "checkpoints");
    }

    /** The git state of the agents' worktrees. */
    default GitStateRepository gitStates() {
        throw HiveStore.unsupported(this, "gitStates");
    }

    /** The pull requests. */
    default PullRequestRepository pullRequests() {
        throw HiveStore.unsupported(this, "pullRequests");
    }

    /** The system-wide and per-agent configuration. */
    default ConfigurationRepository configurations() {
        throw HiveStore.unsupported(this, "configurations");
    }
}
