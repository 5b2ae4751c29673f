package org.mscluster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mscluster}: the entry point of the runnable jar and of the {@code ./mscluster} launcher. */
@Command(name = "mscluster", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Java control plane and cluster for the mediasoup SFU.",
        subcommands = {WorkerCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("mscluster: " + Errors.describe(error));
            return 1;
        });
        return line;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
