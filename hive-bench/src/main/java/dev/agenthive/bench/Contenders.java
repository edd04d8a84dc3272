package dev.agenthive.bench;

import java.util.List;

/** Every implementation of the queue workload the runner measures; peers are added to this one list. */
final class Contenders {
    private Contenders() {
    }

    static List<QueueContender> queue() {
        return List.of(new HiveQueue(), new FloorQueue());
    }
}
