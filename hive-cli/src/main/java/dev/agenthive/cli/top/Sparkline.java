package dev.agenthive.cli.top;

import java.util.List;

/** A one-line chart of a series in block characters, lowest {@code ▁} to highest {@code █}. */
final class Sparkline {
    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /**
     * The last {@code width} values of {@code values}, one block each, scaled to the largest of them.
     * Zero, negative and non-finite values draw the lowest block; any positive value draws at least
     * the second, so that a trickle of work is told apart from none.
     *
     * @return empty when there are no values or no width
     */
    static String of(List<Double> values, int width) {
        if (width <= 0 || values.isEmpty()) {
            return "";
        }
        List<Double> shown = values.subList(Math.max(0, values.size() - width), values.size());
        double max = 0;
        for (double value : shown) {
            if (Double.isFinite(value)) {
                max = Math.max(max, value);
            }
        }
        StringBuilder line = new StringBuilder(shown.size());
        for (double value : shown) {
            line.append(BLOCKS[level(value, max)]);
        }
        return line.toString();
    }

    private static int level(double value, double max) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return 0;
        }
        int level = (int) Math.round(value / max * (BLOCKS.length - 1));
        return Math.max(1, Math.min(BLOCKS.length - 1, level));
    }
}
