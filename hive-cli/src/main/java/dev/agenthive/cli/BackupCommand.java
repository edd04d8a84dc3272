package dev.agenthive.cli;

import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.transfer.BackupArchive;
import dev.agenthive.core.transfer.StoreSource;
import dev.agenthive.core.transfer.TableSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hive backup}: a portable archive of one point in time of the store, or the check of one. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a backup of the store (--storage, --blob) while agents keep writing: every table at one "
                + "point in time and every blob those rows need, in one zip archive that 'hive restore' puts into an "
                + "empty store of any kind. Writers are not blocked: the backup reads one snapshot.",
                "--verify FILE reads an archive again and checks every table's rows against the count and checksum "
                        + "its manifest recorded and every blob against its id. Exit code 0 when sound, 1 otherwise."})
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    private Action action;

    /** Exactly one of writing or verifying. */
    static final class Action {
        @Option(names = "--to", paramLabel = "FILE", description = "Write the backup to FILE.")
        Path to;

        @Option(names = "--verify", paramLabel = "FILE", description = "Check the backup FILE.")
        Path verify;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (action.verify != null) {
            return verify(out, action.verify);
        }
        BackupArchive.Manifest manifest;
        try (OpenedStore opened = Hive.openStore(hive.storeConfig())) {
            StoreSource source = new StoreSource(opened.store(), opened.blobs());
            out.println("backup " + source.location() + " -> " + action.to.toAbsolutePath());
            manifest = BackupArchive.write(source, action.to, TransferLines.backupProgress(out, System.console() != null));
        }
        long rows = manifest.tables().stream().mapToLong(entry -> entry.summary().rows()).sum();
        out.println("wrote " + action.to + ": " + manifest.tables().size() + " tables, " + rows + " rows, "
                + manifest.blobs().size() + " blobs, as of " + manifest.takenAt());
        out.flush();
        return 0;
    }

    private int verify(PrintWriter out, Path file) {
        List<String> problems;
        BackupArchive.Manifest manifest;
        try (BackupArchive archive = BackupArchive.open(file)) {
            manifest = archive.manifest();
            problems = archive.verify();
        }
        out.println("backup " + file + " of " + manifest.source() + " as of " + manifest.takenAt() + " (layout "
                + manifest.layout() + ")");
        TextTable table = new TextTable("table", "rows", "checksum");
        for (BackupArchive.TableEntry entry : manifest.tables()) {
            TableSummary summary = entry.summary();
            table.row(entry.spec().name(), summary.rows(), summary.checksum().substring(0, 16));
        }
        table.render("").forEach(out::println);
        problems.forEach(problem -> out.println("  " + problem));
        out.println(problems.isEmpty()
                ? "sound: every table matches its count and checksum, all " + manifest.blobs().size() + " blobs match their ids"
                : problems.size() + " problems");
        out.flush();
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + file + " is damaged");
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }
}
