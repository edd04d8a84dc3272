package dev.agenthive.cli;

import dev.agenthive.api.transfer.TableSpec;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.json.JsonCodec;
import dev.agenthive.core.transfer.CopyOptions;
import dev.agenthive.core.transfer.CopyReport;
import dev.agenthive.core.transfer.CopyTarget;
import dev.agenthive.core.transfer.Reject;
import dev.agenthive.core.transfer.RejectFile;
import dev.agenthive.core.transfer.StoreSource;
import dev.agenthive.core.transfer.TableCopy;
import dev.agenthive.core.transfer.TableResult;
import dev.agenthive.core.transfer.TableValidation;
import dev.agenthive.core.transfer.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code hive copy}: every row and blob of one store into another, with proof. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy every row and blob of one store into another of any kind (SQLite, PostgreSQL, MariaDB, "
                + "any installed plugin), from one point in time of the source, then prove it: per table the row "
                + "count and an order-independent checksum of every row must be equal on both sides.",
                "The target is migrated to the current schema first and must be empty unless --resume. Rows the "
                        + "target cannot hold go to the reject file, one JSON line each, with the reason.",
                "Exit code 0 when the copy is proven; 1 when a table differs, a blob failed, or rows were "
                        + "rejected without --allow-rejects."})
final class CopyCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URL", description = "The source store's URL.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The target store's URL.")
    private String to;

    @Option(names = "--from-blob", paramLabel = "URL",
            description = "The source's blob store (default: the folder beside a SQLite file, else the configured one).")
    private String fromBlob;

    @Option(names = "--to-blob", paramLabel = "URL",
            description = "The target's blob store (default: the folder beside a SQLite file, else the configured one).")
    private String toBlob;

    @Option(names = "--dry-run", description = "Read everything, report counts and what would be rejected and why; "
            + "write nothing (the target is not even opened).")
    private boolean dryRun;

    @Option(names = "--validate-only", description = "Copy nothing: only compare counts and checksums of source and "
            + "target (rows listed in the reject file are left out of the source's side).")
    private boolean validateOnly;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Rows per target transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--resume", description = "Finish a copy that stopped: rows the target holds already are kept, "
            + "the rest are copied.")
    private boolean resume;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Copy and validate only these tables (comma-separated).")
    private Set<String> tables;

    @Option(names = "--reject-file", paramLabel = "FILE", defaultValue = "hive-copy-rejects.jsonl",
            description = "Where rejected rows go (default: ${DEFAULT-VALUE}).")
    private Path rejectFile;

    @Option(names = "--allow-rejects", description = "Exit 0 even when rows were rejected (they are still listed).")
    private boolean allowRejects;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HiveConfig sourceConfig = hive.endConfig(from, fromBlob);
        HiveConfig targetConfig = hive.endConfig(to, toBlob);
        CopyOptions options = new CopyOptions(batchSize, resume, dryRun, Optional.ofNullable(tables));
        try (OpenedStore source = Hive.openStore(sourceConfig)) {
            StoreSource rows = new StoreSource(source.store(), source.blobs());
            // Before the target is opened (and so created and migrated): a wrong name leaves nothing behind.
            List<TableSpec> selected = options.select(rows.tables());
            if (dryRun) {
                out.println("dry run: copy " + rows.location() + " -> " + to + " (nothing is written)");
                CopyReport report = copier(targetConfig).copy(rows,
                        new CopyTarget(to, Optional.empty(), Optional.empty(), Hive.valueRules(targetConfig)),
                        options, RejectFile.at(rejectFile), TransferLines.progress(out, System.console() != null));
                TransferLines.copyReport(out, report, rejectFile.toString());
                out.println("the target's emptiness is checked when the copy runs");
                return report.rejected() > 0 && !allowRejects || !report.blobProblems().isEmpty() ? 1 : 0;
            }
            try (OpenedStore target = Hive.openStore(targetConfig)) {
                if (target.store().location().equals(source.store().location())) {
                    throw new ParameterException(spec.commandLine(),
                            "--from and --to name the same store: " + source.store().location());
                }
                return validateOnly ? validate(out, err, rows, target, selected)
                        : copy(out, err, rows, target, targetConfig, options, selected);
            }
        }
    }

    private int copy(PrintWriter out, PrintWriter err, StoreSource rows, OpenedStore target, HiveConfig targetConfig,
                     CopyOptions options, List<TableSpec> selected) {
        out.println("copy " + rows.location() + " -> " + target.store().location()
                + (resume ? " (resuming)" : ""));
        CopyReport report;
        try (RejectFile rejects = RejectFile.at(rejectFile)) {
            report = copier(targetConfig).copy(rows, new CopyTarget(target.store().location(),
                            target.store().tableAccess(), target.blobs(), target.rules()), options, rejects,
                    TransferLines.progress(out, System.console() != null));
        }
        TransferLines.copyReport(out, report, rejectFile.toString());
        List<Reject> rejected = RejectFile.read(rejectFile, rows.tables());
        ValidationReport validation = TableValidation.compare(
                report.tables().stream().collect(Collectors.toMap(TableResult::table, TableResult::expected)),
                TableValidation.of(rows), TableValidation.of(new StoreSource(target.store(), target.blobs())),
                selected, rejected);
        TransferLines.validationReport(out, validation);
        return verdict(err, validation, report.rejected(), report.blobProblems().size());
    }

    private int validate(PrintWriter out, PrintWriter err, StoreSource rows, OpenedStore target,
                         List<TableSpec> selected) {
        out.println("validate " + rows.location() + " against " + target.store().location());
        List<Reject> rejected = RejectFile.read(rejectFile, rows.tables());
        if (!rejected.isEmpty()) {
            out.println("leaving out of the source's side the " + rejected.size() + " rows listed in " + rejectFile);
        }
        TableValidation.Side source = TableValidation.of(rows);
        ValidationReport validation = TableValidation.compare(
                TableValidation.summarize(source, selected, rejected), source,
                TableValidation.of(new StoreSource(target.store(), target.blobs())), selected, rejected);
        TransferLines.validationReport(out, validation);
        return verdict(err, validation, rejected.size(), 0);
    }

    private int verdict(PrintWriter err, ValidationReport validation, long rejected, int blobProblems) {
        String name = spec.qualifiedName();
        if (!validation.equal()) {
            err.println(name + ": the target does not hold what the source holds");
            return 1;
        }
        if (blobProblems > 0) {
            err.println(name + ": " + blobProblems + " blobs could not be copied");
            return 1;
        }
        if (rejected > 0 && !allowRejects) {
            err.println(name + ": " + rejected + " rows were rejected (see " + rejectFile
                    + "); --allow-rejects accepts that");
            return 1;
        }
        return 0;
    }

    private static TableCopy copier(HiveConfig targetConfig) {
        return new TableCopy(new JsonCodec(targetConfig.jsonMaxDepth(), targetConfig.jsonMaxBytes()));
    }
}
