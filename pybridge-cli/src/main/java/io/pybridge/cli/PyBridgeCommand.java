package io.pybridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pybridge}: the top-level command; it only dispatches to its subcommands. */
@Command(name = "pybridge",
        mixinStandardHelpOptions = true,
        versionProvider = PyBridgeCommand.Version.class,
        subcommands = {DoctorCommand.class, RunCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        description = {
                "CPython inside the JVM: check the setup, call a Python function, measure the bridge.",
                "",
                "Which Python: --python PATH, --bundled, else the first that serves of -Dpybridge.python, "
                        + "$PYBRIDGE_PYTHON, $VIRTUAL_ENV, $CONDA_PREFIX, python3 and python on PATH, "
                        + "the bundled CPython."})
final class PyBridgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On errors, print the Python traceback and the Java stack trace; show PyBridge's debug log.")
    void verbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            // Read by slf4j-simple when its first logger is made, which is after the command line is parsed.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing: doctor, run or bench");
    }

    /** The version in the jar's manifest; a build from the class folders has none. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PyBridgeCommand.class.getPackage().getImplementationVersion();
            return new String[]{"pybridge " + (version == null ? "(development build)" : version)
                    + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
