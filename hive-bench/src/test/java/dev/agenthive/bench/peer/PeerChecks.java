package dev.agenthive.bench.peer;

import dev.agenthive.bench.Measurement;
import dev.agenthive.bench.QueueSpec;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Correctness checks shared by the peer smoke tests; none of them looks at a timing. */
final class PeerChecks {
    /** Small enough for a few seconds per run, large enough not to run dry in the short window. */
    static final QueueSpec SMOKE = new QueueSpec(2, 4, 2_000, Duration.ofMillis(100), Duration.ofMillis(500));

    /** Name prefixes of the threads the peers and their pools start. */
    private static final List<String> PEER_THREADS = List.of("backgroundjob-", "jobrunr-", "db-scheduler",
            "hive-bench-");

    private PeerChecks() {
    }

    /** The run measured something, and every job it ran, it ran once and without failure. */
    static void assertCorrect(Measurement measurement, String contender, ExecutionLedger ledger) {
        // The figures go to the test output for the reader; nothing below depends on them.
        System.out.println(measurement);
        assertThat(measurement.contender()).isEqualTo(contender);
        assertThat(measurement.operations()).isPositive();
        assertThat(measurement.seconds()).isPositive();
        assertThat(measurement.errors()).isZero();
        assertThat(ledger.duplicates()).as("jobs executed twice").isZero();
        assertThat(ledger.failures()).as("failed jobs").isZero();
        assertThat(ledger.completedCount()).as("completions without an execution")
                .isLessThanOrEqualTo(ledger.distinctExecuted());
        assertThat(measurement.p50Micros()).isNaN();
        assertThat(measurement.p99Micros()).isNaN();
        assertThat(measurement.note()).isNotBlank();
    }

    /** After a run, none of the peer's threads (workers, pollers, pool housekeepers) is left. */
    static void assertNoPeerThreadsLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(name -> PEER_THREADS.stream().anyMatch(name::startsWith));
    }
}
