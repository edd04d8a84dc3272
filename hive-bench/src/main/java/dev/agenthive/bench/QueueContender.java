package dev.agenthive.bench;

/** One implementation of the queue workload: Agent Hive, the plain-JDBC floor, or a peer. */
public interface QueueContender {
    /** Short name for the report: "hive", "floor", "jobrunr", "db-scheduler". */
    String name();

    /** Whether it can run on the store ("sqlite" or "postgresql"); Agent Hive and the floor run on both. */
    default boolean supports(String store) {
        return true;
    }

    /** Runs the workload on a clean database of the target and says what it measured. */
    Measurement run(BenchTarget target, QueueSpec spec) throws Exception;
}
