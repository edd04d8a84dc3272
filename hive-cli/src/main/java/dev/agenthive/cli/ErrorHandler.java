package dev.agenthive.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into exactly one line on stderr, prefixed with the command that failed,
 * and a non-zero exit code: 2 for a usage error, 1 for a failure while running. Scripts and CI
 * logs get the reason without a stack trace.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        commandLine.getErr().println(prefix(commandLine) + Failures.oneLine(ex.getMessage())
                + " (" + hint(ex, commandLine) + ")");
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(prefix(commandLine) + Failures.describe(ex));
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Points at the help, or at the usual mistake of giving a global option after the subcommand. */
    private static String hint(ParameterException ex, CommandLine commandLine) {
        CommandSpec root = commandLine.getCommandSpec().root();
        if (ex instanceof UnmatchedArgumentException unmatched && commandLine.getCommandSpec() != root) {
            for (String argument : unmatched.getUnmatched()) {
                String name = argument.split("=", 2)[0];
                if (root.findOption(name) != null) {
                    return "global options such as " + name + " go before the subcommand: "
                            + root.name() + " " + name + " ... " + commandLine.getCommandName();
                }
            }
        }
        return "see '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
    }

    private static String prefix(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName();
        // The demo is the platform's acceptance run: scripts look for its one FAILED line.
        return commandLine.getCommand() instanceof DemoCommand ? name + ": FAILED: " : name + ": ";
    }
}
