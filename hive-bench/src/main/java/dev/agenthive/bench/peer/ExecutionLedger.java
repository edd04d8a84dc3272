package dev.agenthive.bench.peer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a peer did with the backlog, as its own callbacks report it: every job id it executed (an id
 * executed twice is a duplicate), every job it completed (its final state saved), every failure it
 * reported. Thread-safe; one ledger per run.
 */
final class ExecutionLedger {
    private final Set<Object> executed = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final CountDownLatch firstCompletion = new CountDownLatch(1);

    /** The job method ran for {@code jobId}. */
    void executed(Object jobId) {
        if (!executed.add(jobId)) {
            duplicates.incrementAndGet();
        }
    }

    /** The peer saved a job as done. */
    void completed() {
        completed.incrementAndGet();
        firstCompletion.countDown();
    }

    /** The peer reported a failed job or an error of its own. */
    void failed() {
        failures.incrementAndGet();
    }

    long completedCount() {
        return completed.get();
    }

    long distinctExecuted() {
        return executed.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    long failures() {
        return failures.get();
    }

    /**
     * Jobs that ran but whose end state the peer never saved nor reported failed. Meaningful once the
     * peer has stopped: until then it includes the jobs in flight. A peer that swallows its storage
     * errors (JobRunr logs a failed save and goes on) shows them here.
     */
    long unfinished() {
        return Math.max(0, executed.size() - completed.get() - failures.get());
    }

    /** Everything that breaks "each job executed once, successfully", once the peer has stopped. */
    long errors() {
        return duplicates.get() + failures.get() + unfinished();
    }

    /** Waits until the first job has completed; false when {@code timeout} passed first. */
    boolean awaitFirstCompletion(Duration timeout) throws InterruptedException {
        return firstCompletion.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
