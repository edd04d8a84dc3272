package dev.agenthive.core;

import dev.agenthive.api.agent.Agent;
import dev.agenthive.api.configuration.ConfigEntry;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.project.ProjectProgress;
import dev.agenthive.api.task.Task;
import dev.agenthive.core.cache.HiveCache;
import dev.agenthive.core.cache.JacksonCacheCodec;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The regions of hot state the services read through, and the one rule for their keys. Which
 * writes invalidate which region is decided at each write, in the services.
 *
 * @param agents     agent by id
 * @param agentLists agents by status (or all), keyed by {@link #agentListKey}; any agent write drops
 *                   the whole region, since a write moves an agent between lists
 * @param config     effective configuration values, keyed by {@link #key}(agent, category, key);
 *                   any configuration write drops the whole region (a system value is the
 *                   effective value of every agent without its own)
 * @param memory     shared-memory entries, keyed by {@link #key}(namespace, key)
 * @param tasks      task by id; transitions that reach other tasks (completion queues dependents,
 *                   cancel takes a subtree, requeues) drop the whole region
 * @param progress   project progress by project id; every task status change drops the whole region
 */
record HotReads(HiveCache.Region<Agent> agents,
                HiveCache.Region<List<Agent>> agentLists,
                HiveCache.Region<EffectiveConfig> config,
                HiveCache.Region<MemoryEntry> memory,
                HiveCache.Region<Task> tasks,
                HiveCache.Region<ProjectProgress> progress) {

    /** Separates the parts of a composite key; ids never contain control characters. */
    private static final char SEPARATOR = '\u001f';

    static HotReads wire(HiveCache cache) {
        return new HotReads(
                cache.region("agents", JacksonCacheCodec.of(Agent.class)),
                cache.region("agent-lists", JacksonCacheCodec.listOf(Agent.class)),
                cache.region("config", JacksonCacheCodec.of(EffectiveConfig.class)),
                cache.region("memory", JacksonCacheCodec.of(MemoryEntry.class)),
                cache.region("tasks", JacksonCacheCodec.of(Task.class)),
                cache.region("progress", JacksonCacheCodec.of(ProjectProgress.class)));
    }

    /** A composite key of ids. */
    static String key(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    /** The key of a status list; {@code null} status lists every agent. */
    static String agentListKey(String status, int limit) {
        return key(status == null ? "*" : status, Integer.toString(limit));
    }

    /**
     * Runs a write and then its invalidation, also when the write throws: a write whose commit
     * reply was lost may have committed, and its old values must not be served as if it had not.
     */
    static <T> T afterWrite(Supplier<T> write, Runnable invalidation) {
        try {
            return write.get();
        } finally {
            invalidation.run();
        }
    }

    /**
     * Runs a write that reports how many rows it changed, then its invalidation when it changed any
     * or when it throws (a lost commit reply may hide a committed write). Writes that run on a
     * schedule and usually change nothing (requeues) so announce nothing to other processes.
     */
    static int afterCountedWrite(IntSupplier write, Runnable invalidation) {
        int changed;
        try {
            changed = write.getAsInt();
        } catch (RuntimeException | Error e) {
            invalidation.run();
            throw e;
        }
        if (changed > 0) {
            invalidation.run();
        }
        return changed;
    }

    /** Every task status change: the task's own entry, and every project's progress. */
    void taskChanged(String taskId) {
        tasks.invalidate(taskId);
        progress.invalidateAll();
    }

    /** A change that may reach any task (dependents, subtrees, requeues) and so every project's progress. */
    void tasksChanged() {
        tasks.invalidateAll();
        progress.invalidateAll();
    }

    /** A write of one agent: its entry and every status list. */
    void agentChanged(String agentId) {
        agents.invalidate(agentId);
        agentLists.invalidateAll();
    }

    /**
     * An effective configuration value, cached whether or not one is set (most lookups ask for
     * values nobody set).
     *
     * @param entry the effective entry, or {@code null} when neither the agent nor the system sets it
     */
    record EffectiveConfig(ConfigEntry entry) {
    }
}
