package dev.donjon.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code donjon} command. */
@Command(name = "donjon", mixinStandardHelpOptions = true, version = "donjon 0.1.0",
        description = "Donjon key management service.",
        subcommands = {ServerCommand.class, TokenCommand.class, KmipCommand.class, MasterKeyCommand.class,
                BackupCommand.class, RestoreCommand.class})
public final class Donjon {
    static {
        // Helidon logs through java.util.logging; one logging configuration should govern everything.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Donjon());
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            cmd.getErr().println("donjon: " + Failures.oneLine(failure));
            return 1;
        });
        return commandLine.execute(args);
    }
}
