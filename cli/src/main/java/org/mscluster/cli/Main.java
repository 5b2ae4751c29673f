package org.mscluster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mscluster}: the entry point of the runnable jar and of the {@code ./mscluster} launcher. */
@Command(name = "mscluster", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Java control plane and cluster for the mediasoup SFU.",
        subcommands = {NodeCommand.class, MediaCommand.class, DispatcherCommand.class, WorkerCommand.class, BenchCommand.class, StatusCommand.class,
                TokenCommand.class, ClientCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System::getenv));
    }

    static int run(String[] args, java.util.function.Function<String, String> environment) {
        ConfigDefaults defaults;
        try {
            defaults = ConfigDefaults.fromArgs(args, environment);
        } catch (ConfigDefaults.ConfigException e) {
            System.err.println("mscluster: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        return commandLine(defaults).execute(args);
    }

    static CommandLine commandLine(ConfigDefaults defaults) {
        CommandLine line = new CommandLine(new Main());
        line.setDefaultValueProvider(defaults);
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            command.getErr().println("mscluster: " + Errors.describe(error));
            return error instanceof ConfigDefaults.ConfigException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return line;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
