package dev.donjon.cli;

import dev.donjon.client.DonjonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "replication", mixinStandardHelpOptions = true,
        description = "Ownership of replicated secrets (docs/replication.md).",
        subcommands = {ReplicationCommand.Promote.class})
final class ReplicationCommand {

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make this server the owner of a replica, which then accepts writes here (after losing the "
                    + "owner site, or to move ownership on purpose); prints the previous owner.")
    static final class Promote implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID", description = "The replica's secret id or reference URL.")
        String id;

        @Override
        public Integer call() {
            try (DonjonClient donjon = server.connect()) {
                System.out.println(donjon.lockboxes().promote(id));
            }
            return 0;
        }
    }
}
