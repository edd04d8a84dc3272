package dev.agenthive.metrics.prometheus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape read the way a Prometheus server reads it: every line a {@code # HELP}, a {@code # TYPE},
 * a sample of the family its last {@code # TYPE} declared (one per series) or empty. A line that
 * breaks the text format (version 0.0.4) fails the test, naming the line.
 */
final class Exposition {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?})?"
            + " (NaN|[+-]Inf|[-+]?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?");
    private static final List<String> SUFFIXES = List.of("", "_total", "_count", "_sum", "_bucket", "_created");

    private final Map<String, Double> samples;

    private Exposition(Map<String, Double> samples) {
        this.samples = samples;
    }

    static Exposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                family = type.group(1);
            } else if (sample.matches()) {
                String series = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
                if (!belongsTo(sample.group(1), family)) {
                    throw new AssertionError("sample outside its declared family " + family + ": " + line);
                }
                if (samples.put(series, Double.valueOf(sample.group(3).replace("Inf", "Infinity"))) != null) {
                    throw new AssertionError("series twice: " + line);
                }
            } else if (!HELP.matcher(line).matches()) {
                throw new AssertionError("not a line of the text format: '" + line + "'");
            }
        }
        return new Exposition(samples);
    }

    private static boolean belongsTo(String name, String family) {
        return family != null && name.startsWith(family) && SUFFIXES.contains(name.substring(family.length()));
    }

    /** The value of one series, written as the exposition writes it: {@code name{label="value",...}}. */
    Double value(String series) {
        return samples.get(series);
    }

    /** Every series with its value, in the exposition's order. */
    Map<String, Double> samples() {
        return samples;
    }
}
