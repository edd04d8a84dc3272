package dev.agenthive.bench;

import java.util.List;

/** One line of the report: a workload that Agent Hive and its comparisons run on one store. */
interface Workload {
    /** Name in the report and for {@code --only}. */
    String name();

    /** Whether this workload runs on {@code store} ({@code sqlite}, {@code postgresql}); all do unless they say otherwise. */
    default boolean supports(String store) {
        return true;
    }

    /**
     * One run of every contender, each on a clean database of {@code database}.
     *
     * @return one measurement per contender, named "hive", "floor" or a peer's name
     */
    List<Measurement> run(BenchDatabase database) throws Exception;
}
