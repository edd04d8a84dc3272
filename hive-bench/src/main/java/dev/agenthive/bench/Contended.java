package dev.agenthive.bench;

/**
 * Runs one contender on a fresh database and drops the database afterwards. A contender that throws
 * is reported as a failed measurement with one error instead of ending the whole benchmark.
 */
final class Contended {
    /** One contender's run on its own database. */
    @FunctionalInterface
    interface Run {
        Measurement on(BenchTarget target) throws Exception;
    }

    private Contended() {
    }

    static Measurement run(BenchDatabase database, String contender, Run run) throws Exception {
        BenchTarget target = database.fresh();
        try {
            return run.on(target);
        } catch (Exception e) {
            System.err.println("[" + contender + "] failed: " + e);
            e.printStackTrace(System.err);
            return new Measurement(contender, 0, 0, 0, Double.NaN, Double.NaN, 1, "failed: " + e);
        } finally {
            database.drop(target);
        }
    }
}
