package dev.agenthive.bench;

import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.core.Hive;

import java.util.List;
import java.util.Set;

/**
 * The queue workload on the floor: the schema and the agents are made by Agent Hive (tasks reference
 * their agent), the backlog and the claims and completions by hand-written JDBC.
 */
final class FloorQueue implements QueueContender {
    private static final String RESULT = "{\"ok\":true}";

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public Measurement run(BenchTarget target, QueueSpec spec) throws Exception {
        try (Hive hive = Hives.open(target)) {
            for (int w = 0; w < spec.workers(); w++) {
                hive.agents().register(AgentRegistration.of(HiveQueue.agent(w), "bench", Set.of()));
            }
        }
        ErrorLog errors = new ErrorLog(name() + " queue", System.err);
        try (Floor floor = Floor.open(target, spec.workers() + 1)) {
            floor.enqueue(spec.backlog());
            return QueueRun.run(name(), spec, n -> new QueueRun.Worker() {
                private final String agent = HiveQueue.agent(n);

                @Override
                public List<ClaimedTask> claim(int max) throws Exception {
                    return floor.claim(agent, max);
                }

                @Override
                public void complete(ClaimedTask task) throws Exception {
                    floor.complete(task, RESULT);
                }
            }, floor::countCompleted, errors);
        }
    }
}
