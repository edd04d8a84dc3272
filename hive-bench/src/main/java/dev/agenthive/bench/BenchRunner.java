package dev.agenthive.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs workloads on a database, each the configured number of times, and summarises every contender. */
final class BenchRunner {
    private final BenchSettings settings;
    private final PrintStream progress;

    BenchRunner(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    List<ReportRow> run(BenchDatabase database, List<Workload> workloads) throws Exception {
        List<ReportRow> rows = new ArrayList<>();
        for (Workload workload : workloads) {
            if (!workload.supports(database.store())) {
                continue;
            }
            long start = System.nanoTime();
            Map<String, List<Measurement>> runs = new LinkedHashMap<>();
            for (int run = 1; run <= settings.runs(); run++) {
                progress.printf("%s on %s, run %d/%d%n", workload.name(), database.store(), run, settings.runs());
                for (Measurement measurement : workload.run(database)) {
                    progress.printf("  %-12s %,12.0f/s  p50 %8.1f us  p99 %9.1f us  errors %d  %s%n",
                            measurement.contender(), measurement.throughput(), measurement.p50Micros(),
                            measurement.p99Micros(), measurement.errors(), measurement.note());
                    runs.computeIfAbsent(measurement.contender(), name -> new ArrayList<>()).add(measurement);
                }
            }
            progress.printf("  (%.1f s)%n", (System.nanoTime() - start) / 1e9);
            rows.add(new ReportRow(workload.name(), database.store(), runs.values().stream().map(Summary::of).toList()));
        }
        return rows;
    }
}
