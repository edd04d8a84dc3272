package dev.agenthive.bench.peer;

import org.jobrunr.jobs.context.JobContext;

/**
 * The benchmark's job for JobRunr: does no work beyond recording that JobRunr ran it, by job id, in
 * the run's ledger. Public because JobRunr finds and invokes the job method by reflection; the
 * instance is handed out by {@link JobRunrQueue}'s job activator, so the ledger is the run's own and
 * no static state is involved.
 */
public final class JobRunrNoOpJob {
    private final ExecutionLedger ledger;

    JobRunrNoOpJob(ExecutionLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The job method; JobRunr passes the running job's context in place of the
     * {@link JobContext#Null} given at enqueue.
     */
    public void run(JobContext context) {
        ledger.executed(context.getJobId());
    }
}
