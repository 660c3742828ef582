package dev.donjon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code donjon} command. */
@Command(name = "donjon", mixinStandardHelpOptions = true, version = "donjon 0.1.0",
        description = "Donjon key management service.",
        subcommands = {ServerCommand.class, TokenCommand.class, KmipCommand.class, LoginCommand.class,
                SecretCommand.class, OrderCommand.class, ContainerCommand.class, AclCommand.class,
                CompletionCommand.class, MasterKeyCommand.class, KekCommand.class, BackupCommand.class,
                RestoreCommand.class, AuditCommand.class, LockboxCommand.class, ReplicationCommand.class,
                ExportCommand.class, ImportCommand.class, MergeCommand.class, PartitionCommand.class,
                NotificationsCommand.class})
public final class Donjon {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with its failure handling: one line on stderr and exit status 1, never a stack trace. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Donjon());
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            cmd.getErr().println("donjon: " + Failures.oneLine(failure));
            return 1;
        });
        return commandLine;
    }
}
