package dev.agenthive.bench;

import dev.agenthive.bench.peer.DbSchedulerQueue;
import dev.agenthive.bench.peer.JobRunrQueue;

import java.util.List;

/** Every implementation of the queue workload the runner measures; peers are added to this one list. */
final class Contenders {
    private Contenders() {
    }

    static List<QueueContender> queue() {
        return List.of(new HiveQueue(), new FloorQueue(), new JobRunrQueue(), new DbSchedulerQueue());
    }
}
