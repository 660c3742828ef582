package dev.donjon.cli;

import dev.donjon.server.app.Node;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.notify.NotificationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "notifications", description = "Inspect the usage notifications' delivery to the message broker.",
        mixinStandardHelpOptions = true, subcommands = {NotificationsCommand.Status.class})
final class NotificationsCommand {

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show how many notifications wait in "
            + "the outbox and since when, which node relays them, and whether the broker accepts a connection. Exits "
            + "with 3 when delivery is stalled (notifications wait and the broker is unreachable or nobody relays).")
    static final class Status implements Callable<Integer> {
        static final int STALLED = 3;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            DonjonConfig config = store.resolve();
            try (Node node = Node.open(config)) {
                NotificationStatus status = NotificationStatus.read(node.store(), node.store().jobLeases(),
                        config.notifications(), node.clock());
                System.out.print(status.describe());
                return status.stalled() ? STALLED : 0;
            }
        }
    }
}
