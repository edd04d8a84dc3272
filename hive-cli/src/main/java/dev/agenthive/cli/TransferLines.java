package dev.agenthive.cli;

import dev.agenthive.core.transfer.CopyProgress;
import dev.agenthive.core.transfer.CopyReport;
import dev.agenthive.core.transfer.Reject;
import dev.agenthive.core.transfer.TableComparison;
import dev.agenthive.core.transfer.TableResult;
import dev.agenthive.core.transfer.ValidationReport;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** How copy, backup and restore print their progress and their reports. */
final class TransferLines {

    private TransferLines() {
    }

    /**
     * Progress of a copy or restore per table: on a terminal one line rewritten in place (rows, rows/s,
     * ETA), otherwise a plain line when a table starts and ends and at most every five seconds in between.
     */
    static CopyProgress progress(PrintWriter out, boolean terminal) {
        return progress(out, terminal, true);
    }

    /** Progress of a backup, which only reads: the same lines, without the copy's counts. */
    static CopyProgress backupProgress(PrintWriter out, boolean terminal) {
        return progress(out, terminal, false);
    }

    private static CopyProgress progress(PrintWriter out, boolean terminal, boolean copying) {
        return new CopyProgress() {
            private String table;
            private long total;
            private long startedNanos;
            private long lastPrintNanos;

            @Override
            public void started(String name, long rows) {
                table = name;
                total = rows;
                startedNanos = System.nanoTime();
                lastPrintNanos = startedNanos;
                if (!terminal) {
                    out.println((copying ? "copying " : "reading ") + name + ": " + rows + " rows");
                    out.flush();
                }
            }

            @Override
            public void advanced(String name, long done) {
                long now = System.nanoTime();
                if (terminal) {
                    out.print("\r" + line(done, now) + "   ");
                    out.flush();
                } else if (now - lastPrintNanos >= 5_000_000_000L) {
                    lastPrintNanos = now;
                    out.println("  " + line(done, now));
                    out.flush();
                }
            }

            @Override
            public void finished(TableResult result) {
                if (terminal) {
                    out.print("\r" + line(result.sourceRows(), System.nanoTime()) + "   \n");
                } else if (copying) {
                    out.println("  " + result.table() + " done: " + result.copied() + " copied, "
                            + result.alreadyPresent() + " already there, " + result.rejected() + " rejected");
                } else {
                    out.println("  " + result.table() + " done: " + result.sourceRows() + " rows");
                }
                out.flush();
            }

            @Override
            public void blobs(long done, long total) {
                if (terminal) {
                    out.print("\rblobs " + done + "/" + total + (done == total ? "\n" : ""));
                    out.flush();
                } else if (done == total) {
                    out.println("blobs: " + total + " handled");
                    out.flush();
                }
            }

            private String line(long done, long now) {
                double seconds = Math.max(1e-3, (now - startedNanos) / 1e9);
                double rate = done / seconds;
                String eta = rate <= 0 || done >= total ? "0s"
                        : format(Duration.ofSeconds((long) Math.ceil((total - done) / rate)));
                return String.format("%-26s %9d/%-9d rows %10.0f rows/s  ETA %s", table, done, total, rate, eta);
            }
        };
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? seconds / 3600 + "h" + (seconds % 3600) / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }

    /** The per-table summary of a copy, its blobs and the first rejected rows. */
    static void copyReport(PrintWriter out, CopyReport report, String rejectFile) {
        TextTable table = new TextTable("table", "source", report.dryRun() ? "would copy" : "copied",
                "already there", report.dryRun() ? "would reject" : "rejected");
        for (TableResult result : report.tables()) {
            table.row(result.table(), Long.toString(result.sourceRows()), Long.toString(result.copied()),
                    Long.toString(result.alreadyPresent()), Long.toString(result.rejected()));
        }
        table.render("").forEach(out::println);
        out.println("blobs: " + report.blobsCopied() + (report.dryRun() ? " readable in the source" : " copied") + ", "
                + report.blobsPresent() + " already there, " + report.blobProblems().size() + " failed");
        for (String problem : report.blobProblems()) {
            out.println("  " + problem);
        }
        List<Reject> sample = report.rejectSample();
        if (!sample.isEmpty()) {
            out.println(report.rejected() + " rows " + (report.dryRun() ? "would be" : "were") + " rejected"
                    + (report.dryRun() ? "" : " (all listed in " + rejectFile + ")") + "; the first:");
            for (Reject reject : sample) {
                out.println("  " + reject.table() + " " + reject.key() + ": " + reject.reason());
            }
        }
        out.printf("%d rows read in %.1f s%n", report.sourceRows(), report.nanos() / 1e9);
        out.flush();
    }

    /** Counts and checksums per table, and the first rows that differ. */
    static void validationReport(PrintWriter out, ValidationReport report) {
        TextTable table = new TextTable("table", "expected rows", "target rows", "checksum");
        for (TableComparison comparison : report.tables()) {
            table.row(comparison.table(), Long.toString(comparison.expected().rows()),
                    Long.toString(comparison.actual().rows()),
                    comparison.equal() ? "equal " + comparison.actual().checksum().substring(0, 16)
                            : "DIFFERS");
        }
        table.render("").forEach(out::println);
        for (TableComparison comparison : report.tables()) {
            for (String difference : comparison.differences()) {
                out.println("  " + difference);
            }
        }
        long tables = report.tables().size();
        long rows = report.tables().stream().mapToLong(comparison -> comparison.actual().rows()).sum();
        out.println(report.equal()
                ? "validated: all " + tables + " tables have equal counts and checksums (" + rows + " rows)"
                : "NOT validated: " + report.tables().stream().filter(comparison -> !comparison.equal()).count()
                        + " of " + tables + " tables differ");
        out.flush();
    }
}
