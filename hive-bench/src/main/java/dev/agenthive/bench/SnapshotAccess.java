package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.snapshot.MemorySnapshot;
import dev.agenthive.api.snapshot.NewSnapshot;
import dev.agenthive.api.snapshot.SnapshotStats;
import dev.agenthive.core.Hive;

import java.util.Set;

/**
 * One contender of the snapshot rows, open on its database: Agent Hive through {@code hive.memory()},
 * or the floor's plain JDBC on the same tables. Every snapshot is one of {@link #AGENT}'s, registered
 * through Agent Hive when the contender opens. Thread-safe.
 */
interface SnapshotAccess extends AutoCloseable {
    String AGENT = "memory-agent";
    String MEMORY_TYPE = "working";
    double IMPORTANCE = 0.5;

    /**
     * Opens {@code contender} ("hive" with its content where {@code placement} says, or "floor", which
     * keeps content in its row) on {@code target} with {@code connections} connections.
     */
    static SnapshotAccess open(String contender, BenchTarget target, ContentPlacement placement, int connections)
            throws Exception {
        if (contender.equals("hive")) {
            Hive hive = Hives.open(target, connections, null, placement.settings());
            try {
                register(hive);
            } catch (RuntimeException e) {
                hive.close();
                throw e;
            }
            return new OnHive(hive);
        }
        try (Hive hive = Hives.open(target)) {
            register(hive);
        }
        return new OnFloor(Floor.open(target, connections));
    }

    private static void register(Hive hive) {
        hive.agents().register(AgentRegistration.of(AGENT, "bench", Set.of()));
    }

    /** Stores {@code document} as a new snapshot; returns its id. */
    String put(String document) throws Exception;

    /** The content of snapshot {@code id} as text, or {@code null} when there is no such snapshot. */
    String get(String id) throws Exception;

    /** Snapshots and distinct contents stored. */
    Floor.SnapshotCounts counts() throws Exception;

    /** Agent Hive's memory service. */
    final class OnHive implements SnapshotAccess {
        private final Hive hive;

        private OnHive(Hive hive) {
            this.hive = hive;
        }

        @Override
        public String put(String document) {
            return hive.memory().store(NewSnapshot.of(AGENT, MEMORY_TYPE, IMPORTANCE, Json.of(document))).id();
        }

        @Override
        public String get(String id) {
            return hive.memory().find(id).map(MemorySnapshot::content).map(Json::text).orElse(null);
        }

        @Override
        public Floor.SnapshotCounts counts() {
            SnapshotStats stats = hive.memory().stats();
            return new Floor.SnapshotCounts(stats.snapshots(), stats.contents());
        }

        @Override
        public void close() {
            hive.close();
        }
    }

    /** The floor, with ids made like its other rows'. */
    final class OnFloor implements SnapshotAccess {
        private final Floor floor;

        private OnFloor(Floor floor) {
            this.floor = floor;
        }

        @Override
        public String put(String document) throws Exception {
            String id = FloorIds.next('s');
            floor.putSnapshot(id, AGENT, MEMORY_TYPE, IMPORTANCE, document);
            return id;
        }

        @Override
        public String get(String id) throws Exception {
            return floor.snapshotContent(id);
        }

        @Override
        public Floor.SnapshotCounts counts() throws Exception {
            return floor.snapshotCounts();
        }

        @Override
        public void close() throws Exception {
            floor.close();
        }
    }
}
