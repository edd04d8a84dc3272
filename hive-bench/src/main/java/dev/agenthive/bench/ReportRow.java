package dev.agenthive.bench;

import java.util.List;
import java.util.Optional;

/** One workload on one store: the summary of every contender that ran it. */
record ReportRow(String workload, String store, List<Summary> contenders) {
    ReportRow {
        contenders = List.copyOf(contenders);
    }

    Optional<Summary> contender(String name) {
        return contenders.stream().filter(summary -> summary.contender().equals(name)).findFirst();
    }

    long errors() {
        return contenders.stream().mapToLong(Summary::errors).sum();
    }
}
