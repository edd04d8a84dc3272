package dev.agenthive.cli;

import dev.agenthive.api.blob.BlobReference;
import dev.agenthive.core.Hive;
import dev.agenthive.core.blob.BlobCheckReport;
import dev.agenthive.core.blob.CorruptBlob;
import dev.agenthive.core.blob.UnreferencedBlob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code hive fsck}: checks the blob store against the rows that need its blobs. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check the blob store: read every blob and verify it against its id, find rows whose blob "
                + "is missing and blobs no row needs. Prints each by blob id (and the row that needs it).",
                "Exit code 0 when no blob is missing or corrupt (unreferenced blobs are listed but are not damage: "
                        + "'hive gc' removes them), 1 otherwise. Safe while other processes write."})
final class FsckCommand implements Callable<Integer> {

    @ParentCommand
    private HiveCommand hive;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BlobCheckReport report;
        try (Hive opened = hive.open(false)) {
            if (!BlobLines.header(out, opened)) {
                return 0;
            }
            report = opened.checkBlobs();
        }
        for (BlobReference missing : report.missing()) {
            out.println("missing       " + missing.blob() + "  needed by " + missing.holder());
        }
        for (CorruptBlob corrupt : report.corrupt()) {
            out.println("corrupt       " + corrupt.id() + "  " + corrupt.reason()
                    + (corrupt.holders().isEmpty() ? "" : "; needed by " + String.join(", ", corrupt.holders())));
        }
        for (UnreferencedBlob unreferenced : report.unreferenced()) {
            out.println("unreferenced  " + unreferenced.blob().id() + "  " + unreferenced.blob().storedSize()
                    + " bytes, stored " + BlobLines.age(unreferenced.age()) + " ago");
        }
        out.println("checked " + report.blobsChecked() + " blobs (" + report.storedBytesChecked() + " bytes stored)"
                + (report.referencesKnown() ? " against " + report.referencesChecked() + " references" : "")
                + ": " + report.missing().size() + " missing, " + report.corrupt().size() + " corrupt, "
                + (report.referencesKnown() ? report.unreferenced().size() + " unreferenced" : "references unknown"));
        if (!report.referencesKnown()) {
            out.println("the store cannot list the blobs its rows need: only the blobs' content was checked");
        }
        out.flush();
        if (report.damaged()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": " + report.missing().size() + " missing and "
                    + report.corrupt().size() + " corrupt blobs");
            err.flush();
            return 1;
        }
        return 0;
    }
}
