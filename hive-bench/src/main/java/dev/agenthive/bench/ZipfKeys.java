package dev.agenthive.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Draws key indexes {@code 0..n-1} with a Zipf distribution: index {@code k} has weight
 * {@code 1 / (k + 1)^s}, so a few keys are read most of the time, as a few busy agents are.
 */
final class ZipfKeys {
    private final double[] cumulative;

    ZipfKeys(int n, double exponent) {
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
    }

    /** The next index. */
    int next() {
        int at = Arrays.binarySearch(cumulative, ThreadLocalRandom.current().nextDouble());
        return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
    }
}
