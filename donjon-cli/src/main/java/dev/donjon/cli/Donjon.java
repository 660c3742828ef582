package dev.donjon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code donjon} command. */
@Command(name = "donjon", mixinStandardHelpOptions = true, version = "donjon 0.1.0",
        description = "Donjon key management service.")
public final class Donjon {
    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ServerCommand.class, TokenCommand.class,
            KmipCommand.class, LoginCommand.class, SecretCommand.class, OrderCommand.class, ContainerCommand.class,
            AclCommand.class, CompletionCommand.class, MasterKeyCommand.class, KekCommand.class, BackupCommand.class,
            RestoreCommand.class, AuditCommand.class, LockboxCommand.class, ReplicationCommand.class,
            ExportCommand.class, ImportCommand.class, MergeCommand.class, PartitionCommand.class,
            NotificationsCommand.class);
    /** The one subcommand that reads the whole tree (to print its completion script). */
    private static final String WHOLE_TREE = "completion";

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        // The server's own forms skip picocli altogether (ServerArguments says why).
        ServerCommand server = ServerArguments.parse(args);
        if (server != null) {
            return ServerArguments.run(server);
        }
        return commandLine(args.length == 0 ? null : args[0]).execute(args);
    }

    /** The whole command tree with its failure handling. */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree with its failure handling: one line on stderr and exit status 1, never a stack trace. When
     * {@code first} (the first argument) names a subcommand, only that one is built: picocli builds each command's
     * model by reflection over its annotations, and all 58 of them took a tenth of a server's start-up. Anything else
     * (no argument, an option, a typo, completion) gets the whole tree, so that help, suggestions and errors read as
     * they always did.
     */
    private static CommandLine commandLine(String first) {
        CommandLine commandLine = new CommandLine(new Donjon());
        Class<?> chosen = first == null || first.equals(WHOLE_TREE) ? null : SUBCOMMANDS.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(first)).findFirst().orElse(null);
        for (Class<?> command : SUBCOMMANDS) {
            if (chosen == null || chosen == command) {
                commandLine.addSubcommand(command);
            }
        }
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            cmd.getErr().println("donjon: " + Failures.oneLine(failure));
            return 1;
        });
        return commandLine;
    }
}
