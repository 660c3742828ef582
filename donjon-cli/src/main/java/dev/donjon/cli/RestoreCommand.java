package dev.donjon.cli;

import dev.donjon.server.app.Node;
import dev.donjon.server.config.DonjonConfig;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.store.Backups;
import dev.donjon.server.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a backup into an empty data "
        + "directory or database, then verify the master key against it. Give the node the master key the backup's "
        + "keys were wrapped by (key file, DONJON_MASTER_KEY or HSM) first. Refused if the target holds data.")
final class RestoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        DonjonConfig config = store.resolve();
        DonjonConfig.Database database = config.database();
        Backups.restore(new StoreConfig(database.url(), database.user(), database.password(), database.poolSize(),
                database.connectionTimeout()),
                file).close();
        try (Node node = Node.open(config)) {
            node.store().write(tx -> {
                tx.audit().append(new AuditEvent(node.clock().instant(), null, null, null, null, null, null, Action.RESTORE,
                        "backup", AuditEvent.Outcome.SUCCESS, "restored from " + file.toAbsolutePath()));
                return null;
            });
            System.out.println("restored " + file + "; the master key (" + node.masterKeystore().backend()
                    + ") opens its keys");
        }
        return 0;
    }
}
