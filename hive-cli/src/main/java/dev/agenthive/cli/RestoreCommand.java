package dev.agenthive.cli;

import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.transfer.BackupArchive;
import dev.agenthive.core.transfer.CopyOptions;
import dev.agenthive.core.transfer.CopyReport;
import dev.agenthive.core.transfer.CopyTarget;
import dev.agenthive.core.transfer.RejectFile;
import dev.agenthive.core.transfer.StoreSource;
import dev.agenthive.core.transfer.TableCopy;
import dev.agenthive.core.transfer.TableValidation;
import dev.agenthive.core.transfer.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hive restore}: a backup into an empty store of any kind, with proof. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup ('hive backup --to FILE') into an empty store of any kind, then prove it: "
                + "every table's count and checksum in the target must equal the backup's manifest.",
                "Exit code 0 when proven; 1 when a table differs, a blob failed or rows were rejected."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup archive.")
    private Path from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The target store's URL.")
    private String to;

    @Option(names = "--to-blob", paramLabel = "URL",
            description = "The target's blob store (default: the folder beside a SQLite file, else the configured one).")
    private String toBlob;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Rows per target transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--resume", description = "Finish a restore that stopped.")
    private boolean resume;

    @Option(names = "--reject-file", paramLabel = "FILE", defaultValue = "hive-restore-rejects.jsonl",
            description = "Where rows the target cannot hold go (default: ${DEFAULT-VALUE}).")
    private Path rejectFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HiveConfig targetConfig = hive.endConfig(to, toBlob);
        try (BackupArchive archive = BackupArchive.open(from);
             OpenedStore target = Hive.openStore(targetConfig)) {
            out.println("restore " + archive.location() + " (as of " + archive.manifest().takenAt() + ") -> "
                    + target.store().location() + (resume ? " (resuming)" : ""));
            CopyReport report;
            try (RejectFile rejects = RejectFile.at(rejectFile)) {
                report = new TableCopy(new JsonCodec(targetConfig.jsonMaxDepth(), targetConfig.jsonMaxBytes()))
                        .copy(archive, new CopyTarget(target.store().location(), target.store().tableAccess(),
                                        target.blobs(), target.rules()),
                                new CopyOptions(batchSize, resume, false, Optional.empty()), rejects,
                                TransferLines.progress(out, System.console() != null));
            }
            TransferLines.copyReport(out, report, rejectFile.toString());
            // The manifest's figures, not the rows as read now: a damaged archive fails here too.
            ValidationReport validation = TableValidation.compare(archive.manifest().summaries(),
                    TableValidation.of(archive), TableValidation.of(new StoreSource(target.store(), target.blobs())),
                    archive.tables(), List.of());
            TransferLines.validationReport(out, validation);
            if (!validation.equal() || report.rejected() > 0 || !report.blobProblems().isEmpty()) {
                err.println(spec.qualifiedName() + ": the target does not hold exactly what the backup holds");
                return 1;
            }
            return 0;
        }
    }
}
