package dev.agenthive.it.cli;

import dev.agenthive.cli.HiveCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One {@code hive} command run in this JVM with an empty environment, as a user runs it: its exit
 * code and what it printed.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = HiveCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of())
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
