package dev.agenthive.bench;

/**
 * Where a timed run is: warming up, measuring, or stopped. Written by the thread that times the run,
 * read by every worker.
 */
final class Phase {
    private volatile int state;
    private volatile long measureStart;
    private volatile long measureEnd;

    boolean measuring() {
        return state == 1;
    }

    boolean stopped() {
        return state == 2;
    }

    void startMeasuring() {
        measureStart = System.nanoTime();
        state = 1;
    }

    /** Stops the run; the measured window ends now unless it never opened. */
    void stop() {
        if (state == 1) {
            measureEnd = System.nanoTime();
        } else {
            measureStart = measureEnd = System.nanoTime();
        }
        state = 2;
    }

    /** Length of the measured window, once stopped. */
    double measuredSeconds() {
        return (measureEnd - measureStart) / 1e9;
    }
}
