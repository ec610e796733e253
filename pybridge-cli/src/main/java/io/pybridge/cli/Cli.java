package io.pybridge.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Parses and runs one {@code pybridge} command line with the given output streams, and returns its
 * exit status (see {@link ExitCodes}); failures become one line on {@code err}. Runs in the calling
 * JVM: a command that starts Python starts it here, once per JVM.
 */
final class Cli {
    private Cli() {
    }

    static int execute(PrintWriter out, PrintWriter err, String... args) {
        PyBridgeCommand root = new PyBridgeCommand();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        listExitCodes(commandLine);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            err.println(name + ": " + usageMessage(e) + " (see '" + name + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) ->
                Failures.report(e, failed.getCommandSpec().qualifiedName(), err, root.verbose()));
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** What was wrong with the command line, in one line. */
    private static String usageMessage(CommandLine.ParameterException e) {
        CommandLine failed = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && failed.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "': the commands are "
                    + String.join(", ", failed.getSubcommands().keySet());
        }
        return OneLine.of(e.getMessage()).replaceFirst("^Error: ", "");
    }

    /** Every command's help ends with the exit statuses. */
    private static void listExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.HELP);
        commandLine.getSubcommands().values().forEach(Cli::listExitCodes);
    }
}
