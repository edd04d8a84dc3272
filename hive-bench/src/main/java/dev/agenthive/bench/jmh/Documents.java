package dev.agenthive.bench.jmh;

/** The JSON documents of the micro benchmarks. */
final class Documents {
    private Documents() {
    }

    /** A 1 KiB object with nested values of every kind, pretty-printed so normalising has work to do. */
    static String oneKib() {
        StringBuilder json = new StringBuilder("{\n  \"agent\": \"coder-1\",\n  \"ok\": true,\n  \"score\": 0.75,\n  \"items\": [");
        for (int i = 0; json.length() < 960; i++) {
            json.append(i == 0 ? "" : ",").append("\n    {\"n\": ").append(i).append(", \"name\": \"item-").append(i)
                    .append("\", \"tags\": [\"a\", \"b\"], \"nested\": {\"x\": null}}");
        }
        json.append("\n  ]\n}");
        return json.toString();
    }
}
