package dev.agenthive.bench;

import dev.agenthive.bench.peer.DbSchedulerQueue;
import dev.agenthive.bench.peer.JobRunrQueue;

import java.util.List;

/** Every implementation of the queue workload the runner measures; peers are added to this one list. */
final class Contenders {
    private Contenders() {
    }

    /**
     * Agent Hive and the floor, and in a full run the peers too: a quick run checks the product's and the
     * floor's correctness, while the peers' own correctness is their module tests' business (JobRunr alone
     * needs a window of several 5 s polls).
     */
    static List<QueueContender> queue(boolean withPeers) {
        return withPeers
                ? List.of(new HiveQueue(), new FloorQueue(), new JobRunrQueue(), new DbSchedulerQueue())
                : List.of(new HiveQueue(), new FloorQueue());
    }
}
