package dev.agenthive.cli;

import dev.agenthive.api.spi.Importer;
import dev.agenthive.core.Hive;
import dev.agenthive.core.OpenedStore;
import dev.agenthive.core.config.HiveConfig;
import dev.agenthive.core.importer.ImportEntry;
import dev.agenthive.core.importer.ImportReport;
import dev.agenthive.core.importer.ImportRun;
import dev.agenthive.core.importer.KindSummary;
import dev.agenthive.core.json.JsonCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** {@code hive import SOURCE DIR}: the state another orchestrator left in a project folder, into the hive. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Bring the state another orchestrator left in a project folder (agents, tasks, sessions, "
                + "checkpoints, shared memory and snapshots, metrics, events) into the hive. SOURCE is claude-flow "
                + "or leanvibe. The folder is only read, never changed.",
                "Prints every row or file not imported with the reason, then a summary per kind. Importing the same "
                        + "folder again imports nothing new.",
                "Exit code 0 when the hive holds something from the folder (imported now or before); 1 when "
                        + "nothing could be imported or the hive failed."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "claude-flow or leanvibe")
    private String source;

    @Parameters(index = "1", paramLabel = "DIR", description = "The project folder to read.")
    private Path folder;

    @Override
    public Integer call() {
        List<Importer> importers = new ArrayList<>();
        ServiceLoader.load(Importer.class).forEach(importers::add);
        Importer importer = importers.stream().filter(candidate -> candidate.name().equals(source)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "no importer '" + source
                        + "'; the importers are " + importers.stream().map(Importer::name).sorted().toList()));
        PrintWriter out = spec.commandLine().getOut();
        HiveConfig config = hive.storeConfig();
        ImportReport report;
        try (OpenedStore opened = Hive.openStore(config)) {
            out.println("import " + importer.name() + " " + folder.toAbsolutePath().normalize() + " -> "
                    + opened.store().location());
            report = ImportRun.run(importer, folder, opened.store(),
                    new JsonCodec(config.jsonMaxDepth(), config.jsonMaxBytes()));
        }
        for (ImportEntry entry : report.entries()) {
            out.println(entry.outcome().name().toLowerCase() + "  " + entry.kind() + "  " + entry.origin() + ": "
                    + entry.reason());
        }
        TextTable table = new TextTable("kind", "imported", "skipped", "rejected");
        for (KindSummary kind : report.kinds()) {
            table.row(kind.kind(), kind.imported(), kind.skipped(), kind.rejected());
        }
        table.render("").forEach(out::println);
        out.println("imported " + report.imported() + ", skipped " + report.skipped() + " ("
                + report.alreadyImported() + " imported before), rejected " + report.rejected());
        out.flush();
        if (report.imported() + report.alreadyImported() == 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": nothing in " + folder + " could be imported");
            err.flush();
            return 1;
        }
        return 0;
    }
}
