package dev.agenthive.cli;

import dev.agenthive.api.Checks;
import dev.agenthive.api.blob.BlobInfo;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.spi.Durations;
import dev.agenthive.core.Hive;
import dev.agenthive.core.blob.BlobCollectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/** {@code hive gc}: removes the blobs no row needs once they are older than a grace period. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove the blobs no row needs that were last stored longer ago than the grace period.",
                "Safe while other processes write, as long as none takes longer than the grace period from storing "
                        + "a blob to committing the row that needs it. Refused when the store cannot list the blobs "
                        + "its rows need."})
final class GcCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h",
            description = "Keep unreferenced blobs stored more recently than this: 30m, 2h, 1d or ISO-8601 such as "
                    + "PT90M (default: ${DEFAULT-VALUE}).")
    private String grace;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        Duration gracePeriod;
        try {
            gracePeriod = Checks.positive(Durations.parse("--grace", grace), "--grace");
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        BlobCollectionReport report;
        try (Hive opened = hive.open(false)) {
            if (!BlobLines.header(out, opened)) {
                return 0;
            }
            report = opened.collectBlobs(gracePeriod, dryRun);
        }
        String verb = report.dryRun() ? "would remove" : "removed";
        Instant now = Instant.now();
        for (BlobInfo removed : report.removed()) {
            out.println(verb + "  " + removed.id() + "  " + removed.storedSize() + " bytes, stored "
                    + BlobLines.age(Duration.between(removed.storedAt(), now)) + " ago");
        }
        out.println(verb + " " + report.removed().size() + " unreferenced blobs (" + report.removedBytes()
                + " bytes) last stored before " + report.cutoff().truncatedTo(ChronoUnit.SECONDS) + "; kept "
                + report.kept() + " unreferenced blobs stored since; " + report.blobsScanned() + " blobs listed, "
                + report.referencedBlobs() + " needed by rows");
        out.flush();
        return 0;
    }
}
